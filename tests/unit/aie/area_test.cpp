// The AIE mesh's area: cores of MACs and data memory, one mem-tile per column.
#include <gtest/gtest.h>

#include "../area_table.h"
#include "aie/aie_area.h"

namespace skipsim {
namespace {

using namespace test;

TEST(AieArea, CoresAndMemtilesOfTheMeshInUse) {
    AieParams p;  // 4 x 4 cores of 256 MACs and 64 kB, 512 kB mem-tiles
    const AreaBreakdown a = aie_area(p, AreaPricer(&shipped_area_table(), "aie_array"));
    ASSERT_EQ(a.items.size(), 4u);
    const double mac = kMult8Um2 + 32 * kAdderBitUm2;
    // CACTI 7.0, 45 nm, um^2 per byte: 8 kB banks (a core's 64 kB / 8), 32 kB banks (512 kB / 16).
    const double core = 256 * mac + 65536 * 3.589;
    const double memtile = 524288 * 3.242;
    EXPECT_NEAR(a.um2(), 16 * core + 4 * memtile, 1e-3);
}

TEST(AieArea, ColumnsZeroMeansAsManyAsRows) {
    const AreaPricer price(&shipped_area_table(), "aie_array");
    AieParams square, zero;
    square.rows = square.cols = 2;
    zero.rows = 2;
    zero.cols = 0;
    EXPECT_DOUBLE_EQ(aie_area(zero, price).um2(), aie_area(square, price).um2());
    // Twice the rows and columns: four times the cores, twice the mem-tiles.
    AieParams big;
    big.rows = big.cols = 8;
    const AreaBreakdown a = aie_area(AieParams{}, price), b = aie_area(big, price);
    EXPECT_NEAR(b.items[0].um2(), 4 * a.items[0].um2(), 1e-3);
    EXPECT_NEAR(b.items[2].um2(), 4 * a.items[2].um2(), 1e-3);
    EXPECT_NEAR(b.items[3].um2(), 2 * a.items[3].um2(), 1e-3);
}

}  // namespace
}  // namespace skipsim
