// One transaction, served exactly as the general scheduler (dram_controller.cpp) serves it when
// it sees all the transaction's bursts at once, but without materialising them in queues.
//
// A request's bursts go in address order. Each finds its row open when its turn comes: a bank is
// activated for its oldest queued burst as soon as none of its queued bursts hits the open row,
// and with the row field above the column field a bank's bursts never return to an earlier row,
// so when the last burst of a row is served the bank opens the next one. A refresh closes every
// row and re-opens each bank for its oldest burst.
//
// Why whole periods may be moved at once: inside one row-set (the bursts that share every
// address bit above the column field) the banks repeat with a period of L = 2^(bank bits below
// the column) bursts and every burst hits. After one period every bank there has had a column
// command, and nothing set before the row-set (tRCD after its activate, write-to-read
// turnaround) can hold a later one: each waits only for the previous command (tCCD_S) or the
// last of its bank group (tCCD_L). That max-plus recurrence over the last period is computed
// for two more periods; when they differ by S everywhere, every later period differs by S again,
// and jump() sets the state those commands write (each bank's, bank group's and the rank's last
// read or write) to the last moved period in one step: up to the transaction's end, or up to the
// row-set's last period (whose bursts open the next rows) and before the next refresh falls due.
#include <algorithm>

#include "base/error.h"
#include "dram_controller.h"

namespace skipsim {

namespace {

// The smallest y >= x whose bits under `mask` equal `value` (value lies within mask).
std::uint64_t next_with_bits(std::uint64_t x, std::uint64_t mask, std::uint64_t value) {
    const std::uint64_t diff = (x & mask) ^ value;
    if (diff == 0) return x;
    const int p = 63 - __builtin_clzll(diff);  // the highest masked bit where x and value differ
    const std::uint64_t below = (p == 63) ? ~0ull : ((2ull << p) - 1);
    if ((value >> p) & 1) return (x & ~below) | (value & below);
    // x has the higher masked bit: carry into the lowest free bit above p that x leaves clear.
    const std::uint64_t free_above = ~(mask | x) & ~below;
    if (free_above == 0) return ~0ull;
    const std::uint64_t bit = free_above & (~free_above + 1);
    return (x & ~(bit - 1)) | bit | (value & (bit - 1));
}

}  // namespace

// The first burst in [from, end) that falls in bank b (end if none).
std::uint64_t DramController::next_in_bank(std::uint32_t b, std::uint64_t from, std::uint64_t end) const {
    if (from >= end) return end;
    // Row-sets and periods are powers of two: shifts and masks, not divisions.
    const std::uint64_t rs = m_map.rowset_bursts(), L = m_period;
    const std::uint32_t rsh = m_map.rowset_shift(), lsh = m_map.low_bits();
    const std::uint64_t low = m_bank_place[b].low, bits = m_bank_place[b].rowset_bits;
    const std::uint64_t mask = m_map.rowset_bank_mask();
    const std::uint64_t r0 = from >> rsh, pos = from & (rs - 1);
    if ((r0 & mask) == bits) {
        const std::uint64_t k = pos <= low ? 0 : (pos - low + L - 1) >> lsh;
        const std::uint64_t z = r0 * rs + low + k * L;
        if (z < (r0 + 1) * rs) return std::min(z, end);
    }
    const std::uint64_t r1 = next_with_bits(r0 + 1, mask, bits);
    if (r1 == ~0ull || r1 > end >> rsh) return end;
    return std::min(r1 * rs + low, end);
}

// Activates, in the order of their first bursts in [from, end), every bank whose first burst
// there misses: what the general scheduler does when it queues those bursts (or after a refresh).
void DramController::prepare_sequential(std::uint64_t from, std::uint64_t end, Tick t) {
    const std::uint32_t banks = m_st.banks();
    const std::uint64_t L = m_period;
    const std::uint32_t rsh = m_map.rowset_shift();
    auto& order = m_prep_order;  // (first burst, bank)
    auto& seen = m_prep_seen;
    order.clear();
    std::fill(seen.begin(), seen.end(), 0);
    std::uint64_t y = from;
    for (std::uint64_t walked = 0; y < end && order.size() < banks && walked <= banks / L; ++walked) {
        const std::uint64_t rs_end = ((y >> rsh) + 1) << rsh;
        for (std::uint64_t z = y; z < std::min({y + L, rs_end, end}); ++z) {
            const std::uint32_t b = m_map.decode(wrap(z)).bank;
            if (!seen[b]) seen[b] = 1, order.emplace_back(z, b);
        }
        y = rs_end;
    }
    if (order.size() < banks && y < end) {  // banks whose rows lie far away in the address space
        for (std::uint32_t b = 0; b < banks; ++b)
            if (!seen[b]) {
                const std::uint64_t z = next_in_bank(b, y, end);
                if (z < end) order.emplace_back(z, b);
            }
        std::sort(order.begin(), order.end());
    }
    for (const auto& [z, b] : order) {
        const std::int64_t row = m_map.decode(wrap(z)).row;
        if (m_st.bank(b).open_row != row) open_for(b, row, m_seq_base + (z - m_seq_first), t);
    }
}

bool DramController::run_sequential(const DramRequest& r, Tick at) {
    const bool write = r.write;
    const std::uint64_t first = r.addr / m_burst_bytes;
    const std::uint64_t end = (r.addr + r.bytes + m_burst_bytes - 1) / m_burst_bytes;
    const std::uint64_t L = m_period, lmask = L - 1;
    const std::uint32_t rsh = m_map.rowset_shift();
    refresh_if_due(std::max(m_present, at));  // refreshes that fell due while the channel was idle
    m_sequential = true;
    m_seq_first = m_seq_next = first;
    m_seq_end = end;
    m_seq_base = m_seq;
    m_seq += end - first;
    prepare_sequential(first, end, at);
    std::uint64_t clean_run = 0, run_rowset = ~0ull;  // consecutive clean decisions in one row-set
    while (m_seq_next < end) {
        const Tick t = std::max(m_present, at);
        const std::uint64_t refreshes = m_totals.refreshes;
        refresh_if_due(t);
        bool clean = m_totals.refreshes == refreshes;
        const std::uint64_t y = m_seq_next++;
        const DramCoord c = m_map.decode(wrap(y));
        const DramBank& k = m_st.bank(c.bank);
        if (k.open_row != c.row) throw InternalError("DRAM controller: the oldest burst's bank is not open for it");
        const std::uint64_t seq = m_seq_base + (y - first);
        column(c.bank, write, t, k.opened_for != seq ? Kind::hit : k.opened_by_conflict ? Kind::conflict : Kind::miss);
        const std::uint64_t rowset = y >> rsh, rs_end = (rowset + 1) << rsh;
        if (y + L >= rs_end) {  // the bank's last burst in this row-set: open its next row now
            const std::uint64_t z = next_in_bank(c.bank, y + 1, end);
            if (z < end) {
                const std::int64_t row = m_map.decode(wrap(z)).row;
                if (row != k.open_row) {
                    open_for(c.bank, row, m_seq_base + (z - first), m_present);
                    clean = false;
                }
            }
        }
        if (!clean || rowset != run_rowset) clean_run = 0;
        run_rowset = clean ? rowset : ~0ull;
        if (!clean) continue;
        m_hist[clean_run & lmask] = m_present;
        m_hist_bank[clean_run & lmask] = c.bank;
        ++clean_run;
        if (clean_run < L || m_exact) continue;
        // A transaction that ends in this row-set opens no further rows: move up to its end.
        // Otherwise the row-set's last period is left to open the next rows burst by burst.
        const std::uint64_t stop = end <= rs_end ? end : rs_end - L;
        if (m_seq_next + L <= stop && jump(m_seq_next, stop, write, clean_run & lmask)) clean_run = L;
    }
    return true;
}

bool DramController::jump(std::uint64_t& next, std::uint64_t stop, bool write, std::uint64_t head) {
    const std::size_t L = m_period;
    const DramTiming& tm = m_st.timing();
    Tick* x = m_jump_x.data();
    std::uint32_t* bank = m_jump_bank.data();
    const std::size_t lmask = L - 1;
    for (std::size_t i = 0; i < L; ++i) x[i] = m_hist[(head + i) & lmask], bank[i] = m_hist_bank[(head + i) & lmask];
    const Tick due = m_st.rank().next_ref;
    if (x[L - 1] >= due) return false;
    Tick* last = m_jump_group.data();  // last column command per bank group
    std::fill(m_jump_group.begin(), m_jump_group.end(), kNever);
    for (std::size_t i = 0; i < L; ++i) last[m_st.group_of(bank[i])] = x[i];
    Tick prev = x[L - 1];
    Tick* y = m_jump_y.data();  // two periods: y[0..L) and y[L..2L)
    for (std::size_t i = 0; i < 2 * L; ++i) {
        const std::uint32_t g = m_st.group_of(bank[i & lmask]);
        prev = y[i] = std::max(prev + tm.ccd_s, last[g] + tm.ccd_l);
        last[g] = prev;
    }
    const Tick S = y[L] - y[0];
    for (std::size_t i = 1; i < L; ++i)
        if (y[L + i] - y[i] != S) return false;
    // Every decision of the jump must come before the next refresh falls due: the last one waits
    // for the command before it, y[L - 2] moved by the periods after the first.
    std::uint64_t periods = (stop - next) >> m_map.low_bits();
    const Tick before_last = L >= 2 ? y[L - 2] : x[0];
    const Tick room = due - 1 - before_last;
    if (room < 0) return false;
    periods = std::min<std::uint64_t>(periods, static_cast<std::uint64_t>(room / S) + 1);
    if (periods == 0) return false;
    const Tick move = static_cast<Tick>(periods - 1) * S;
    const Tick lat = m_st.data_end(write);
    for (std::size_t i = 0; i < L; ++i) {
        const Tick z = y[i] + move;
        const std::uint32_t b = bank[i];
        DramBank& k = m_st.bank(b);
        (write ? k.wr : k.rd) = z;
        DramGroup& gr = m_st.group(m_st.group_of(b));
        (write ? gr.wr : gr.rd) = z;  // the period runs in time order: the last write wins
        DramBankTouch& tb = m_touch[b];
        tb.last_end = z + lat;
        tb.bursts += periods;
        tb.hits += periods;
        m_hist[i] = z;
        m_hist_bank[i] = b;
    }
    const Tick z_last = y[L - 1] + move;
    (write ? m_st.rank().wr : m_st.rank().rd) = z_last;
    m_present = z_last;
    const std::uint64_t n = periods * L;
    m_totals.bursts += n;
    (write ? m_totals.write_bursts : m_totals.read_bursts) += n;
    m_totals.row_hits += n;
    m_result.done = std::max(m_result.done, z_last + lat);
    m_horizon = std::max(m_horizon, z_last + lat);
    next += n;
    m_jumped += n;
    return true;
}

}  // namespace skipsim
