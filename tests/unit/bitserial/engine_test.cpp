// The bit-level engine against plain integer arithmetic, and its cycle count against the
// closed-form timing the fast mode uses.
#include <gtest/gtest.h>

#include <random>

#include "bitserial/bitserial_engine.h"
#include "bitserial/bitserial_plan.h"

namespace skipsim {
namespace {

struct Case {
    std::uint32_t rows, cols, lines, units, acc;
    int wbits, abits;
    bool sign;
};

TEST(BitserialEngine, ComputesEverySelectedDotProductBitExactlyInTheClosedFormCycles) {
    std::mt19937 rng(11);
    const Case cases[] = {{1, 1, 1, 4, 32, 8, 8, true},  {4, 3, 2, 4, 32, 8, 8, true},  {5, 7, 8, 4, 32, 8, 8, false},
                          {3, 2, 4, 2, 32, 4, 4, true},  {6, 4, 3, 1, 24, 5, 7, false}, {2, 5, 8, 8, 48, 16, 16, true},
                          {8, 8, 8, 4, 32, 2, 3, true},  {3, 3, 1, 3, 40, 8, 12, true}};
    for (const Case& k : cases) {
        for (int trial = 0; trial < 3; ++trial) {
            SCOPED_TRACE(std::to_string(k.rows) + "x" + std::to_string(k.cols) + " trial " + std::to_string(trial));
            BitserialTileData t;
            t.rows_used = 1 + rng() % k.rows;
            t.pixels = 1 + rng() % 9;
            t.activation_bits = k.abits;
            t.activation_signed = k.sign;
            t.weight.assign(k.rows * k.cols, 0);
            t.select.assign(k.rows * k.cols, 0);
            const std::int64_t wlo = -(1 << (k.wbits - 1)), wspan = 1 << k.wbits;
            for (std::uint32_t r = 0; r < t.rows_used; ++r)
                for (std::uint32_t c = 0; c < k.cols; ++c) {
                    if (rng() % 4 == 0) continue;  // an empty cell
                    t.weight[r * k.cols + c] = static_cast<std::int32_t>(wlo + static_cast<std::int64_t>(rng() % wspan));
                    t.select[r * k.cols + c] = static_cast<std::int32_t>(rng() % k.lines);
                }
            const std::int64_t alo = k.sign ? -(1 << (k.abits - 1)) : 0, aspan = 1 << k.abits;
            t.activation.resize(t.pixels * k.cols * k.lines);
            for (auto& a : t.activation) a = static_cast<std::int32_t>(alo + static_cast<std::int64_t>(rng() % aspan));
            t.load = weight_load_cycles(t.rows_used, k.wbits, 3, k.lines);
            BitserialEngine e(k.rows, k.cols, k.lines, k.units, k.acc);
            e.start(t);
            while (e.busy()) e.step();
            const Cycles period = activation_period(k.abits, k.acc, k.units);
            EXPECT_EQ(e.cycles(), t.load + stream_cycles(t.pixels, t.rows_used, k.cols, period, k.acc));
            for (std::uint64_t m = 0; m < t.pixels; ++m)
                for (std::uint32_t r = 0; r < t.rows_used; ++r) {
                    std::int64_t want = 0;
                    for (std::uint32_t c = 0; c < k.cols; ++c)
                        want += static_cast<std::int64_t>(t.weight[r * k.cols + c]) *
                                t.activation[(m * k.cols + c) * k.lines + static_cast<std::uint32_t>(t.select[r * k.cols + c])];
                    ASSERT_EQ(e.results()[m * t.rows_used + r], want) << "pixel " << m << " row " << r;
                }
        }
    }
}

TEST(BitserialEngine, AccumulatorWrapsAtItsWidth) {
    // 127 x 127 x 4 columns = 64516 does not fit a signed 16-bit accumulation: it wraps to -1020.
    BitserialTileData t;
    t.rows_used = 1;
    t.pixels = 1;
    t.weight.assign(4, 127);
    t.select.assign(4, 0);
    t.activation.assign(4, 127);
    t.load = 1;
    BitserialEngine e(1, 4, 1, 4, 16);
    e.start(t);
    while (e.busy()) e.step();
    EXPECT_EQ(e.results()[0], 64516 - 65536);
}

TEST(BitserialTiming, PeriodIsBitsOrTheAccumulationSharedByTheMacUnits) {
    EXPECT_EQ(activation_period(8, 32, 4), 8u);   // the source's cell: 4 units x 8 bits = 32
    EXPECT_EQ(activation_period(4, 32, 4), 8u);   // narrow activations wait for a free unit
    EXPECT_EQ(activation_period(16, 32, 4), 16u);
    EXPECT_EQ(activation_period(8, 32, 1), 32u);
}

}  // namespace
}  // namespace skipsim
