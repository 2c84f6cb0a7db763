#include "dram_timing.h"

#include <algorithm>

namespace skipsim {

DramTiming::DramTiming(const DramDevice& d)
    : tCL(d.tCL), tCWL(d.tCWL), tRCD(d.tRCD), tRP(d.tRP), tRAS(d.tRAS), tRC(d.tRC), tRRD_S(d.tRRD_S),
      tRRD_L(d.tRRD_L), tFAW(d.tFAW), tRTP(d.tRTP), tREFI(d.tREFI), tRFC(d.tRFC), burst(d.burst_cycles()) {
    ccd_s = std::max<Tick>(d.tCCD_S, burst);
    ccd_l = std::max<Tick>(d.tCCD_L, ccd_s);
    wr_to_rd_s = tCWL + burst + d.tWTR_S;
    wr_to_rd_l = tCWL + burst + std::max(d.tWTR_L, d.tWTR_S);
    rd_to_wr = std::max<Tick>(tCL + burst + 2 - tCWL, 0);
    wr_to_pre = tCWL + burst + d.tWR;
    if (d.bank_groups == 1) {  // one group: the "other group" timings apply everywhere
        ccd_l = ccd_s;
        wr_to_rd_l = wr_to_rd_s;
        tRRD_L = tRRD_S;
    }
    tRRD_L = std::max(tRRD_L, tRRD_S);
}

DramState::DramState(const DramDevice& d)
    : m_t(d), m_group_of(d.banks), m_banks(d.banks), m_groups(d.bank_groups) {
    for (std::uint32_t b = 0; b < d.banks; ++b) m_group_of[b] = b / d.banks_per_group();
    m_rank.next_ref = m_t.tREFI;
}

Tick DramState::refresh(std::uint32_t& closed) {
    const Tick due = m_rank.next_ref;
    Tick ref = due;
    closed = 0;
    for (std::uint32_t b = 0; b < m_banks.size(); ++b) {
        DramBank& k = m_banks[b];
        if (k.open_row >= 0) {
            precharge(b, earliest_pre(b, due));
            ++closed;
        }
        ref = std::max({ref, k.pre + m_t.tRP, k.act + m_t.tRC});
    }
    ref = std::max(ref, m_rank.ref + m_t.tRFC);
    m_rank.ref = ref;
    m_rank.next_ref = due + m_t.tREFI;
    return ref;
}

void DramState::idle_refreshes(std::uint64_t n) {
    if (n == 0) return;
    // Each issues when due: the previous one ended tRFC after it, long before tREFI.
    m_rank.ref = m_rank.next_ref + static_cast<Tick>(n - 1) * m_t.tREFI;
    m_rank.next_ref += static_cast<Tick>(n) * m_t.tREFI;
}

}  // namespace skipsim
