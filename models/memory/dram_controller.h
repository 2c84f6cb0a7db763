#pragma once
// The memory controller of one DRAM channel, pure C++, organised like DRAMsim3's. Requests
// (contiguous byte ranges, read or write) are cut into bursts. Reads wait in a transaction queue
// and move, oldest first, into their bank's queue when it has room; writes wait in the write
// queue, which drains into the bank queues between its watermarks (or whenever no read waits).
// The scheduler sees the bank queues and is FR-FCFS: of the bursts that may go next (a
// request's bursts go in address order), the row hit whose column command can issue first, ties
// to the oldest; with no row hit, the oldest. A bank whose queued bursts all miss its open row is
// precharged and activated for the oldest of them as soon as the timing allows, so the next row
// opens while other banks stream. All-bank refresh falls due every tREFI and closes every row.
// Commands are placed at their earliest legal time (dram_timing.h), column commands in the order
// the scheduler picks them, so the data bus is never double-booked.
//
// serve() runs a stream of requests that all arrive at one time through those queues
// (membench's saturating stream). serve_one() runs one transaction whose bursts the scheduler
// sees all at once (a b_transport); they go in address order, which dram_sequential.cpp exploits
// to move whole periods of a row at once with the same result (tests/unit/memory prove it on
// random streams). State (open rows, timers, refresh) persists from one call to the next.
#include <cstdint>
#include <deque>
#include <vector>

#include "dram_address_map.h"
#include "dram_timing.h"

namespace skipsim {

struct DdrChannelParams;

struct DramRequest {
    std::uint64_t addr = 0, bytes = 0;
    bool write = false;
};

class DramRequestSource {
public:
    virtual ~DramRequestSource() = default;
    virtual bool next(DramRequest& r) = 0;  // false once the stream is exhausted
};

class DramObserver {
public:
    virtual ~DramObserver() = default;
    // Request `index` (in stream order) entered the controller at `admitted` and its last data
    // beat ended at `done`.
    virtual void completed(std::uint64_t index, bool write, Tick admitted, Tick done) = 0;
};

struct DramTotals {
    std::uint64_t bursts = 0, read_bursts = 0, write_bursts = 0;
    std::uint64_t row_hits = 0, row_misses = 0, row_conflicts = 0;
    std::uint64_t activates = 0, precharges = 0, refreshes = 0;
};

// What one call did to one bank (for the trace): its first command and the end of its last data.
struct DramBankTouch {
    Tick first = 0, last_end = 0;
    std::uint64_t bursts = 0, hits = 0;
    bool touched = false;
};

struct DramServeResult {
    Tick first_data = 0, done = 0;  // first data beat and the end of the last one
    std::vector<Tick> refreshes;     // refresh commands of this call (when recorded)
};

class DramController {
public:
    explicit DramController(const DdrChannelParams& p);

    DramServeResult serve(DramRequestSource& src, Tick at, DramObserver* obs = nullptr);
    DramServeResult serve_one(const DramRequest& r, Tick at);

    void set_exact(bool exact) { m_exact = exact; }  // serve_one burst by burst, no fast path
    void record_refreshes(bool on) { m_record_refreshes = on; }
    const DramTotals& totals() const { return m_totals; }
    const std::vector<DramBankTouch>& touches() const { return m_touch; }
    // Background: the cycles from time 0 to the end of the latest data, and how many of them had
    // every bank precharged.
    Tick horizon() const { return m_horizon; }
    Tick precharged_cycles() const;
    const DramAddressMap& address_map() const { return m_map; }
    const DramState& state() const { return m_st; }
    Tick present() const { return m_present; }
    std::uint64_t burst_bytes() const { return m_burst_bytes; }
    std::uint64_t jumped_bursts() const { return m_jumped; }  // bursts the fast path moved at once

private:
    struct Entry {
        std::uint64_t seq = 0, request = 0, burst = 0;
        std::int64_t row = 0;
        Tick admitted = 0;
        std::uint32_t bank = 0;
        bool write = false;
    };
    struct Tracker {  // a request in flight
        Tick admitted = 0, done = 0;
        std::uint64_t outstanding = 0;  // bursts queued and not served
        std::uint64_t next_burst = 0;  // a request's bursts are served in address order
        bool write = false, admitted_all = false, started = false;
    };
    enum class Kind { hit, miss, conflict };

    // Burst number within the device (addresses beyond it wrap around): a mask where the capacity
    // is a power of two, as every preset's is, so that a burst pays no division.
    std::uint64_t wrap(std::uint64_t burst) const {
        return m_capacity_mask ? burst & m_capacity_mask : burst % m_capacity_bursts;
    }
    std::size_t queued() const { return m_in_banks + m_rstage.size() + m_wstage.size(); }
    void begin(DramRequestSource* src, Tick at, DramObserver* obs);
    DramServeResult finish();
    void run_general(Tick at, bool unbounded);
    void start_request(Tick t);
    void admit(Tick t, bool unbounded);
    void prepare(std::uint32_t bank, Tick t);
    void prepare_all(Tick t);
    // Called before every decision: the test is inline, the refreshes themselves are not.
    void refresh_if_due(Tick t) {
        if (m_st.rank().next_ref <= t) refresh_due(t);
    }
    void refresh_due(Tick t);
    void release(Tick t);
    Entry take_pick(Tick t, bool single_request);
    void enqueue(const Entry& e, Tick t);
    Kind open_for(std::uint32_t bank, std::int64_t row, std::uint64_t seq, Tick t);
    Tick column(std::uint32_t bank, bool write, Tick t, Kind kind);
    void completed(std::uint64_t request, Tick done);
    void opened(Tick at);
    void closed(Tick at);
    void touch(std::uint32_t bank, Tick at);

    // One sequential transaction, served in address order (dram_sequential.cpp).
    bool run_sequential(const DramRequest& r, Tick at);
    std::uint64_t next_in_bank(std::uint32_t bank, std::uint64_t after, std::uint64_t end) const;
    void prepare_sequential(std::uint64_t from, std::uint64_t end, Tick t);
    bool jump(std::uint64_t& next, std::uint64_t stop, bool write, std::uint64_t head);

    DramState m_st;
    DramAddressMap m_map;
    std::uint64_t m_burst_bytes, m_capacity_bursts, m_capacity_mask;
    std::uint32_t m_depth, m_wdepth, m_tqdepth, m_whigh, m_wlow;
    bool m_closed_page, m_exact = false, m_record_refreshes = false, m_sequential_ok;

    std::vector<std::deque<Entry>> m_bq;  // per bank: the bursts the scheduler sees
    std::deque<Entry> m_rstage, m_wstage;  // the transaction queue (reads) and the write queue
    std::size_t m_in_banks = 0, m_reads_in_banks = 0;
    std::uint64_t m_seq = 0;
    bool m_draining = false;  // the write queue is draining into the bank queues
    Tick m_present = 0;

    // The stream being served.
    DramRequestSource* m_src = nullptr;
    DramObserver* m_obs = nullptr;
    bool m_have_cur = false;
    DramRequest m_cur;
    std::uint64_t m_cur_next = 0, m_cur_end = 0, m_next_request = 0;
    std::deque<Tracker> m_trackers;
    std::uint64_t m_tracker_base = 0;
    DramServeResult m_result;
    bool m_any_data = false;

    DramTotals m_totals;
    std::vector<DramBankTouch> m_touch;
    std::uint32_t m_open_banks = 0;
    Tick m_all_closed_since = 0, m_precharged = 0, m_horizon = 0;

    // The sequential engine: the transaction's bursts [m_seq_next, m_seq_end) are still queued;
    // m_hist holds the CAS times and banks of its latest decisions within one row-set.
    bool m_sequential = false;
    std::uint64_t m_seq_next = 0, m_seq_end = 0, m_seq_first = 0, m_seq_base = 0, m_period = 1;
    std::vector<Tick> m_hist, m_jump_x, m_jump_y, m_jump_group;
    std::vector<std::uint32_t> m_hist_bank, m_jump_bank;
    // Where each bank's bursts lie (dram_address_map.h): its bits below the column field (burst mod
    // period) and above it (over the row-set number); worked out once, not per lookup.
    struct BankPlace {
        std::uint64_t low = 0, rowset_bits = 0;
    };
    std::vector<BankPlace> m_bank_place;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> m_prep_order;
    std::vector<char> m_prep_seen;
    std::vector<std::uint32_t> m_touched;  // banks whose touch entry this call set
    std::uint64_t m_jumped = 0;
};

}  // namespace skipsim
