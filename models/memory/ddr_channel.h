#pragma once
// A DRAM channel as a TLM-2.0 target (loosely timed): b_transport serves the transfer issued at
// sc_time_stamp() + delay through DdrChannelCore and returns, in delay, when its last byte is
// transferred. Timing-only: payload data is not stored. Any number of initiators may bind.
//
// Energy: counted events (activates, read and write bursts, refreshes, background cycles) priced
// from the device's currents when the channel is built (dram_energy.h), not from the platform's
// energy table: the price of an activation or a refresh depends on the device, its density and
// its timing, which a preset or a --set may change, and one table entry per kind cannot follow.
//
// Trace: the data bus on the channel's own track (one event per transaction, from its first data
// beat to its last; transactions never share the bus, so these never overlap), each bank's work
// of a transaction on `<path>.bank<g>.<b>`, refreshes on `<path>.refresh`.
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/memory_model.h"
#include "ddr_channel_core.h"

namespace skipsim {

class DdrChannel : public DramModel {
public:
    static constexpr const char* kKind = "ddr_channel";
    DdrChannel(const sc_core::sc_module_name& name, const DdrChannelParams& params, BuildContext& ctx);

    tlm_utils::multi_passthrough_target_socket<DdrChannel> target;
    // Nothing: the DDR PHY and controller are outside the area model (the note says so).
    AreaBreakdown area() const override {
        AreaBreakdown a;
        a.note = "DDR PHY and memory controller not included (out of scope): area 0";
        return a;
    }
    double peak_bytes_per_ns() const override;
    double stream_pj_per_byte() const override;
    double standby_pj_per_ns() const override;

private:
    void b_transport(int id, tlm::tlm_generic_payload& p, sc_core::sc_time& delay);
    void count_energy();
    void trace_transaction(bool write, std::uint64_t bytes, std::uint64_t addr, const DdrAccessResult& r,
                           const sc_core::sc_time& issued);
    void trace_span(const std::string& track, double& track_end, const char* name, Tick start, Tick end,
                  const OrderedJson& args);

    DdrChannelParams m_params;
    DdrChannelCore m_core;
    DdrEnergyCounts m_counted;
    std::vector<std::uint64_t*> m_energy_counts;  // the ledger's counter of each priced event
    // Trace tracks (the channel's own, one per bank, refresh) and where each one's last event ended.
    std::vector<std::string> m_bank_tracks;
    std::string m_refresh_track;
    std::vector<double> m_bank_end;
    double m_bus_end = 0, m_refresh_end = 0;
    std::uint64_t& s_reads;
    std::uint64_t& s_writes;
    std::uint64_t& s_bursts;
    std::uint64_t& s_row_hits;
    std::uint64_t& s_row_misses;
    std::uint64_t& s_row_conflicts;
    std::uint64_t& s_activates;
    std::uint64_t& s_precharges;
    std::uint64_t& s_refreshes;
    std::uint64_t& s_busy_cycles;
    std::uint64_t& s_fast_bursts;
};

}  // namespace skipsim
