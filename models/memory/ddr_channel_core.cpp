#include "ddr_channel_core.h"

#include <algorithm>
#include <cmath>

namespace skipsim {

DdrChannelCore::DdrChannelCore(const DdrChannelParams& p)
    : m_p(p), m_ideal(p.model == "ideal"), m_unlimited(p.model == "unlimited"), m_prices(dram_energy_prices(p.dev)) {
    if (m_p.timed_dram()) m_ctl = std::make_unique<DramController>(m_p);
}

double DdrChannelCore::peak_bytes_per_cycle() const {
    if (m_ideal) return m_p.bytes_per_cycle;
    return 2.0 * m_p.dev.bus_bytes;  // double data rate
}

DdrAccessResult DdrChannelCore::delta(const DramTotals& before, const DramServeResult& r) {
    const DramTotals& now = m_ctl->totals();
    DdrAccessResult a;
    a.first_data = static_cast<Cycles>(std::max<Tick>(r.first_data, 0));
    a.done = static_cast<Cycles>(std::max<Tick>(r.done, 0));
    a.bursts = now.bursts - before.bursts;
    a.row_hits = now.row_hits - before.row_hits;
    a.row_misses = now.row_misses - before.row_misses;
    a.row_conflicts = now.row_conflicts - before.row_conflicts;
    a.activates = now.activates - before.activates;
    a.precharges = now.precharges - before.precharges;
    a.refreshes = now.refreshes - before.refreshes;
    return a;
}

DdrAccessResult DdrChannelCore::access(std::uint64_t addr, std::uint64_t bytes, Cycles at, bool write) {
    DdrAccessResult r;
    r.done = r.first_data = at;
    if (bytes == 0 || m_unlimited) return r;
    if (m_ideal) {
        const double start = std::max(static_cast<double>(at), m_ideal_free);
        m_ideal_free = start + static_cast<double>(bytes) / m_p.bytes_per_cycle;
        r.first_data = static_cast<Cycles>(std::ceil(start - 1e-9));
        r.done = static_cast<Cycles>(std::ceil(m_ideal_free - 1e-9)) + m_p.latency_cycles;
        r.bursts = ceil_div(bytes, m_p.burst_bytes());
        (write ? m_ideal_writes : m_ideal_reads) += r.bursts;
        return r;
    }
    const DramTotals before = m_ctl->totals();
    const std::uint64_t jumped = m_ctl->jumped_bursts();
    m_last = m_ctl->serve_one(DramRequest{addr, bytes, write}, static_cast<Tick>(at));
    DdrAccessResult a = delta(before, m_last);
    a.fast_bursts = m_ctl->jumped_bursts() - jumped;
    return a;
}

namespace {

// The ideal interface moves one request after the other at its bandwidth.
class IdealStream {
public:
    IdealStream(DramRequestSource& src, DramObserver* obs) : m_src(src), m_obs(obs) {}
    template <class Access>
    Cycles run(Cycles at, Access&& access) {
        DramRequest r;
        Cycles done = at;
        for (std::uint64_t i = 0; m_src.next(r); ++i) {
            const DdrAccessResult a = access(r);
            if (m_obs) m_obs->completed(i, r.write, static_cast<Tick>(a.first_data), static_cast<Tick>(a.done));
            done = std::max(done, a.done);
        }
        return done;
    }

private:
    DramRequestSource& m_src;
    DramObserver* m_obs;
};

}  // namespace

DdrAccessResult DdrChannelCore::stream(DramRequestSource& src, Cycles at, DramObserver* obs) {
    if (!m_ctl) {
        DdrAccessResult total;
        total.first_data = at;
        total.done = IdealStream(src, obs).run(at, [&](const DramRequest& r) {
            const DdrAccessResult a = access(r.addr, r.bytes, at, r.write);
            total.bursts += a.bursts;
            return a;
        });
        return total;
    }
    const DramTotals before = m_ctl->totals();
    m_last = m_ctl->serve(src, static_cast<Tick>(at), obs);
    return delta(before, m_last);
}

DdrEnergyCounts DdrChannelCore::energy_counts() const {
    if (!m_ctl) {
        m_counts.read_burst = m_ideal_reads;
        m_counts.write_burst = m_ideal_writes;
        return m_counts;
    }
    const DramTotals& t = m_ctl->totals();
    m_counts.activate = t.activates;
    m_counts.read_burst = t.read_bursts;
    m_counts.write_burst = t.write_bursts;
    m_counts.refresh = t.refreshes;
    // Background time only grows; the split between its two states is settled as rows open and
    // close, so each count only ever moves up.
    const Tick horizon = m_ctl->horizon(), pre = m_ctl->precharged_cycles();
    m_counts.standby_precharged_cycle = std::max<std::uint64_t>(m_counts.standby_precharged_cycle, pre);
    const std::uint64_t total = static_cast<std::uint64_t>(horizon);
    if (total > m_counts.standby_active_cycle + m_counts.standby_precharged_cycle)
        m_counts.standby_active_cycle = total - m_counts.standby_precharged_cycle;
    return m_counts;
}

PicoJoules DdrChannelCore::energy_pj() const {
    const DdrEnergyCounts c = energy_counts();
    const DramEnergyPrices& p = m_prices;
    return p.activate * c.activate + p.read_burst * c.read_burst + p.write_burst * c.write_burst +
           p.refresh * c.refresh + p.standby_active_cycle * c.standby_active_cycle +
           p.standby_precharged_cycle * c.standby_precharged_cycle;
}

}  // namespace skipsim
