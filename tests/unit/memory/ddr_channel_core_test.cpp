// DDR channel timing: row hits, misses and conflicts cost exactly what the timing parameters
// say, banks overlap, and no access pattern beats the peak bandwidth.
#include <gtest/gtest.h>

#include <random>

#include "base/error.h"
#include "base/params.h"
#include "memory/ddr_channel_core.h"

namespace skipsim {
namespace {

DdrChannelParams ddr4() { return DdrChannelParams{}; }  // DDR4-3200 defaults: 22-22-22, BL8, x64

TEST(DdrChannelCore, RowMissHitAndConflictCostWhatTheTimingSays) {
    DdrChannelCore ddr(ddr4());
    const Cycles burst = 4;  // BL8 on a double-data-rate bus
    // A closed bank: activate (tRCD) + read (tCL) + the burst.
    auto miss = ddr.access(0, 64, 0);
    EXPECT_EQ(miss.done, 22u + 22 + burst);
    EXPECT_EQ(miss.row_misses, 1u);
    // Later, the same row is open: tCL + burst.
    auto hit = ddr.access(64, 64, 1000);
    EXPECT_EQ(hit.done, 1000u + 22 + burst);
    EXPECT_EQ(hit.row_hits, 1u);
    // Another row of the same bank: precharge + activate + read.
    const std::uint64_t same_bank_next_row = 8192ull * 16;  // row_bytes x banks
    auto conflict = ddr.access(same_bank_next_row, 64, 2000);
    EXPECT_EQ(conflict.done, 2000u + 22 + 22 + 22 + burst);
    EXPECT_EQ(conflict.row_conflicts, 1u);
}

TEST(DdrChannelCore, SequentialStreamApproachesPeakAndNeverExceedsIt) {
    DdrChannelCore ddr(ddr4());
    const std::uint64_t bytes = 4 << 20;
    auto r = ddr.access(0, bytes, 0);
    const double bw = static_cast<double>(bytes) / static_cast<double>(r.done);
    EXPECT_LE(bw, ddr.peak_bytes_per_cycle());
    EXPECT_GE(bw, 0.9 * ddr.peak_bytes_per_cycle());
    EXPECT_DOUBLE_EQ(ddr.peak_bytes_per_cycle() * 1.6e9, 25.6e9);  // DDR4-3200 x64: 25.6 GB/s
}

TEST(DdrChannelCore, RandomRowsAreSlowButStillBelowPeak) {
    DdrChannelCore ddr(ddr4());
    std::mt19937_64 rng(3);
    Cycles done = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) done = std::max(done, ddr.access((rng() % (1ull << 32)) & ~63ull, 64, 0).done);
    const double bw = 64.0 * n / static_cast<double>(done);
    EXPECT_LE(bw, ddr.peak_bytes_per_cycle());
    EXPECT_LT(bw, 0.8 * ddr.peak_bytes_per_cycle());
}

TEST(DdrChannelCore, BanksOverlapTheirActivations) {
    DdrChannelCore a(ddr4()), b(ddr4());
    // Two misses to different banks finish far sooner than two misses to one bank.
    a.access(0, 64, 0);
    auto two_banks = a.access(8192, 64, 0);  // next row slot = next bank
    b.access(0, 64, 0);
    auto one_bank = b.access(8192ull * 16, 64, 0);  // same bank, other row
    EXPECT_EQ(two_banks.done, 22u + 22 + 4 + 4);
    // One bank: its read command issues at tRCD = 22 and holds the bank for the burst (4); only
    // then may it precharge (tRP), activate the other row (tRCD) and read it (tCL + burst).
    EXPECT_EQ(one_bank.done, 22u + 4 + 22 + 22 + 22 + 4);
}

TEST(DdrChannelCore, IdealModelIsBandwidthPlusLatency) {
    DdrChannelParams p;
    p.model = "ideal";
    p.bytes_per_cycle = 10;
    p.latency_cycles = 5;
    DdrChannelCore ddr(p);
    EXPECT_EQ(ddr.access(0, 100, 0).done, 15u);
    EXPECT_EQ(ddr.access(0, 100, 0).done, 25u);  // queued behind the first
    p.model = "unlimited";
    DdrChannelCore inf(p);
    EXPECT_EQ(inf.access(0, 1 << 20, 7).done, 7u);
}

TEST(DdrChannelParams, ErrorsNameTheParameter) {
    OrderedJson j = {{"banks", 0}};
    try {
        read_params<DdrChannelParams>(j, "p.json", "/components/0/params");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "p.json: /components/0/params/banks: expected an integer in [1, 64], got 0");
    }
    try {
        read_params<DdrChannelParams>(OrderedJson{{"row_bytes", 100}}, "p.json", "/c");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "p.json: /c/row_bytes: expected a multiple of one burst (bus_bytes x burst_length = 64), got 100");
    }
}

}  // namespace
}  // namespace skipsim
