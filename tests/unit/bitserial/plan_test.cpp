// Tiling of packed matrices on the array: tile counts, per-tile cycles from the closed form,
// weight bytes with control bits, and where partial sums and outputs go.
#include <gtest/gtest.h>

#include "bitserial/bitserial_plan.h"

namespace skipsim {
namespace {

Layer linear(std::uint32_t in, std::uint32_t out, std::uint32_t batch) {
    Layer l;
    l.name = "fc";
    l.kind = LayerKind::linear;
    l.batch = batch;
    l.in_channels = in;
    l.out_channels = out;
    return l;
}

TEST(BitserialPlan, TilesCoverFiltersTimesPackedColumnsWithTheClosedFormCycles) {
    const Layer l = linear(70, 40, 3);
    BitserialShape shape;
    shape.rows = 16;
    shape.cols = 8;
    BufferCapacities caps{1 << 20, 1 << 20, 1 << 20};
    CombineOptions unpacked;
    const LayerPacking dense = pack_layer(l, {}, nullptr, unpacked);
    EXPECT_EQ(dense.packed_cols, 70u);
    const BitserialPlan p = plan_bitserial_layer(l, dense, shape, caps);
    ASSERT_EQ(p.tiles.size(), 3u * 9u);  // ceil(40 / 16) filter folds x ceil(70 / 8) column folds
    Cycles total = 0;
    for (std::size_t i = 0; i < p.tiles.size(); ++i) {
        const Tile& t = p.tiles[i];
        const Cycles want = weight_load_cycles(t.n_len, 8, 0, 8) + stream_cycles(3, t.n_len, 8, 8, 32);
        EXPECT_EQ(t.compute, want);
        EXPECT_EQ(t.filter_fill, t.n_len * t.d_len);  // 8-bit weights, no control bits at alpha 1
        EXPECT_EQ(t.psum_fill, 0u);                    // partial sums stay in the ofmap buffer
        EXPECT_EQ(t.ofmap_drain > 0, t.d0 + t.d_len == 70);  // outputs leave after the last column fold
        EXPECT_EQ(t.ofmap_reads > 0, t.d0 > 0);
        total += t.compute;
    }
    EXPECT_EQ(p.compute_cycles, total);
    EXPECT_EQ(p.tiles[0].ifmap_fill, 70u * 3u);  // the whole input once, resident
    EXPECT_EQ(p.tiles[1].ifmap_fill, 0u);
}

TEST(BitserialPlan, PackingShrinksColumnFoldsAndAddsControlBits) {
    Layer l = linear(64, 8, 1);
    std::vector<std::uint8_t> mask(64 * 8, 0);
    for (std::uint32_t c = 0; c < 64; ++c) mask[(c % 8) * 64 + c] = 1;  // each column one nonzero, rows cycling
    CombineOptions o;
    o.alpha = 8;
    o.gamma = 0;
    const LayerPacking p = pack_layer(l, mask, nullptr, o);
    EXPECT_EQ(p.packed_cols, 8u);  // eight disjoint columns per group
    EXPECT_EQ(p.kept, 64u);
    EXPECT_EQ(p.control_bits, 3u);
    BitserialShape shape;
    shape.rows = 8;
    shape.cols = 8;
    const BitserialPlan plan = plan_bitserial_layer(l, p, shape, BufferCapacities{1 << 20, 1 << 20, 1 << 20});
    ASSERT_EQ(plan.tiles.size(), 1u);
    EXPECT_EQ(plan.tiles[0].filter_fill, 8u * 8u * 11u / 8u);  // 8-bit weight + 3 control bits per cell
    EXPECT_EQ(plan.work[0].streams, 64u);
    EXPECT_EQ(plan.work[0].kept, 64u);
}

TEST(BitserialPlan, PartialSumsSpillAtAccumulatorWidthWhenTheyDoNotFit) {
    const Layer l = linear(20, 4, 50);
    BitserialShape shape;
    shape.rows = 4;
    shape.cols = 8;
    const LayerPacking dense = pack_layer(l, {}, nullptr, CombineOptions{});
    const BitserialPlan p = plan_bitserial_layer(l, dense, shape, BufferCapacities{1 << 20, 1 << 20, 100});
    ASSERT_EQ(p.tiles.size(), 3u);
    EXPECT_FALSE(p.psums_resident);
    EXPECT_EQ(p.tiles[0].psum_fill, 0u);
    EXPECT_EQ(p.tiles[0].ofmap_drain, 50u * 4u * 4u);  // 32-bit partial sums out
    EXPECT_EQ(p.tiles[1].psum_fill, 50u * 4u * 4u);    // and back in
    EXPECT_EQ(p.tiles[2].ofmap_drain, 50u * 4u);       // final 8-bit outputs
}

}  // namespace
}  // namespace skipsim
