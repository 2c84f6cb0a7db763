// The zero-skipping array's timing: dense layers at the dense rate, pruned layers never faster
// than their nonzero MACs over the peak, groups waiting for their slowest lane, and the seed's
// 256x256x3x3 speedup curve.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "sparse/zero_skip_plan.h"
#include "workloads/formats/workload_json.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

constexpr Bytes kHalf = 1 << 20;

Layer conv(std::uint32_t c, std::uint32_t k, std::uint32_t hw, std::uint32_t kernel, std::uint32_t pad) {
    Layer l;
    l.name = "conv";
    l.in_channels = c;
    l.out_channels = k;
    l.in_h = l.in_w = hw;
    l.kernel_h = l.kernel_w = kernel;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = pad;
    return l;
}

std::vector<std::uint8_t> unstructured(Layer& l, double ratio) {
    l.sparsity.pattern = "unstructured";
    l.sparsity.params = OrderedJson{{"ratio", ratio}};
    return materialize_mask(l, layer_weights(l));
}

TEST(ZeroSkipPlan, DenseLayersRunAtTheDenseRate) {
    ZeroSkipShape a;
    a.lanes = 16;
    a.vector_width = 4;
    a.group_size = 4;
    a.slice_channels = 8;
    a.sync_cycles = 0;
    // 32 filters on 16 lanes, 8 output columns in blocks of 4: every MAC slot busy.
    Layer l = conv(24, 32, 8, 3, 1);
    const ZeroSkipPlan p = plan_zero_skip_layer(l, nullptr, a, kHalf, kHalf);
    ASSERT_TRUE(p.error.empty()) << p.error;
    EXPECT_EQ(p.compute_cycles, p.dense_compute_cycles);
    EXPECT_EQ(p.compute_cycles, l.dense_macs() / (a.lanes * a.vector_width));
    // A dense layer is stored dense even when the array prefers a compressed format.
    for (WeightFormat f : {WeightFormat::bitmap, WeightFormat::rle}) {
        a.format = f;
        EXPECT_EQ(plan_zero_skip_layer(l, nullptr, a, kHalf, kHalf).compute_cycles, p.compute_cycles);
    }
}

TEST(ZeroSkipPlan, PrunedLayersNeverBeatTheirNonzerosOverThePeakNorTheDenseTime) {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 60; ++trial) {
        ZeroSkipShape a;
        a.lanes = 1u << (rng() % 5);
        a.group_size = 1u << (rng() % 3);
        if (a.lanes % a.group_size) a.group_size = a.lanes;
        a.vector_width = 1 + rng() % 8;
        a.slice_channels = 1 + rng() % 9;
        a.sync_cycles = rng() % 3;
        a.format = static_cast<WeightFormat>(rng() % 3);
        a.run_bits = 1 + rng() % 5;
        Layer l = conv(1 + rng() % 20, 1 + rng() % 40, 3 + rng() % 8, 1 + 2 * (rng() % 2), rng() % 2);
        const double ratio = (rng() % 10) / 10.0;
        const auto mask = unstructured(l, ratio);
        const ZeroSkipPlan p = plan_zero_skip_layer(l, &mask, a, kHalf, kHalf);
        ASSERT_TRUE(p.error.empty());
        const std::uint64_t nonzero_macs = count_kept(mask) * l.gemm().m;
        SCOPED_TRACE("trial " + std::to_string(trial));
        EXPECT_GE(p.compute_cycles * a.lanes * a.vector_width, nonzero_macs);
        if (a.format != WeightFormat::rle) {
            EXPECT_LE(p.compute_cycles, p.dense_compute_cycles);
        }
        if (a.format == WeightFormat::dense) {
            EXPECT_EQ(p.compute_cycles, p.dense_compute_cycles);
        }
    }
}

TEST(ZeroSkipPlan, AGroupWaitsForItsSlowestLane) {
    ZeroSkipShape a;
    a.lanes = 4;
    a.vector_width = 1;
    a.group_size = 2;
    a.slice_channels = 2;
    a.sync_cycles = 1;
    a.format = WeightFormat::bitmap;
    Layer l = conv(4, 4, 1, 1, 0);  // 4 filters x 4 channels, one pixel: 2 slices of 2 positions
    // Lanes 0, 1 form group 0; lanes 2, 3 group 1. Kept per (lane, slice):
    //   lane0: 2, 0   lane1: 0, 1   -> group 0: max(2,0) + 1 + max(0,1) + 1 = 5
    //   lane2: 1, 1   lane3: 1, 0   -> group 1: 1 + 1 + 1 + 1 = 4
    const std::vector<std::uint8_t> mask = {1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0};
    const ZeroSkipPlan p = plan_zero_skip_layer(l, &mask, a, kHalf, kHalf);
    ASSERT_EQ(p.passes.size(), 1u);
    EXPECT_EQ(p.passes[0].block_cycles, 5u);
    EXPECT_EQ(p.passes[0].entries, 6u);
    EXPECT_EQ(p.passes[0].idle_lane_cycles, 2u + 1u + 0u + 1u);
    EXPECT_EQ(p.compute_cycles, 5u);
    EXPECT_EQ(p.dense_compute_cycles, 2u * (2 + 1));
}

// The seed: "for a given sparsity, computation speed up increases as we have more channels"
// (more weights per lane between barriers, so the slowest lane is relatively less slow).
TEST(ZeroSkipPlan, SpeedupGrowsWithChannelsAtAGivenSparsity) {
    ZeroSkipShape a;
    a.group_size = 4;
    a.slice_channels = 64;
    a.sync_cycles = 3;
    a.format = WeightFormat::bitmap;
    double previous = 0;
    for (std::uint32_t c : {32u, 64u, 128u, 256u, 512u}) {
        Layer l = conv(c, 256, 14, 3, 1);
        const auto mask = unstructured(l, 0.8);
        const ZeroSkipPlan p = plan_zero_skip_layer(l, &mask, a, kHalf, kHalf);
        const double speedup = static_cast<double>(p.dense_compute_cycles) / static_cast<double>(p.compute_cycles);
        EXPECT_GT(speedup, previous) << c << " channels";
        EXPECT_LT(speedup, 5.0) << c << " channels";
        previous = speedup;
    }
}

// The seed's figure for a (256, 256, 3, 3) layer (MODELS.md section 4, read off the plot to about
// +-0.03) on zero_skip_64x8's parameters, with the weights tools/speedup_curve.sh generates (workload
// seed 2). The published masks are DeGirum's, ours are magnitude masks of seeded weights (other
// seeds move single points by up to 2%), and the layer's image size is not given (14x14 here), so
// the tolerance is 3.5% of each point: well below the 8-22% the published curve loses to ideal,
// which the model must lose too.
TEST(ZeroSkipPlan, ReproducesTheSeeds256x256x3x3SpeedupCurve) {
    const double published[] = {0, 1, 1.84, 2.71, 3.54, 4.41, 5.15, 5.87, 6.55, 7.25, 7.84};
    ZeroSkipShape a;
    a.lanes = 64;
    a.vector_width = 8;
    a.group_size = 4;
    a.slice_channels = 64;
    a.sync_cycles = 3;
    a.format = WeightFormat::bitmap;
    for (int r = 2; r <= 10; ++r) {
        Layer l = conv(256, 256, 14, 3, 1);
        l.weights.seed = default_weight_seed(2, 0);
        const auto mask = unstructured(l, 1.0 - 1.0 / r);
        const ZeroSkipPlan p = plan_zero_skip_layer(l, &mask, a, kHalf, kHalf);
        const double speedup = static_cast<double>(p.dense_compute_cycles) / static_cast<double>(p.compute_cycles);
        EXPECT_NEAR(speedup, published[r], 0.035 * published[r]) << "parameter reduction " << r;
        EXPECT_LT(speedup, 0.95 * r) << "parameter reduction " << r;
    }
}

}  // namespace
}  // namespace skipsim
