// The bit-serial array's area: cells of mac_units bit-serial MAC units, a multiplexer and registers.
#include <gtest/gtest.h>

#include "../area_table.h"
#include "bitserial/bitserial_area.h"

namespace skipsim {
namespace {

using namespace test;

// A full-adder bit: Horowitz's 8-bit add, 36 um^2 / 8; NanGate 45 nm AND2_X1 and MUX2_X1.
constexpr double kFullAdderUm2 = 4.5, kAnd2Um2 = 1.064, kMux2Um2 = 1.862;

TEST(BitserialArea, CellsOfMacUnitsMultiplexerAndRegisters) {
    BitserialParams p;  // 32 x 32 cells, 4 units, 8-bit weights, 8-input multiplexers
    const AreaBreakdown a = bitserial_area(p, AreaPricer(&shipped_area_table(), "bitserial_array"));
    ASSERT_EQ(a.items.size(), 4u);
    const double unit = 8 * (kFullAdderUm2 + kAnd2Um2 + kFlopUm2) + kFullAdderUm2 + 2 * kFlopUm2;
    const double cell = 4 * unit + 7 * kMux2Um2 + (8 + 3 + 8) * kFlopUm2;
    EXPECT_NEAR(a.um2(), 1024 * cell, 1e-3);
    EXPECT_EQ(a.items[2].count, 1024 * 7);  // an 8-input multiplexer is seven 2:1 ones
}

TEST(BitserialArea, FollowsUnitsWeightBitsAndMultiplexerWidth) {
    const AreaPricer price(&shipped_area_table(), "bitserial_array");
    BitserialParams base, units, bits, mux;
    units.mac_units = 8;
    bits.weight_bits = 4;
    mux.mux_inputs = 16;
    EXPECT_GT(bitserial_area(units, price).um2(), bitserial_area(base, price).um2());
    EXPECT_LT(bitserial_area(bits, price).um2(), bitserial_area(base, price).um2());
    // 8 more inputs: 8 more 2:1 multiplexers, 8 more line registers and one more select bit per cell.
    EXPECT_NEAR(bitserial_area(mux, price).um2() - bitserial_area(base, price).um2(),
                1024 * (8 * kMux2Um2 + 9 * kFlopUm2), 1e-3);
}

}  // namespace
}  // namespace skipsim
