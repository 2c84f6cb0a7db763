#pragma once
// JEDEC command timing of one DRAM rank, pure C++. The state keeps, per bank, bank group and
// rank, the time of the last command of each kind; every constraint is derived from those when
// a command is placed, so the state of a stream that repeats itself is the earlier state moved
// in time (the fast path relies on it). Times are cycles of the channel clock.
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "dram_presets.h"

namespace skipsim {

using Tick = std::int64_t;
constexpr Tick kNever = -(Tick(1) << 50);  // "long ago": no constraint binds

// The constraints, in cycles, derived once from a device.
struct DramTiming {
    explicit DramTiming(const DramDevice& d);
    Tick tCL, tCWL, tRCD, tRP, tRAS, tRC, tRRD_S, tRRD_L, tFAW, tRTP, tREFI, tRFC;
    Tick burst;              // data-bus cycles of one burst (burst_length / 2)
    Tick ccd_s, ccd_l;       // column to column, other / same bank group (never below one burst)
    Tick wr_to_rd_s, wr_to_rd_l;  // write command to read command: tCWL + burst + tWTR
    Tick rd_to_wr;           // read command to write command: tCL + burst + 2 - tCWL (JEDEC)
    Tick wr_to_pre;          // write command to precharge: tCWL + burst + tWR
};

struct DramBank {
    std::int64_t open_row = -1;
    Tick act = kNever, pre = kNever, rd = kNever, wr = kNever;
    std::uint64_t opened_for = ~0ull;  // the request whose row this activation opened
    bool opened_by_conflict = false;   // that activation needed a precharge first
};

struct DramGroup {
    Tick act = kNever, rd = kNever, wr = kNever;
};

struct DramRank {
    Tick rd = kNever, wr = kNever, ref = kNever;
    std::array<Tick, 4> act{kNever, kNever, kNever, kNever};  // the last four activates, oldest first
    Tick next_ref = 0;  // when the next refresh falls due
};

class DramState {
public:
    DramState(const DramDevice& d);

    const DramTiming& timing() const { return m_t; }
    DramBank& bank(std::uint32_t b) { return m_banks[b]; }
    const DramBank& bank(std::uint32_t b) const { return m_banks[b]; }
    DramGroup& group(std::uint32_t g) { return m_groups[g]; }
    DramRank& rank() { return m_rank; }
    const DramRank& rank() const { return m_rank; }
    std::uint32_t banks() const { return static_cast<std::uint32_t>(m_banks.size()); }
    std::uint32_t group_of(std::uint32_t b) const { return m_group_of[b]; }  // a load, not a division per command

    // Earliest times, not before t, at which each command to bank b may issue.
    Tick earliest_cas(std::uint32_t b, bool write, Tick t) const;
    Tick earliest_pre(std::uint32_t b, Tick t) const;
    Tick earliest_act(std::uint32_t b, Tick t) const;

    // Place a command at time `at` (the caller took it from earliest_*).
    void activate(std::uint32_t b, std::int64_t row, Tick at);
    void precharge(std::uint32_t b, Tick at);
    // A column command; with auto_precharge the bank closes as soon as it may.
    void column(std::uint32_t b, bool write, Tick at, bool auto_precharge);
    // One all-bank refresh falling due at rank().next_ref: precharges the open banks, refreshes,
    // and schedules the next one. Returns the refresh command's time; `closed` counts the banks
    // it had to precharge.
    Tick refresh(std::uint32_t& closed);
    // `n` more refreshes while every bank stays closed and idle: each issues when it falls due.
    void idle_refreshes(std::uint64_t n);

    // Data completes this long after a column command.
    Tick data_end(bool write) const { return (write ? m_t.tCWL : m_t.tCL) + m_t.burst; }

private:
    DramTiming m_t;
    std::vector<std::uint32_t> m_group_of;
    std::vector<DramBank> m_banks;
    std::vector<DramGroup> m_groups;
    DramRank m_rank;
};

// The commands placed for every burst, inline: they run several times per burst.

inline Tick DramState::earliest_cas(std::uint32_t b, bool write, Tick t) const {
    const DramBank& k = m_banks[b];
    const DramGroup& g = m_groups[group_of(b)];
    t = std::max(t, k.act + m_t.tRCD);
    if (write) {
        t = std::max({t, g.wr + m_t.ccd_l, m_rank.wr + m_t.ccd_s, m_rank.rd + m_t.rd_to_wr});
    } else {
        t = std::max({t, g.rd + m_t.ccd_l, m_rank.rd + m_t.ccd_s, g.wr + m_t.wr_to_rd_l, m_rank.wr + m_t.wr_to_rd_s});
    }
    return t;
}

inline Tick DramState::earliest_pre(std::uint32_t b, Tick t) const {
    const DramBank& k = m_banks[b];
    return std::max({t, k.act + m_t.tRAS, k.rd + m_t.tRTP, k.wr + m_t.wr_to_pre});
}

inline Tick DramState::earliest_act(std::uint32_t b, Tick t) const {
    const DramBank& k = m_banks[b];
    const DramGroup& g = m_groups[group_of(b)];
    return std::max({t, k.pre + m_t.tRP, k.act + m_t.tRC, g.act + m_t.tRRD_L, m_rank.act[3] + m_t.tRRD_S,
                     m_rank.act[0] + m_t.tFAW, m_rank.ref + m_t.tRFC});
}

inline void DramState::activate(std::uint32_t b, std::int64_t row, Tick at) {
    DramBank& k = m_banks[b];
    k.open_row = row;
    k.act = at;
    m_groups[group_of(b)].act = at;
    // Activates are placed in increasing time order, so the window is a shift register.
    std::rotate(m_rank.act.begin(), m_rank.act.begin() + 1, m_rank.act.end());
    m_rank.act[3] = at;
}

inline void DramState::precharge(std::uint32_t b, Tick at) {
    DramBank& k = m_banks[b];
    k.open_row = -1;
    k.pre = at;
}

inline void DramState::column(std::uint32_t b, bool write, Tick at, bool auto_precharge) {
    DramBank& k = m_banks[b];
    DramGroup& g = m_groups[group_of(b)];
    (write ? k.wr : k.rd) = at;
    (write ? g.wr : g.rd) = at;
    (write ? m_rank.wr : m_rank.rd) = at;
    if (auto_precharge) precharge(b, earliest_pre(b, at));
}

}  // namespace skipsim
