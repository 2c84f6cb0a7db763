// The PIM chip's area: ISAAC's parts, scaled from 32 to 45 nm.
#include <gtest/gtest.h>

#include <cmath>

#include "../area_table.h"
#include "pim/pim_area.h"

namespace skipsim {
namespace {

using namespace test;

// ISAAC (ISCA 2016) Table 1, 32 nm, per part, and the (45/32)^2 scaling.
constexpr double kIsaacScale = (45.0 / 32) * (45.0 / 32);
constexpr double kCell = 0.0002e6 / (8 * 128 * 128), kAdc8 = 0.0096e6 / 8, kDac1 = 0.00017e6 / 1024,
                 kSampleHold = 0.00004e6 / 1024, kShiftAdd = 0.00024e6 / 4;

TEST(PimArea, CellsAdcsDacsSampleHoldsAndShiftAdds) {
    PimParams p;
    p.rows = 512;
    p.cols = 256;
    p.arrays = 16;
    p.adc_bits = 11;
    p.columns_per_adc = 8;
    const AreaBreakdown a = pim_area(p, AreaPricer(&shipped_area_table(), "pim_chip"));
    ASSERT_EQ(a.items.size(), 5u);
    const double adcs = 16 * 256 / 8;
    const double expected = kIsaacScale * (16.0 * 512 * 256 * kCell + adcs * kAdc8 * 8 + 16 * 512 * kDac1 +
                                           16 * 256 * kSampleHold + adcs * kShiftAdd);
    EXPECT_NEAR(a.um2(), expected, 1e-4 * expected);  // the table keeps five significant digits
    EXPECT_EQ(a.items[1].count, adcs);
}

TEST(PimArea, AdcAreaDoublesPerBitAndFollowsColumnsPerAdc) {
    const AreaPricer price(&shipped_area_table(), "pim_chip");
    PimParams base, more_bits, shared;
    more_bits.adc_bits = base.adc_bits + 1;
    shared.columns_per_adc = base.columns_per_adc * 2;
    const auto adc_um2 = [&](const PimParams& p) { return pim_area(p, price).items[1].um2(); };
    EXPECT_NEAR(adc_um2(more_bits), 2 * adc_um2(base), 1e-6 * adc_um2(base));
    EXPECT_NEAR(adc_um2(shared), adc_um2(base) / 2, 1e-6 * adc_um2(base));
}

}  // namespace
}  // namespace skipsim
