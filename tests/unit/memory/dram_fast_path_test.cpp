// The fast path (whole periods of a row-set at once) gives exactly what the scheduler gives burst
// by burst: the same completion times, counts, open rows and timers, on random streams of
// transactions over every preset and several address maps.
#include <gtest/gtest.h>

#include <random>

#include "memory/ddr_channel_core.h"

namespace skipsim {
namespace {

DdrChannelParams params(const std::string& preset, const std::string& mapping) {
    DdrChannelParams p;
    p.preset = preset;
    p.dev = dram_preset(preset);
    p.mapping = mapping;
    return p;
}

void expect_same_state(const DramController& a, const DramController& b) {
    const DramTotals &x = a.totals(), &y = b.totals();
    EXPECT_EQ(x.bursts, y.bursts);
    EXPECT_EQ(x.row_hits, y.row_hits);
    EXPECT_EQ(x.row_misses, y.row_misses);
    EXPECT_EQ(x.row_conflicts, y.row_conflicts);
    EXPECT_EQ(x.activates, y.activates);
    EXPECT_EQ(x.precharges, y.precharges);
    EXPECT_EQ(x.refreshes, y.refreshes);
    EXPECT_EQ(a.present(), b.present());
    EXPECT_EQ(a.horizon(), b.horizon());
    EXPECT_EQ(a.precharged_cycles(), b.precharged_cycles());
    const DramState &s = a.state(), &t = b.state();
    for (std::uint32_t i = 0; i < s.banks(); ++i) {
        EXPECT_EQ(s.bank(i).open_row, t.bank(i).open_row) << "bank " << i;
        EXPECT_EQ(s.bank(i).act, t.bank(i).act) << "bank " << i;
        EXPECT_EQ(s.bank(i).pre, t.bank(i).pre) << "bank " << i;
        EXPECT_EQ(s.bank(i).rd, t.bank(i).rd) << "bank " << i;
        EXPECT_EQ(s.bank(i).wr, t.bank(i).wr) << "bank " << i;
    }
    EXPECT_EQ(s.rank().rd, t.rank().rd);
    EXPECT_EQ(s.rank().wr, t.rank().wr);
    EXPECT_EQ(s.rank().ref, t.rank().ref);
}

// Random transactions: mostly long sequential ones (where the fast path moves whole periods),
// some short and unaligned, reads and writes, issued close together or after idle gaps that
// let refreshes fall due.
void compare_on_random_stream(const DdrChannelParams& p, std::uint64_t seed, int transactions) {
    DdrChannelCore fast(p), exact(p);
    exact.set_exact(true);
    std::mt19937_64 rng(seed);
    const std::uint64_t capacity = p.dev.capacity_bytes();
    Cycles at = 0;
    std::uint64_t sequential = 0;
    for (int i = 0; i < transactions; ++i) {
        std::uint64_t addr, bytes;
        const int kind = static_cast<int>(rng() % 10);
        if (kind < 5) {  // continue a sequential walk
            addr = sequential;
            bytes = 64 * (1 + rng() % 2048);
        } else if (kind < 8) {  // somewhere else, any alignment
            addr = rng() % capacity;
            bytes = 1 + rng() % 40000;
        } else {  // short
            addr = (rng() % capacity) & ~63ull;
            bytes = 64 * (1 + rng() % 4);
        }
        sequential = addr + bytes;
        const bool write = rng() % 3 == 0;
        const int gap = static_cast<int>(rng() % 4);
        at += gap == 0 ? 0 : gap == 1 ? rng() % 200 : gap == 2 ? rng() % 20000 : rng() % 200000;
        const DdrAccessResult a = fast.access(addr, bytes, at, write);
        const DdrAccessResult b = exact.access(addr, bytes, at, write);
        ASSERT_EQ(a.done, b.done) << "transaction " << i << " addr " << addr << " bytes " << bytes;
        ASSERT_EQ(a.first_data, b.first_data) << "transaction " << i;
        ASSERT_EQ(a.row_hits, b.row_hits) << "transaction " << i;
        ASSERT_EQ(a.refreshes, b.refreshes) << "transaction " << i;
        if (i % 3 == 0) at = a.done;  // sometimes the initiator waits for the data
    }
    expect_same_state(*fast.controller(), *exact.controller());
    EXPECT_EQ(exact.controller()->jumped_bursts(), 0u);
    // The fast path did most of the work.
    EXPECT_GT(fast.controller()->jumped_bursts(), fast.controller()->totals().bursts / 2) << p.mapping;
    const auto &ta = fast.controller()->touches(), &tb = exact.controller()->touches();
    for (std::size_t b = 0; b < ta.size(); ++b) {
        EXPECT_EQ(ta[b].first, tb[b].first);
        EXPECT_EQ(ta[b].last_end, tb[b].last_end);
        EXPECT_EQ(ta[b].bursts, tb[b].bursts);
    }
}

TEST(DramFastPath, EqualsBurstByBurstOnEveryPreset) {
    for (const auto& preset : dram_preset_names()) {
        SCOPED_TRACE(preset);
        compare_on_random_stream(params(preset, "rochrababgco"), 11, 300);
        compare_on_random_stream(params(preset, "rochrabacobg"), 12, 300);
    }
}

TEST(DramFastPath, EqualsBurstByBurstOnOtherAddressMaps) {
    for (const char* map : {"rochracobabg", "barochrabgco", "rochbgracoba", "robachbgraco"}) {
        const std::string m(map);
        SCOPED_TRACE(m);
        compare_on_random_stream(params("DDR4_8Gb_x8_3200", m), 21, 300);
        compare_on_random_stream(params("HBM2_8Gb_x64_2000", m), 22, 200);
    }
}

TEST(DramFastPath, EqualsBurstByBurstWithOverriddenTiming) {
    DdrChannelParams p = params("DDR4_8Gb_x8_3200", "rochrabacobg");
    p.dev.tCCD_L = 17;  // longer than four bursts of the other groups: the period is not uniform
    p.dev.tREFI = 3000;  // refreshes often
    compare_on_random_stream(p, 31, 300);
    p = params("DDR4_8Gb_x16_3200", "rochracobabg");
    p.dev.tCCD_S = 5;  // slower than the bus
    compare_on_random_stream(p, 32, 300);
}

}  // namespace
}  // namespace skipsim
