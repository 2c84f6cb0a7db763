#pragma once
// Timing of one DDR channel, pure C++: the banked DRAM model (dram_controller.h), an ideal
// fixed-bandwidth interface, or an unlimited one. access() serves one transaction (a TLM
// b_transport); stream() a whole stream of requests through the controller's queues (membench).
#include <cstdint>
#include <memory>

#include "base/units.h"
#include "ddr_channel_params.h"
#include "dram_controller.h"
#include "dram_energy.h"

namespace skipsim {

struct DdrAccessResult {
    Cycles first_data = 0;  // cycle the first data beat starts
    Cycles done = 0;        // cycle at which the last byte has been transferred
    std::uint64_t bursts = 0, row_hits = 0, row_misses = 0, row_conflicts = 0;
    std::uint64_t activates = 0, precharges = 0, refreshes = 0;
    std::uint64_t fast_bursts = 0;  // of the bursts, those the fast path moved a period at a time
};

// Counts of the energy events so far (monotone): what the energy prices multiply.
struct DdrEnergyCounts {
    std::uint64_t activate = 0, read_burst = 0, write_burst = 0, refresh = 0;
    std::uint64_t standby_active_cycle = 0, standby_precharged_cycle = 0;
};

class DdrChannelCore {
public:
    explicit DdrChannelCore(const DdrChannelParams& p);

    // A transfer of `bytes` starting at `addr`, issued at cycle `at`.
    DdrAccessResult access(std::uint64_t addr, std::uint64_t bytes, Cycles at, bool write = false);
    // A stream of requests all issued at `at` (a saturating stream); each enters the controller
    // when its queue has room. Returns when the last one completes.
    DdrAccessResult stream(DramRequestSource& src, Cycles at, DramObserver* obs = nullptr);

    double peak_bytes_per_cycle() const;
    const DdrChannelParams& params() const { return m_p; }
    DramController* controller() { return m_ctl.get(); }
    const DramController* controller() const { return m_ctl.get(); }
    void set_exact(bool exact) {
        if (m_ctl) m_ctl->set_exact(exact);
    }
    DdrEnergyCounts energy_counts() const;
    const DramEnergyPrices& prices() const { return m_prices; }
    PicoJoules energy_pj() const;
    const DramServeResult& last() const { return m_last; }

private:
    DdrAccessResult delta(const DramTotals& before, const DramServeResult& r);

    DdrChannelParams m_p;
    bool m_ideal, m_unlimited;  // the model, decided once
    std::unique_ptr<DramController> m_ctl;
    DramEnergyPrices m_prices;
    DramServeResult m_last;
    double m_ideal_free = 0;  // ideal model: fractional cycles
    std::uint64_t m_ideal_reads = 0, m_ideal_writes = 0;
    mutable DdrEnergyCounts m_counts;  // kept monotone
};

}  // namespace skipsim
