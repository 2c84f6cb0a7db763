// The lanes on real integers: outputs equal the reference convolution, and the cycles counted
// from the decoded streams equal the plan's, for every format on random pruned layers.
#include <gtest/gtest.h>

#include <random>

#include "sparse/zero_skip_compute.h"
#include "workloads/pruning.h"
#include "workloads/reference.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

TEST(ZeroSkipCompute, LanesComputeTheReferenceConvolutionInThePlansCycles) {
    std::mt19937 rng(5);
    for (int trial = 0; trial < 40; ++trial) {
        ZeroSkipShape a;
        a.lanes = 1 + rng() % 9;
        a.group_size = 1 + rng() % a.lanes;
        while (a.lanes % a.group_size) --a.group_size;
        a.vector_width = 1 + rng() % 5;
        a.slice_channels = 1 + rng() % 4;
        a.sync_cycles = rng() % 2;
        a.format = static_cast<WeightFormat>(trial % 3);
        a.run_bits = 1 + rng() % 3;
        Layer l;
        l.name = "t";
        l.groups = 1 + rng() % 2;
        l.in_channels = l.groups * (1 + rng() % 5);
        l.out_channels = l.groups * (1 + rng() % 6);
        l.kernel_h = 1 + rng() % 3;
        l.kernel_w = 1 + rng() % 3;
        l.in_h = l.kernel_h + rng() % 5;
        l.in_w = l.kernel_w + rng() % 5;
        l.stride_h = 1 + rng() % 2;
        l.stride_w = 1 + rng() % 2;
        l.pad_top = l.pad_left = rng() % 2;
        l.pad_bottom = l.pad_right = rng() % 2;
        l.batch = 1 + rng() % 2;
        l.quant.weight_bits = 2 + rng() % 7;
        l.quant.activation_bits = 2 + rng() % 7;
        l.weights.seed = trial;
        const bool pruned = trial % 4 != 0;
        std::vector<std::uint8_t> mask;
        if (pruned) {
            l.sparsity.pattern = "unstructured";
            l.sparsity.params = OrderedJson{{"ratio", (rng() % 10) / 10.0}};
            mask = materialize_mask(l, layer_weights(l));
        }
        auto weights = layer_weights(l);
        for (std::size_t i = 0; i < mask.size(); ++i)
            if (!mask[i]) weights[i] = 0;
        const auto input = layer_activations(l, 99 + trial);
        const ZeroSkipPlan plan = plan_zero_skip_layer(l, pruned ? &mask : nullptr, a, 1 << 20, 1 << 20);
        ZeroSkipCompute c(l, a, input, weights, pruned ? &mask : nullptr);
        std::vector<std::int64_t> out(static_cast<std::size_t>(l.batch) * l.out_channels * l.out_h() * l.out_w(), -1);
        Cycles cycles = 0;
        ZeroSkipCounts counts;
        for (const ZeroSkipStep& s : plan.steps) {
            const LanePass& pass = plan.passes[s.pass];
            if (s.batch == 0 && s.row0 == 0) {
                EXPECT_EQ(c.load_pass(pass.k0, pass.k1), pass.weight_bytes);
            }
            for (std::uint32_t row = s.row0; row < s.row1; ++row)
                for (std::uint32_t q0 = 0; q0 < l.out_w(); q0 += a.vector_width)
                    cycles += c.run_block(s.batch, row, q0, std::min(l.out_w(), q0 + a.vector_width), out, counts);
        }
        SCOPED_TRACE("trial " + std::to_string(trial));
        EXPECT_EQ(cycles, plan.compute_cycles);
        EXPECT_EQ(out, reference_conv(l, input, layer_weights(l), mask));
    }
}

}  // namespace
}  // namespace skipsim
