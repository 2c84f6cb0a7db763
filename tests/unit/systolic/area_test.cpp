// The systolic array's area: rows x cols PEs of an 8-bit MAC and its registers.
#include <gtest/gtest.h>

#include "../area_table.h"
#include "systolic/systolic_area.h"

namespace skipsim {
namespace {

using namespace test;

TEST(SystolicArea, IsRowsTimesColsPesOfMacAndRegisters) {
    SystolicParams p;  // 32 x 32, 32-bit accumulators
    const AreaBreakdown a = systolic_area(p, AreaPricer(&shipped_area_table(), "systolic_array"));
    ASSERT_EQ(a.items.size(), 3u);
    const double pe = kMult8Um2 + 32 * kAdderBitUm2 + (8 + 8 + 32) * kFlopUm2;  // 636.06 um^2
    EXPECT_NEAR(a.um2(), 1024 * pe, 1e-6);
    EXPECT_EQ(a.items[0].count, 1024);
    EXPECT_EQ(a.items[2].count, 1024 * 48);
    for (const AreaItem& i : a.items) EXPECT_FALSE(i.source.empty());
}

TEST(SystolicArea, GrowsWithTheArrayAndTheAccumulator) {
    const AreaPricer price(&shipped_area_table(), "systolic_array");
    SystolicParams small, rows64, wide;
    rows64.rows = 64;
    wide.accumulator_bits = 48;
    EXPECT_NEAR(systolic_area(rows64, price).um2(), 2 * systolic_area(small, price).um2(), 1e-6);
    EXPECT_NEAR(systolic_area(wide, price).um2() - systolic_area(small, price).um2(),
                1024 * 16 * (kAdderBitUm2 + kFlopUm2), 1e-6);
}

TEST(SystolicArea, WithoutATableCountsButDoesNotPrice) {
    const AreaBreakdown a = systolic_area(SystolicParams{}, AreaPricer(nullptr, "systolic_array"));
    EXPECT_EQ(a.um2(), 0);
    EXPECT_EQ(a.items[0].count, 1024);
    EXPECT_EQ(a.items[0].source, "priced by the energy table's /area/systolic_array/multiplier_int8");
}

}  // namespace
}  // namespace skipsim
