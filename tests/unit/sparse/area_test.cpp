// The zero-skipping array's area: lanes x vector_width MACs with accumulators, two weight buffers a lane.
#include <gtest/gtest.h>

#include "../area_table.h"
#include "sparse/zero_skip_area.h"

namespace skipsim {
namespace {

using namespace test;

TEST(ZeroSkipArea, MacsAccumulatorsAndTwoWeightBuffersPerLane) {
    ZeroSkipParams p;  // 64 lanes x 8 MACs, 8 kB lane buffers
    const AreaBreakdown a = zero_skip_area(p, AreaPricer(&shipped_area_table(), "zero_skip_array"));
    ASSERT_EQ(a.items.size(), 4u);
    const double mac = kMult8Um2 + 32 * kAdderBitUm2 + 32 * kFlopUm2;
    const double sram_8k = 3.589;  // CACTI 7.0, 45 nm, 8 kB: um^2 per byte
    EXPECT_EQ(a.items[3].count, 64 * 2 * 8192);
    EXPECT_NEAR(a.um2(), 512 * mac + 64 * 2 * 8192 * sram_8k, 1e-3);
}

TEST(ZeroSkipArea, GrowsWithLanesAndVectorWidth) {
    const AreaPricer price(&shipped_area_table(), "zero_skip_array");
    ZeroSkipParams base, lanes, width;
    lanes.lanes = 128;
    width.vector_width = 16;
    EXPECT_NEAR(zero_skip_area(lanes, price).um2(), 2 * zero_skip_area(base, price).um2(), 1e-3);
    EXPECT_GT(zero_skip_area(width, price).um2(), zero_skip_area(base, price).um2());
}

}  // namespace
}  // namespace skipsim
