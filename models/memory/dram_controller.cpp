#include "dram_controller.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "ddr_channel_params.h"

namespace skipsim {

namespace {

class OneRequest : public DramRequestSource {
public:
    explicit OneRequest(const DramRequest& r) : m_r(r) {}
    bool next(DramRequest& r) override {
        if (m_done) return false;
        r = m_r;
        m_done = true;
        return true;
    }

private:
    DramRequest m_r;
    bool m_done = false;
};

}  // namespace

DramController::DramController(const DdrChannelParams& p)
    : m_st(p.dev),
      m_map(p.mapping, p.dev.bank_groups, p.dev.banks_per_group(), p.dev.rows, p.dev.row_bytes / p.dev.burst_bytes()),
      m_burst_bytes(p.dev.burst_bytes()),
      m_capacity_bursts(p.dev.capacity_bytes() / p.dev.burst_bytes()),
      m_capacity_mask((m_capacity_bursts & (m_capacity_bursts - 1)) == 0 ? m_capacity_bursts - 1 : 0),
      m_depth(p.queue_depth),
      m_wdepth(p.write_queue_depth),
      m_tqdepth(p.transaction_queue_depth),
      m_closed_page(p.page_policy == "closed"),
      m_bq(p.dev.banks),
      m_touch(p.dev.banks) {
    m_whigh = std::clamp<std::uint32_t>(static_cast<std::uint32_t>(std::ceil(p.write_high_watermark * m_wdepth)), 1,
                                        m_wdepth);
    m_wlow = std::min<std::uint32_t>(static_cast<std::uint32_t>(std::floor(p.write_low_watermark * m_wdepth)),
                                     m_whigh - 1);
    m_sequential_ok = !m_closed_page && m_map.row_above_column();
    m_period = 1ull << m_map.low_bits();
    m_hist.resize(m_period);
    m_hist_bank.resize(m_period);
    m_jump_x.resize(m_period);
    m_jump_bank.resize(m_period);
    m_jump_y.resize(2 * m_period);
    m_jump_group.resize(p.dev.bank_groups);
    m_prep_seen.resize(p.dev.banks);
    const std::uint32_t per_group = p.dev.banks_per_group();
    for (std::uint32_t b = 0; b < p.dev.banks; ++b)
        m_bank_place.push_back({m_map.low_of(b / per_group, b % per_group),
                                m_map.rowset_bank_bits(b / per_group, b % per_group)});
}

Tick DramController::precharged_cycles() const {
    Tick open_episode = m_open_banks == 0 ? std::max<Tick>(0, m_horizon - m_all_closed_since) : 0;
    return std::min(m_horizon, m_precharged + open_episode);
}

void DramController::begin(DramRequestSource* src, Tick at, DramObserver* obs) {
    m_src = src;
    m_obs = obs;
    m_have_cur = false;
    m_next_request = 0;
    m_trackers.clear();
    m_tracker_base = 0;
    m_result = DramServeResult{};
    m_result.first_data = m_result.done = at;
    m_any_data = false;
    for (std::uint32_t b : m_touched) m_touch[b] = DramBankTouch{};
    m_touched.clear();
}

DramServeResult DramController::finish() {
    m_src = nullptr;
    m_obs = nullptr;
    m_sequential = false;
    return std::move(m_result);
}

DramServeResult DramController::serve(DramRequestSource& src, Tick at, DramObserver* obs) {
    begin(&src, at, obs);
    run_general(at, false);
    return finish();
}

DramServeResult DramController::serve_one(const DramRequest& r, Tick at) {
    OneRequest one(r);
    begin(&one, at, nullptr);
    if (r.bytes == 0) return finish();
    if (m_sequential_ok && !m_exact && queued() == 0) {
        run_sequential(r, at);
        return finish();
    }
    run_general(at, true);
    return finish();
}

void DramController::run_general(Tick at, bool unbounded) {
    refresh_if_due(std::max(m_present, at));  // refreshes that fell due while the channel was idle
    admit(at, unbounded);
    while (queued() > 0) {
        const Tick t = std::max(m_present, at);
        refresh_if_due(t);
        const Entry e = take_pick(t, unbounded);
        const Kind kind = open_for(e.bank, e.row, e.seq, t);
        const Tick end = column(e.bank, e.write, t, kind);
        prepare(e.bank, m_present);  // the bank's next oldest burst, if it misses
        completed(e.request, end);
        admit(m_present, unbounded);
    }
}

void DramController::start_request(Tick t) {
    m_have_cur = true;
    m_cur_next = m_cur.addr / m_burst_bytes;
    m_cur_end = m_cur.bytes ? (m_cur.addr + m_cur.bytes + m_burst_bytes - 1) / m_burst_bytes : m_cur_next;
    Tracker tr;
    tr.admitted = tr.done = t;
    tr.next_burst = m_cur_next;
    tr.write = m_cur.write;
    m_trackers.push_back(tr);
    ++m_next_request;
}

void DramController::admit(Tick t, bool unbounded) {
    for (;;) {
        if (!m_have_cur) {
            if (!m_src->next(m_cur)) break;
            start_request(t);
        }
        const std::uint64_t index = m_next_request - 1;
        Tracker& tr = m_trackers.back();
        if (m_cur_next == m_cur_end) {  // every burst of the request is queued
            tr.admitted_all = true;
            m_have_cur = false;
            if (tr.outstanding == 0) completed(index, t);  // an empty request
            continue;
        }
        std::deque<Entry>& stage = m_cur.write ? m_wstage : m_rstage;
        if (!unbounded && stage.size() >= (m_cur.write ? m_wdepth : m_tqdepth)) break;
        const DramCoord c = m_map.decode(wrap(m_cur_next));
        if (!tr.started) tr.admitted = t, tr.started = true;
        const Entry e{m_seq++, index, m_cur_next, c.row, t, c.bank, m_cur.write};
        ++tr.outstanding;
        ++m_cur_next;
        if (unbounded) enqueue(e, t);
        else stage.push_back(e);
    }
    release(t);
}

// The write queue drains into the bank queues between its watermarks (and whenever no read
// waits); otherwise reads move there from the transaction queue. Either goes oldest first, each
// burst as soon as its bank's queue has room.
void DramController::release(Tick t) {
    const std::size_t w = m_wstage.size(), r = m_rstage.size() + m_reads_in_banks;
    if (!m_draining && w > 0 && (w >= m_whigh || r == 0)) m_draining = true;
    if (m_draining && (w == 0 || (w <= m_wlow && r > 0))) m_draining = false;
    std::deque<Entry>& stage = m_draining ? m_wstage : m_rstage;
    for (auto it = stage.begin(); it != stage.end();) {
        if (m_bq[it->bank].size() < m_depth) {
            enqueue(*it, t);
            it = stage.erase(it);
        } else {
            ++it;
        }
    }
}

void DramController::enqueue(const Entry& e, Tick t) {
    std::deque<Entry>& q = m_bq[e.bank];
    const bool was_empty = q.empty();
    q.push_back(e);
    ++m_in_banks;
    if (!e.write) ++m_reads_in_banks;
    if (was_empty) prepare(e.bank, t);
}

void DramController::prepare(std::uint32_t b, Tick t) {
    const std::deque<Entry>& q = m_bq[b];
    if (q.empty()) return;
    DramBank& k = m_st.bank(b);
    if (k.open_row >= 0)
        for (const Entry& e : q)
            if (e.row == k.open_row) return;  // hits first: the open row still has work
    open_for(b, q.front().row, q.front().seq, t);
}

void DramController::prepare_all(Tick t) {
    if (m_sequential) return prepare_sequential(m_seq_next, m_seq_end, t);
    std::vector<std::pair<std::uint64_t, std::uint32_t>>& order = m_prep_order;  // (oldest seq, bank)
    order.clear();
    for (std::uint32_t b = 0; b < m_st.banks(); ++b)
        if (!m_bq[b].empty()) order.emplace_back(m_bq[b].front().seq, b);
    std::sort(order.begin(), order.end());
    for (const auto& [seq, b] : order) prepare(b, t);
}

// The refreshes due by t (at least one), then every bank re-opened for its oldest burst.
void DramController::refresh_due(Tick t) {
    while (m_st.rank().next_ref <= t) {
        const Tick due = m_st.rank().next_ref;
        std::vector<std::uint32_t> open;
        for (std::uint32_t b = 0; b < m_st.banks(); ++b)
            if (m_st.bank(b).open_row >= 0) open.push_back(b);
        std::uint32_t n_closed = 0;
        const Tick ref = m_st.refresh(n_closed);
        for (std::uint32_t b : open) {
            closed(m_st.bank(b).pre);
            touch(b, m_st.bank(b).pre);
        }
        m_totals.precharges += n_closed;
        ++m_totals.refreshes;
        if (m_record_refreshes) m_result.refreshes.push_back(ref);
        // Idle: the refreshes still due before t each issue when they fall due.
        const Tick next = m_st.rank().next_ref;
        if (ref == due && next <= t) {
            const std::uint64_t n = static_cast<std::uint64_t>((t - next) / m_st.timing().tREFI) + 1;
            m_st.idle_refreshes(n);
            m_totals.refreshes += n;
            if (m_record_refreshes)
                for (std::uint64_t i = 0; i < n; ++i)
                    m_result.refreshes.push_back(next + static_cast<Tick>(i) * m_st.timing().tREFI);
        }
    }
    prepare_all(t);
}

// FR-FCFS over the bank queues: of the bursts that may go next (a request's bursts go in address
// order), the row hit whose column command can issue first, ties to the oldest; with no row hit,
// the oldest.
DramController::Entry DramController::take_pick(Tick t, bool single_request) {
    std::vector<std::deque<Entry>>& qs = m_bq;
    std::uint32_t bank = 0, oldest_bank = 0;
    std::size_t index = 0, oldest_index = 0;
    std::uint64_t best_seq = ~0ull, oldest = ~0ull;
    Tick best = 0;
    for (std::uint32_t b = 0; b < qs.size(); ++b) {
        const std::int64_t open = m_st.bank(b).open_row;
        // One request's bursts sit in its bank queues in address order: only a front can be next.
        const std::size_t n = single_request ? std::min<std::size_t>(qs[b].size(), 1) : qs[b].size();
        for (std::size_t i = 0; i < n; ++i) {
            const Entry& e = qs[b][i];
            if (m_trackers[e.request - m_tracker_base].next_burst != e.burst) continue;
            if (e.seq < oldest) oldest = e.seq, oldest_bank = b, oldest_index = i;
            if (e.row != open) continue;
            const Tick cas = m_st.earliest_cas(b, e.write, t);
            if (best_seq == ~0ull || cas < best || (cas == best && e.seq < best_seq))
                best = cas, best_seq = e.seq, bank = b, index = i;
            break;  // this bank's younger hits issue no earlier
        }
    }
    if (oldest == ~0ull) throw InternalError("DRAM scheduler: nothing to pick");
    if (best_seq == ~0ull) bank = oldest_bank, index = oldest_index;
    const Entry e = qs[bank][index];
    qs[bank].erase(qs[bank].begin() + static_cast<std::ptrdiff_t>(index));
    --m_in_banks;
    if (!e.write) --m_reads_in_banks;
    ++m_trackers[e.request - m_tracker_base].next_burst;
    return e;
}

DramController::Kind DramController::open_for(std::uint32_t b, std::int64_t row, std::uint64_t seq, Tick t) {
    DramBank& k = m_st.bank(b);
    if (k.open_row == row)
        return k.opened_for != seq ? Kind::hit : k.opened_by_conflict ? Kind::conflict : Kind::miss;
    const bool conflict = k.open_row >= 0;
    if (conflict) {
        const Tick p = m_st.earliest_pre(b, t);
        m_st.precharge(b, p);
        ++m_totals.precharges;
        closed(p);
        touch(b, p);
    }
    const Tick a = m_st.earliest_act(b, t);
    m_st.activate(b, row, a);
    k.opened_for = seq;
    k.opened_by_conflict = conflict;
    ++m_totals.activates;
    opened(a);
    touch(b, a);
    return conflict ? Kind::conflict : Kind::miss;
}

Tick DramController::column(std::uint32_t b, bool write, Tick t, Kind kind) {
    const Tick cas = m_st.earliest_cas(b, write, t);
    m_st.column(b, write, cas, m_closed_page);
    if (m_closed_page) {
        ++m_totals.precharges;
        closed(m_st.bank(b).pre);
    }
    m_present = cas;
    const Tick end = cas + m_st.data_end(write);
    ++m_totals.bursts;
    ++(write ? m_totals.write_bursts : m_totals.read_bursts);
    ++(kind == Kind::hit ? m_totals.row_hits : kind == Kind::miss ? m_totals.row_misses : m_totals.row_conflicts);
    touch(b, cas);
    DramBankTouch& tb = m_touch[b];
    tb.last_end = end;
    ++tb.bursts;
    if (kind == Kind::hit) ++tb.hits;
    if (!m_any_data) {
        m_result.first_data = end - m_st.timing().burst;
        m_any_data = true;
    }
    m_result.done = std::max(m_result.done, end);
    m_horizon = std::max(m_horizon, end);
    return end;
}

void DramController::completed(std::uint64_t request, Tick done) {
    if (m_trackers.empty() || request < m_tracker_base) return;
    Tracker& tr = m_trackers[request - m_tracker_base];
    tr.done = std::max(tr.done, done);
    if (tr.outstanding > 0) --tr.outstanding;
    while (!m_trackers.empty() && m_trackers.front().admitted_all && m_trackers.front().outstanding == 0) {
        const Tracker& f = m_trackers.front();
        if (m_obs) m_obs->completed(m_tracker_base, f.write, f.admitted, f.done);
        m_trackers.pop_front();
        ++m_tracker_base;
    }
}

void DramController::opened(Tick at) {
    if (m_open_banks++ == 0) m_precharged += std::max<Tick>(0, at - m_all_closed_since);
}

void DramController::closed(Tick at) {
    if (m_open_banks > 0 && --m_open_banks == 0) m_all_closed_since = std::max(m_all_closed_since, at);
}

void DramController::touch(std::uint32_t b, Tick at) {
    DramBankTouch& t = m_touch[b];
    if (!t.touched) {
        m_touched.push_back(b);
        t.touched = true;
        t.first = at;
        t.last_end = at;
    }
    t.first = std::min(t.first, at);
}

}  // namespace skipsim
