// The tile schedule: folds cover the GEMM exactly once, and DDR traffic follows the reuse
// rules stated in tile_plan.h.
#include <gtest/gtest.h>

#include "systolic/step_split.h"
#include "systolic/tile_plan.h"

namespace skipsim {
namespace {

Layer conv(std::uint32_t c, std::uint32_t hw, std::uint32_t k, std::uint32_t r, std::uint32_t stride = 1,
           std::uint32_t groups = 1) {
    Layer l;
    l.name = "l";
    l.in_channels = c;
    l.in_h = l.in_w = hw;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.stride_h = l.stride_w = stride;
    l.groups = groups;
    return l;
}

const BufferCapacities kHuge{1ull << 40, 1ull << 40, 1ull << 40};

TEST(TilePlan, FoldsCoverEveryMacExactlyOnce) {
    for (Dataflow df : {Dataflow::ws, Dataflow::os, Dataflow::is}) {
        Layer l = conv(6, 9, 10, 3, 2, 2);
        LayerPlan p = plan_layer(l, df, 4, 3, kHuge, PlanOptions{});
        std::uint64_t macs = 0;
        for (const Tile& t : p.tiles) macs += t.dense_macs;
        EXPECT_EQ(macs, l.dense_macs()) << to_string(df);
    }
}

TEST(TilePlan, ResidentOperandsAreFetchedOnce) {
    Layer l = conv(8, 8, 16, 3);
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    LayerPlan p = plan_layer(l, Dataflow::ws, 4, 4, kHuge, PlanOptions{});
    Bytes ifmap = 0, filter = 0, out = 0;
    for (const Tile& t : p.tiles) {
        ifmap += t.ifmap_fill;
        filter += t.filter_fill;
        out += t.ofmap_drain;
        EXPECT_EQ(t.psum_fill, 0u);
    }
    EXPECT_TRUE(p.ifmap_resident);
    EXPECT_TRUE(p.psums_resident);
    EXPECT_EQ(ifmap, 8u * 8 * 8);      // every input byte once
    EXPECT_EQ(filter, 16u * 8 * 9);    // every weight once
    EXPECT_EQ(out, 16u * 8 * 8);       // every output once
}

TEST(TilePlan, SmallBuffersRefetchAndSpillPartialSums) {
    Layer l = conv(8, 8, 16, 3);
    BufferCapacities tiny{64, 64, 64};
    LayerPlan p = plan_layer(l, Dataflow::ws, 4, 4, tiny, PlanOptions{});
    EXPECT_FALSE(p.ifmap_resident);
    EXPECT_FALSE(p.psums_resident);
    Bytes ifmap = 0, psum = 0;
    for (const Tile& t : p.tiles) {
        ifmap += t.ifmap_fill;
        psum += t.psum_fill;
    }
    EXPECT_GT(ifmap, 8u * 8 * 8);  // refetched for every filter fold
    EXPECT_GT(psum, 0u);
}

TEST(TilePlan, NarrowOperandsArePacked) {
    Layer l = conv(8, 8, 16, 3);
    l.quant.weight_bits = 4;
    LayerPlan p = plan_layer(l, Dataflow::ws, 4, 4, kHuge, PlanOptions{});
    Bytes filter = 0;
    for (const Tile& t : p.tiles) filter += t.filter_fill;
    EXPECT_EQ(filter, 16u * 8 * 9 / 2);
}

TEST(StepSplit, PartsFitTheBufferAndSumToTheTile) {
    Tile t;
    t.compute = 1001;
    t.ifmap_fill = 1000;
    t.filter_fill = 10;
    t.ofmap_drain = 300;
    t.ifmap_reads = 777;
    BufferCapacities caps{256, 256, 256};
    std::vector<Step> steps;
    split_tile(t, 0, caps, steps);
    ASSERT_EQ(steps.size(), 4u);
    Cycles c = 0;
    Bytes f = 0, r = 0;
    for (const auto& s : steps) {
        EXPECT_LE(s.ifmap_fill, 256u);
        EXPECT_LE(s.ofmap_drain, 256u);
        c += s.compute;
        f += s.ifmap_fill;
        r += s.ifmap_reads;
    }
    EXPECT_EQ(c, 1001u);
    EXPECT_EQ(f, 1000u);
    EXPECT_EQ(r, 777u);
    // A plan's next tile appends its parts after these.
    split_tile(t, 1, caps, steps);
    ASSERT_EQ(steps.size(), 8u);
    EXPECT_EQ(steps[3].tile, 0u);
    EXPECT_EQ(steps[4].tile, 1u);
    EXPECT_EQ(steps[4].part, 0u);
    EXPECT_EQ(steps[7].part, 3u);
}

}  // namespace
}  // namespace skipsim
