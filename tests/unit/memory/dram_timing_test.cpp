// One test per JEDEC timing rule of the DRAM model (DDR4-3200AA, 8 Gb x8 unless a test says
// otherwise: tCK 0.625 ns, CL = tRCD = tRP = 22, tRAS 52, tRC 74, BL8 = 4 clocks of data).
#include <gtest/gtest.h>

#include "memory/ddr_channel_core.h"

namespace skipsim {
namespace {

const DramDevice kDdr4 = dram_preset("DDR4_8Gb_x8_3200");

// Banks 0..3 share bank group 0, banks 4..7 group 1 (bank = group x 4 + bank in group).
constexpr std::uint32_t kGroup0A = 0, kGroup0B = 1, kGroup1 = 4, kGroup2 = 8, kGroup3 = 12;

TEST(DramTiming, ActivatesAreHeldToFourInTFaw) {
    DramState s(kDdr4);
    Tick t = 0;
    for (std::uint32_t b : {kGroup0A, kGroup1, kGroup2, kGroup3}) {  // other groups: tRRD_S = 4 apart
        t = s.earliest_act(b, t);
        s.activate(b, 1, t);
    }
    EXPECT_EQ(t, 12);
    // A fifth activate would be 16 by tRRD_S, but four already fall in the 34-cycle window.
    EXPECT_EQ(s.earliest_act(kGroup0B, t), 34);
}

TEST(DramTiming, ActivatesInOneBankGroupWaitTRrdL) {
    DramState s(kDdr4);
    s.activate(kGroup0A, 1, 100);
    EXPECT_EQ(s.earliest_act(kGroup0B, 0), 100 + 8);  // same group: tRRD_L
    EXPECT_EQ(s.earliest_act(kGroup1, 0), 100 + 4);   // other group: tRRD_S
    EXPECT_EQ(s.earliest_act(kGroup0A, 0), 100 + 74);  // same bank: tRC
}

TEST(DramTiming, ColumnCommandsInOneBankGroupWaitTCcdL) {
    DramState s(kDdr4);
    for (std::uint32_t b : {kGroup0A, kGroup0B, kGroup1}) s.activate(b, 1, s.earliest_act(b, 0));
    const Tick rd = 100;  // every row long open
    s.column(kGroup0A, false, rd, false);
    EXPECT_EQ(s.earliest_cas(kGroup0B, false, rd), rd + 8);  // tCCD_L
    EXPECT_EQ(s.earliest_cas(kGroup1, false, rd), rd + 4);   // tCCD_S = one burst on the bus
    EXPECT_EQ(s.earliest_cas(kGroup0A, false, rd), rd + 8);
}

TEST(DramTiming, ReadsWaitForTheWriteToReadTurnaround) {
    DramState s(kDdr4);
    for (std::uint32_t b : {kGroup0A, kGroup0B, kGroup1}) s.activate(b, 1, s.earliest_act(b, 0));
    const Tick wr = 200;
    s.column(kGroup0A, true, wr, false);
    // tCWL + burst + tWTR: the write's data must be in before the read turns the bus around.
    EXPECT_EQ(s.earliest_cas(kGroup0B, false, wr), wr + 16 + 4 + 12);  // same group: tWTR_L
    EXPECT_EQ(s.earliest_cas(kGroup1, false, wr), wr + 16 + 4 + 4);    // other group: tWTR_S
}

TEST(DramTiming, WritesWaitForTheReadToWriteTurnaround) {
    DramState s(kDdr4);
    for (std::uint32_t b : {kGroup0A, kGroup1}) s.activate(b, 1, s.earliest_act(b, 0));
    const Tick rd = 200;
    s.column(kGroup0A, false, rd, false);
    EXPECT_EQ(s.earliest_cas(kGroup1, true, rd), rd + 22 + 4 + 2 - 16);  // tCL + burst + 2 - tCWL
}

TEST(DramTiming, ARowConflictCostsTRasTRpAndTRcd) {
    DramState s(kDdr4);
    s.activate(kGroup0A, 1, 0);
    const Tick rd = s.earliest_cas(kGroup0A, false, 0);
    EXPECT_EQ(rd, 22);  // tRCD
    s.column(kGroup0A, false, rd, false);
    const Tick pre = s.earliest_pre(kGroup0A, 0);
    EXPECT_EQ(pre, 52);  // tRAS (after the read's tRTP: 22 + 12 = 34)
    s.precharge(kGroup0A, pre);
    EXPECT_EQ(s.earliest_act(kGroup0A, 0), 74);  // tRP, which here is also tRC
    s.activate(kGroup0A, 2, 74);
    s.column(kGroup0A, true, s.earliest_cas(kGroup0A, true, 0), false);
    EXPECT_EQ(s.earliest_pre(kGroup0A, 0), 74 + 22 + 16 + 4 + 24);  // write recovery: tCWL + burst + tWR
}

TEST(DramTiming, HitMissAndConflictCostWhatTheTimingSays) {
    DdrChannelParams p;
    p.mapping = "rochrababgco";
    DdrChannelCore ddr(p);
    const DdrAccessResult miss = ddr.access(0, 64, 0);
    EXPECT_EQ(miss.done, 22u + 22 + 4);  // activate (tRCD), read (tCL), the burst
    EXPECT_EQ(miss.row_misses, 1u);
    const DdrAccessResult hit = ddr.access(64, 64, 1000);
    EXPECT_EQ(hit.done, 1000u + 22 + 4);
    EXPECT_EQ(hit.row_hits, 1u);
    const std::uint64_t same_bank_next_row = 8192ull * 16;  // rochrababgco: row above 16 banks of 8 KB
    const DdrAccessResult conflict = ddr.access(same_bank_next_row, 64, 2000);
    EXPECT_EQ(conflict.done, 2000u + 22 + 22 + 22 + 4);  // precharge, activate, read
    EXPECT_EQ(conflict.row_conflicts, 1u);
}

TEST(DramTiming, RefreshBlocksTheBanksForTRfc) {
    DdrChannelParams p;
    DdrChannelCore ddr(p);
    const Cycles due = p.dev.tREFI;  // 7.8 us
    const DdrAccessResult r = ddr.access(0, 64, due + 1);
    EXPECT_EQ(r.refreshes, 1u);
    // The refresh issues when due; the activate waits tRFC (350 ns for 8 Gb) after it.
    EXPECT_EQ(r.done, due + p.dev.tRFC + 22 + 22 + 4);
    // Long idle gaps refresh every tREFI all the same.
    const DdrAccessResult later = ddr.access(64, 64, 100 * due + 5);
    EXPECT_EQ(later.refreshes, 99u);
    EXPECT_EQ(ddr.controller()->totals().refreshes, 100u);
}

TEST(DramTiming, RefreshInterruptsAStreamAndItsRowsReopen) {
    DdrChannelParams p;
    p.mapping = "rochrabacobg";
    DdrChannelCore ddr(p), exact(p);
    exact.set_exact(true);
    const DdrAccessResult r = ddr.access(0, 1 << 20, 0);  // 1 MB: about 41 us, five refreshes
    const DdrAccessResult e = exact.access(0, 1 << 20, 0);
    EXPECT_EQ(r.refreshes, 5u);
    EXPECT_EQ(r.done, e.done);
    EXPECT_EQ(r.activates, e.activates);
    // One activate per 8 KB row, and each refresh closes rows that must open again.
    EXPECT_GE(r.activates, 128u + 5 * 4);
    // Refresh costs time: 5 x tRFC plus the rows reopening, on top of the stream at the peak.
    EXPECT_GT(r.done, (1u << 20) / 16 + 5 * p.dev.tRFC);
}

TEST(DramTiming, ClosedPagePrechargesAfterEveryAccess) {
    DdrChannelParams p;
    p.page_policy = "closed";
    DdrChannelCore ddr(p);
    ddr.access(0, 64, 0);
    const DdrAccessResult again = ddr.access(64, 64, 1000);  // the same row, but it was closed
    EXPECT_EQ(again.row_misses, 1u);
    EXPECT_EQ(again.done, 1000u + 22 + 22 + 4);
}

}  // namespace
}  // namespace skipsim
