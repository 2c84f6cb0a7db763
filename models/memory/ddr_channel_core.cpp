#include "ddr_channel_core.h"

#include <algorithm>
#include <cmath>

namespace skipsim {

DdrChannelCore::DdrChannelCore(const DdrChannelParams& p) : m_p(p), m_banks(p.banks) {}

double DdrChannelCore::peak_bytes_per_cycle() const {
    if (m_p.model == "ideal") return m_p.bytes_per_cycle;
    return 2.0 * m_p.bus_bytes;  // double data rate
}

DdrAccessResult DdrChannelCore::access(std::uint64_t addr, std::uint64_t bytes, Cycles at) {
    DdrAccessResult r;
    r.done = at;
    if (bytes == 0 || m_p.model == "unlimited") return r;
    if (m_p.model == "ideal") {
        const double start = std::max(static_cast<double>(at), m_ideal_free);
        m_ideal_free = start + static_cast<double>(bytes) / m_p.bytes_per_cycle;
        r.done = static_cast<Cycles>(std::ceil(m_ideal_free - 1e-9)) + m_p.latency_cycles;
        r.bursts = ceil_div(bytes, m_p.burst_bytes());
        return r;
    }
    const std::uint64_t burst = m_p.burst_bytes();
    const Cycles burst_cycles = m_p.burst_length / 2;
    const std::uint64_t first = addr / burst, last = (addr + bytes - 1) / burst;
    const std::uint64_t bursts_per_row = m_p.row_bytes / burst;
    for (std::uint64_t b = first; b <= last; ++b) {
        const std::uint64_t row_index = b / bursts_per_row;  // global row slot
        const std::uint32_t bank_id = static_cast<std::uint32_t>(row_index % m_p.banks);
        const std::int64_t row = static_cast<std::int64_t>(row_index / m_p.banks);
        Bank& bank = m_banks[bank_id];
        Cycles cmd = std::max(at, bank.ready);
        Cycles latency = m_p.tCL;
        if (bank.open_row == row) {
            ++r.row_hits;
        } else if (bank.open_row < 0) {
            ++r.row_misses;
            latency += m_p.tRCD;
        } else {
            ++r.row_conflicts;
            latency += m_p.tRP + m_p.tRCD;
        }
        bank.open_row = row;
        const Cycles data = std::max(cmd + latency, m_bus_free);
        m_bus_free = data + burst_cycles;
        // The next column command to this bank can follow once this burst's data slot is set.
        bank.ready = data - m_p.tCL + burst_cycles;
        r.done = std::max(r.done, m_bus_free);
        ++r.bursts;
    }
    return r;
}

}  // namespace skipsim
