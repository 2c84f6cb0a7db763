// The cores' functional path without SystemC: walking a compiled program's COMP iterations,
// loading each core's input tile and its compacted block-sparse weights and accumulating,
// reproduces the reference convolution bit for bit, on random small layers and meshes with
// buffers small enough to force W-, COUT- and CIN-splits, bands and passes.
#include <gtest/gtest.h>

#include <random>

#include "aie/aie_kernel.h"
#include "workloads/pruning.h"
#include "workloads/reference.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

std::vector<std::int64_t> run_program(const AiePlan& plan, const std::vector<std::int32_t>& in,
                                      const std::vector<std::int32_t>& w) {
    const Layer& l = plan.layer();
    const AieParams& p = plan.params();
    std::vector<std::int64_t> out(static_cast<std::size_t>(l.batch) * l.out_channels * l.out_h() * l.out_w(), 0);
    const std::uint32_t npc = plan.cpieces();
    for (const AieInstr& i : plan.program()) {
        if (i.op != AieOp::comp) continue;
        for (std::uint32_t r = 0; r < p.rows; ++r)
            for (std::uint32_t c = 0; c < p.cols; ++c) {
                std::vector<std::int64_t> acc(static_cast<std::size_t>(plan.k_t()) * plan.w_t(), 0);
                for (std::uint32_t it = 0; it < i.iterations; ++it) {
                    const std::uint32_t s = i.step0 + it, row = i.row0 + s / npc, cp = s % npc;
                    const Range q = plan.width(plan.wpart(c), i.wpiece), k = plan.channels(plan.kpart(r, c), i.kpiece, i.grp);
                    const CoreTile tile = load_tile(plan, in, row, q, plan.in_channels(cp, i.grp));
                    const PackedWeights pw = pack_weights(plan, w, plan.kpart(r, c), i.kpiece, cp, i.grp);
                    accumulate(plan, tile, pw, row, q, k, i.grp, acc);
                    if (cp != npc - 1) continue;
                    // Output pieces split across passes add their partial rows: accumulate into out.
                    const std::uint32_t b = row / l.out_h(), h = row % l.out_h();
                    for (std::uint32_t kk = k.lo; kk < k.hi; ++kk)
                        for (std::uint32_t qq = q.lo; qq < q.hi; ++qq)
                            out[((static_cast<std::size_t>(b) * l.out_channels + kk) * l.out_h() + h) * l.out_w() + qq] +=
                                acc[(kk - k.lo) * plan.w_t() + (qq - q.lo)];
                    std::fill(acc.begin(), acc.end(), 0);
                }
                if (i.step0 + i.iterations < npc) {  // a step pass that ends mid-piece: carry the partial sums
                    const Range q = plan.width(plan.wpart(c), i.wpiece), k = plan.channels(plan.kpart(r, c), i.kpiece, i.grp);
                    const std::uint32_t row = i.row0, b = row / l.out_h(), h = row % l.out_h();
                    for (std::uint32_t kk = k.lo; kk < k.hi; ++kk)
                        for (std::uint32_t qq = q.lo; qq < q.hi; ++qq)
                            out[((static_cast<std::size_t>(b) * l.out_channels + kk) * l.out_h() + h) * l.out_w() + qq] +=
                                acc[(kk - k.lo) * plan.w_t() + (qq - q.lo)];
                }
            }
    }
    return out;
}

TEST(AieKernel, CompiledTilingAndBlockFormatMatchTheReference) {
    std::mt19937 rng(5);
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    int cin_splits = 0, cout_splits = 0, passes = 0, bands = 0, grouped = 0;
    int compiled = 0;
    for (int t = 0; t < 100; ++t) {
        Layer l;
        l.name = "l" + std::to_string(t);
        l.in_channels = 8 * static_cast<std::uint32_t>(pick(1, 6)) - (pick(0, 3) == 0 ? 5 : 0);
        l.out_channels = 8 * static_cast<std::uint32_t>(pick(1, 6));
        l.kernel_h = static_cast<std::uint32_t>(pick(1, 3));
        l.kernel_w = static_cast<std::uint32_t>(pick(1, 3));
        l.stride_h = l.stride_w = static_cast<std::uint32_t>(pick(1, 2));
        l.dilation_h = l.dilation_w = pick(0, 4) == 0 ? 2 : 1;
        l.pad_top = l.pad_bottom = static_cast<std::uint32_t>(pick(0, 1));
        l.pad_left = l.pad_right = static_cast<std::uint32_t>(pick(0, 2));
        l.in_h = static_cast<std::uint32_t>(pick(5, 11));
        l.in_w = static_cast<std::uint32_t>(pick(5, 11));
        l.batch = static_cast<std::uint32_t>(pick(1, 2));
        if (pick(0, 4) == 0) {  // grouped, sometimes depthwise
            l.groups = static_cast<std::uint32_t>(pick(0, 1) ? 2 : 4);
            const std::uint32_t per = static_cast<std::uint32_t>(pick(1, 9));
            l.in_channels = l.groups * per;
            l.out_channels = l.groups * (pick(0, 1) ? per : static_cast<std::uint32_t>(pick(1, 12)));
        }
        l.weights.seed = static_cast<std::uint64_t>(t);
        if (l.groups == 1 && l.in_channels % 8 == 0 && pick(0, 1)) {
            l.sparsity.pattern = "block";
            l.sparsity.params = {{"ratio", 0.5}, {"block", {8, 8}}, {"norm", "l2"}};
        }
        AieParams p;
        p.rows = static_cast<std::uint32_t>(pick(1, 3));
        p.cols = static_cast<std::uint32_t>(pick(1, 4));
        p.core_buffer_bytes = static_cast<std::uint32_t>(pick(0, 1) ? 1536 : 8192);
        p.memtile_bytes = static_cast<std::uint32_t>(pick(0, 2) == 0 ? 65536 : pick(0, 1) ? 6144 : 3072);
        const std::vector<std::int32_t> w0 = layer_weights(l);
        const std::vector<std::uint8_t> mask = materialize_mask(l, w0);
        std::vector<std::int32_t> w = w0;
        for (std::size_t i = 0; i < mask.size(); ++i)
            if (!mask[i]) w[i] = 0;
        const std::vector<std::int32_t> in = layer_activations(l, 7);
        const AiePlan plan(l, p, mask);
        if (!plan.error().empty()) continue;  // buffers deliberately tiny: a few shapes do not fit
        ++compiled;
        grouped += l.groups > 1;
        cin_splits += plan.cpieces() > 1;
        cout_splits += plan.kpieces() > 1;
        passes += plan.passes().size() > plan.bands();
        bands += plan.bands() > 1;
        EXPECT_EQ(run_program(plan, in, w), reference_conv(l, in, w0, mask)) << l.name;
    }
    EXPECT_GT(compiled, 50);
    EXPECT_GT(grouped, 5);
    EXPECT_GT(cin_splits, 3);
    EXPECT_GT(cout_splits, 3);
    EXPECT_GT(passes, 1);
    EXPECT_GT(bands, 3);
}

}  // namespace
}  // namespace skipsim
