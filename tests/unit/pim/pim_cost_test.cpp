// What best_time and best_energy compare: a scheduled layer's crossbar cycles and events (the
// counts fast mode adds) and its DRAM bytes at the channel's rate and prices, checked against the
// schedule's own sums and the closed forms of one window.
#include <gtest/gtest.h>

#include "pim/pim_cost.h"

namespace skipsim {
namespace {

struct Scheduled {
    Layer layer;
    WindowMapping map;
    PimSchedule schedule;
};

Scheduled schedule(std::uint64_t arrays, Bytes input_half) {
    Scheduled s;
    Layer& l = s.layer;
    l.name = "l";
    l.in_channels = 16;
    l.out_channels = 32;
    l.in_h = l.in_w = 12;
    l.kernel_h = l.kernel_w = 3;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    l.quant.activation_bits = 4;
    const CrossbarShape xb{64, 64, 1};
    s.map = search_mapping(l, xb, nullptr, PimMethod::sdk);
    const auto tiles = array_tiles(row_tile_heights(l, xb, nullptr, s.map), column_tile_widths(l, xb, s.map));
    PimChipShape chip;
    chip.arrays = arrays;
    chip.adcs_per_array = 8;
    chip.write_cycles_per_row = 10;
    chip.output_bytes = 1;
    s.schedule = schedule_pim_layer(l, s.map, tiles, chip, input_half, 1 << 20);
    EXPECT_TRUE(s.schedule.error.empty()) << s.schedule.error;
    return s;
}

TEST(PimCost, CrossbarCyclesAndEventsAreTheSchedulesOwn) {
    for (std::uint64_t arrays : {1u, 64u}) {
        SCOPED_TRACE(arrays);
        const Scheduled s = schedule(arrays, 1 << 20);
        const PimPrices prices{1, 10, 100, 1000};
        const PimLayerCost c = layer_cost(s.layer, s.schedule, prices, PimDram{});
        Cycles program = 0;
        Bytes dram = 0;
        std::uint64_t windows = 0;
        for (const PimStep& st : s.schedule.steps) {
            program += st.program;
            dram += st.input_fill + st.psum_fill + st.weight_fill + st.output_drain;
            windows += st.windows() * s.schedule.rounds[st.round].tiles.size();
        }
        EXPECT_EQ(windows, s.map.mvms);
        EXPECT_EQ(c.crossbar_cycles, s.schedule.compute_cycles + program);
        EXPECT_EQ(c.dram_bytes, dram);
        // An unknown DRAM rate: the estimate is the crossbars' cycles, and DRAM costs nothing.
        EXPECT_EQ(c.dram_cycles, 0u);
        EXPECT_EQ(c.estimated_cycles, c.crossbar_cycles);
        EXPECT_EQ(c.dram_pj, 0.0);
        // Per window: 4 input bits x (driven rows, cells, conversions); 5 shift-adds per conversion.
        double pj = 0;
        for (const PimStep& st : s.schedule.steps) {
            const PimRound& r = s.schedule.rounds[st.round];
            const double w = static_cast<double>(st.windows());
            pj += w * 4 * (static_cast<double>(r.rows_per_pulse) + 10.0 * static_cast<double>(r.cells_per_pulse) +
                           100.0 * static_cast<double>(r.conversions_per_pulse)) +
                  w * 1000.0 * 5 * static_cast<double>(r.conversions_per_pulse);
        }
        EXPECT_DOUBLE_EQ(c.crossbar_pj, pj);
    }
}

TEST(PimCost, DramBoundLayersAreEstimatedAtTheChannelsRateAndPrices) {
    const Scheduled s = schedule(64, 1 << 20);
    const PimLayerCost fast = layer_cost(s.layer, s.schedule, PimPrices{}, PimDram{1e6, 2, 3});
    EXPECT_EQ(fast.dram_cycles, 1u);
    EXPECT_EQ(fast.estimated_cycles, fast.crossbar_cycles);
    const PimLayerCost slow = layer_cost(s.layer, s.schedule, PimPrices{}, PimDram{0.5, 2, 3});
    EXPECT_EQ(slow.dram_cycles, slow.dram_bytes * 2);
    EXPECT_EQ(slow.estimated_cycles, slow.dram_cycles);
    EXPECT_DOUBLE_EQ(slow.dram_pj, 2.0 * static_cast<double>(slow.dram_bytes) + 3.0 * static_cast<double>(slow.estimated_cycles));
    EXPECT_DOUBLE_EQ(slow.estimated_pj(), slow.dram_pj);
}

}  // namespace
}  // namespace skipsim
