// The controller: FR-FCFS order, the write queue's watermarks, address decoding, and the
// analytical bounds every pattern must respect (never above the peak).
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "memory/ddr_channel_core.h"

namespace skipsim {
namespace {

struct ListSource : DramRequestSource {
    std::vector<DramRequest> requests;
    std::size_t i = 0;
    bool next(DramRequest& r) override {
        if (i == requests.size()) return false;
        r = requests[i++];
        return true;
    }
};

struct Order : DramObserver {
    std::vector<std::pair<std::uint64_t, Tick>> done;  // (request, end of its data)
    void completed(std::uint64_t index, bool, Tick, Tick end) override { done.emplace_back(index, end); }
    Tick end_of(std::uint64_t index) const {
        for (const auto& [i, t] : done)
            if (i == index) return t;
        return -1;
    }
};

DdrChannelParams ddr4(const std::string& mapping = "rochrababgco") {
    DdrChannelParams p;
    p.mapping = mapping;
    return p;
}

TEST(DramAddressMap, DecodesFieldsFromTheMappingString) {
    const DramDevice d = dram_preset("DDR4_8Gb_x8_3200");
    // rochrababgco: 128 bursts of a row, then the bank group, the bank, the row.
    DramAddressMap m("rochrababgco", d.bank_groups, d.banks_per_group(), d.rows, 128);
    auto at = [&](std::uint64_t byte) { return m.decode(byte / 64); };
    EXPECT_EQ(at(64).col, 1u);
    EXPECT_EQ(at(8192).group, 1u);
    EXPECT_EQ(at(8192).bank, 4u);
    EXPECT_EQ(at(4 * 8192).bank, 1u);
    EXPECT_EQ(at(16 * 8192).row, 1u);
    EXPECT_EQ(at(16 * 8192).bank, 0u);
    // rochrabacobg: consecutive bursts rotate through the four bank groups.
    DramAddressMap g("rochrabacobg", d.bank_groups, d.banks_per_group(), d.rows, 128);
    EXPECT_EQ(g.decode(1).group, 1u);
    EXPECT_EQ(g.decode(4).col, 1u);
    EXPECT_EQ(g.decode(4).group, 0u);
    EXPECT_EQ(g.decode(4 * 128).bank, 1u);  // 32 KB on: the next bank of each group
    EXPECT_EQ(g.low_bits(), 2u);
    EXPECT_THROW(DramAddressMap("rochrababg", 4, 4, 65536, 128), std::invalid_argument);
    EXPECT_THROW(DramAddressMap("rochrababgbg", 4, 4, 65536, 128), std::invalid_argument);
    EXPECT_THROW(DramAddressMap("rochraxxbgco", 4, 4, 65536, 128), std::invalid_argument);
}

TEST(DramScheduler, RowHitsGoBeforeOlderMisses) {
    DdrChannelCore ddr(ddr4());
    const std::uint64_t row = 16 * 8192;  // the next row of bank 0
    ListSource src;
    src.requests = {{0, 64, false}, {row, 64, false}, {64, 64, false}, {128, 64, false}};
    Order order;
    ddr.stream(src, 0, &order);
    // Requests 2 and 3 hit the row request 0 opened and overtake request 1, which needs bank 0's
    // other row.
    EXPECT_LT(order.end_of(2), order.end_of(1));
    EXPECT_LT(order.end_of(3), order.end_of(1));
    EXPECT_EQ(order.end_of(2), order.end_of(0) + 8);  // back to back in one bank group: tCCD_L
}

TEST(DramScheduler, TheFirstReadyHitGoesFirstThenTheOldest) {
    DdrChannelCore ddr(ddr4());
    ListSource warm;
    warm.requests = {{0, 64, false}, {8192, 64, false}};  // open bank 0 (group 0) and bank 4 (group 1)
    ddr.stream(warm, 0);
    ListSource src;
    // Two more hits in bank 0 and one in bank 4: bank 4's may issue tCCD_S after the first,
    // before bank 0's second (tCCD_L), though it is younger.
    src.requests = {{64, 64, false}, {128, 64, false}, {8192 + 64, 64, false}};
    Order order;
    ddr.stream(src, 1000, &order);
    EXPECT_EQ(order.end_of(2), order.end_of(0) + 4);
    EXPECT_EQ(order.end_of(1), order.end_of(0) + 8);
}

TEST(DramScheduler, ARequestsBurstsGoInAddressOrder) {
    DdrChannelCore ddr(ddr4("rochrabacobg"));
    ListSource src;
    src.requests = {{0, 4096, false}};
    ddr.stream(src, 0);
    const DramState& s = ddr.controller()->state();
    // The last burst (64 bursts, four groups in turn) went to group 3; groups 0..2 a burst earlier each.
    EXPECT_GT(s.rank().rd, 0);
    EXPECT_EQ(s.bank(12).rd, s.rank().rd);
    EXPECT_EQ(s.bank(8).rd, s.rank().rd - 4);
    EXPECT_EQ(s.bank(0).rd, s.rank().rd - 12);
}

TEST(DramScheduler, WritesWaitForTheHighWatermarkWhileReadsWait) {
    DdrChannelParams p = ddr4();
    p.write_queue_depth = 8;
    p.write_high_watermark = 0.5;  // drain from 4 queued writes...
    p.write_low_watermark = 0.25;  // ...down to 2
    DdrChannelCore ddr(p);
    ListSource src;
    for (int i = 0; i < 3; ++i) src.requests.push_back({std::uint64_t(8192) * 16 * (i + 1), 64, true});
    for (int i = 0; i < 6; ++i) src.requests.push_back({std::uint64_t(64) * i, 64, false});
    Order order;
    ddr.stream(src, 0, &order);
    // Three writes stay below the high watermark: the reads go first, the writes when no read waits.
    for (int w = 0; w < 3; ++w)
        for (int r = 3; r < 9; ++r) EXPECT_GT(order.end_of(w), order.end_of(r)) << w << " " << r;

    DdrChannelCore full(p);
    ListSource many;
    for (int i = 0; i < 5; ++i) many.requests.push_back({std::uint64_t(64) * i, 64, true});
    for (int i = 0; i < 4; ++i) many.requests.push_back({8192 + std::uint64_t(64) * i, 64, false});
    Order o2;
    full.stream(many, 0, &o2);
    // Five writes reach the watermark and drain first.
    EXPECT_LT(o2.end_of(0), o2.end_of(5));
}

// Bytes moved over the time from the first data beat to the last can never beat the bus.
void expect_below_peak(const DdrChannelParams& p, std::uint64_t seed) {
    DdrChannelCore ddr(p);
    std::mt19937_64 rng(seed);
    const double peak = ddr.peak_bytes_per_cycle();
    for (int i = 0; i < 200; ++i) {
        const bool seq = rng() % 2;
        const std::uint64_t bytes = 64 * (1 + rng() % 4096);
        const std::uint64_t addr = seq ? 0 : (rng() % p.dev.capacity_bytes()) & ~63ull;
        const DdrAccessResult r = ddr.access(addr, bytes, rng() % 100000, rng() % 3 == 0);
        const std::uint64_t moved = r.bursts * p.burst_bytes();
        ASSERT_LE(static_cast<double>(moved), peak * static_cast<double>(r.done - r.first_data) + 1e-9);
    }
    ListSource src;
    for (int i = 0; i < 20000; ++i) src.requests.push_back({(rng() % p.dev.capacity_bytes()) & ~63ull, 64, i % 3 == 2});
    const DdrAccessResult s = ddr.stream(src, 0);
    EXPECT_LE(20000.0 * 64 / static_cast<double>(s.done - s.first_data), peak);
}

TEST(DramBounds, NoPatternBeatsThePeakOnAnyPreset) {
    for (const auto& preset : dram_presets()) {
        SCOPED_TRACE(preset.name);
        DdrChannelParams p;
        p.preset = preset.name;
        p.dev = preset.device;
        for (const char* m : {"rochrababgco", "rochrabacobg"}) {
            p.mapping = m;
            expect_below_peak(p, 5);
        }
    }
}

TEST(DramBounds, StreamingApproachesThePeakAndRandomRowsDoNot) {
    DdrChannelCore interleaved(ddr4("rochrabacobg")), one_group(ddr4("rochrababgco"));
    const std::uint64_t bytes = 8 << 20;
    const double peak = 16;  // bytes per cycle
    const auto bw = [&](const DdrAccessResult& r) { return static_cast<double>(bytes) / static_cast<double>(r.done); };
    // Bank groups in turn: only refresh and the row changes stand between the stream and the bus.
    const double streaming = bw(interleaved.access(0, bytes, 0));
    EXPECT_GT(streaming, 0.93 * peak);
    EXPECT_LT(streaming, 0.97 * peak);
    // A row of one bank group at a time: tCCD_L = 2 bursts halves it.
    const double grouped = bw(one_group.access(0, bytes, 0));
    EXPECT_LT(grouped, 0.5 * peak);
    EXPECT_GT(grouped, 0.45 * peak);
    DdrChannelCore random(ddr4());
    ListSource src;
    std::mt19937_64 rng(3);
    for (int i = 0; i < 50000; ++i) src.requests.push_back({(rng() % (8ull << 30)) & ~63ull, 64, false});
    const DdrAccessResult r = random.stream(src, 0);
    // Every access activates a row: four activates per tFAW (34 cycles) at most.
    EXPECT_LT(50000.0 * 64 / static_cast<double>(r.done), 64.0 * 4 / 34);
    EXPECT_GT(50000.0 * 64 / static_cast<double>(r.done), 0.4 * peak);
}

TEST(DramEnergy, PricesComeFromTheCurrents) {
    const DramEnergyPrices e = dram_energy_prices(dram_preset("DDR4_8Gb_x8_3200"));
    // VDD x I x t x 8 devices, mA x V x ns = pJ; tCK 0.625 ns.
    EXPECT_NEAR(e.read_burst, 1.2 * (168 - 52) * 4 * 0.625 * 8, 1e-9);
    EXPECT_NEAR(e.write_burst, 1.2 * (150 - 52) * 4 * 0.625 * 8, 1e-9);
    EXPECT_NEAR(e.activate, 1.2 * (57.0 * 74 - (52.0 * 52 + 37.0 * 22)) * 0.625 * 8, 1e-9);
    EXPECT_NEAR(e.refresh, 1.2 * (250 - 52) * 560 * 0.625 * 8, 1e-9);
    EXPECT_NEAR(e.standby_active_cycle, 1.2 * 52 * 0.625 * 8, 1e-9);
    EXPECT_NEAR(e.standby_precharged_cycle, 1.2 * 37 * 0.625 * 8, 1e-9);
}

TEST(DramEnergy, BackgroundCoversTheTimeAndSplitsByOpenRows) {
    DdrChannelCore ddr(ddr4());
    ddr.access(0, 64, 1000);  // idle and precharged until the activate at 1000
    const DdrEnergyCounts c = ddr.energy_counts();
    EXPECT_EQ(c.standby_precharged_cycle + c.standby_active_cycle, 1000u + 48);
    EXPECT_EQ(c.standby_precharged_cycle, 1000u);
    EXPECT_EQ(c.activate, 1u);
    EXPECT_EQ(c.read_burst, 1u);
}

}  // namespace
}  // namespace skipsim
