#include "ddr_channel.h"

#include <cmath>

#include "base/trace.h"
#include "common/register_model.h"

namespace skipsim {

namespace {

struct EnergyEvent {
    const char* name;
    const char* doc;
    double DramEnergyPrices::*price;
    std::uint64_t DdrEnergyCounts::*count;
};

const EnergyEvent kEvents[] = {
    {"activate", "one activation and its precharge (IDD0 over tRC above standby)", &DramEnergyPrices::activate,
     &DdrEnergyCounts::activate},
    {"read_burst", "one read burst ((IDD4R - IDD3N) over the burst)", &DramEnergyPrices::read_burst,
     &DdrEnergyCounts::read_burst},
    {"write_burst", "one write burst ((IDD4W - IDD3N) over the burst)", &DramEnergyPrices::write_burst,
     &DdrEnergyCounts::write_burst},
    {"refresh", "one all-bank refresh ((IDD5B - IDD3N) over tRFC)", &DramEnergyPrices::refresh,
     &DdrEnergyCounts::refresh},
    {"standby_active_cycle", "one channel cycle with a row open (IDD3N)", &DramEnergyPrices::standby_active_cycle,
     &DdrEnergyCounts::standby_active_cycle},
    {"standby_precharged_cycle", "one channel cycle with every bank precharged (IDD2N)",
     &DramEnergyPrices::standby_precharged_cycle, &DdrEnergyCounts::standby_precharged_cycle},
};

}  // namespace

DdrChannel::DdrChannel(const sc_core::sc_module_name& name, const DdrChannelParams& params, BuildContext& ctx)
    : DramModel(name, kKind, ctx, params.dev.clock_ghz),
      target("target"),
      m_params(params),
      m_core(params),
      s_reads(stat("reads", "transactions", "read transactions")),
      s_writes(stat("writes", "transactions", "write transactions")),
      s_bursts(stat("bursts", "bursts", "bursts of bus_bytes x burst_length")),
      s_row_hits(stat("row_hits", "bursts", "bursts to a row already open")),
      s_row_misses(stat("row_misses", "bursts", "bursts that activated a row in a precharged bank")),
      s_row_conflicts(stat("row_conflicts", "bursts", "bursts that precharged another row, then activated theirs")),
      s_activates(stat("activates", "commands", "activate commands")),
      s_precharges(stat("precharges", "commands", "precharge commands (conflicts, refresh, closed page)")),
      s_refreshes(stat("refreshes", "commands", "all-bank refresh commands")),
      s_busy_cycles(stat("busy_cycles", "cycles", "sum over transactions of issue-to-completion cycles")),
      s_fast_bursts(stat("fast_bursts", "bursts", "bursts the simulator moved a whole period at a time (same timing)")) {
    target.register_b_transport(this, &DdrChannel::b_transport);
    expose_target("target", target, "reads and writes from any number of initiators", true);
    if (params.model == "unlimited") return;
    // Priced from the device's currents, not looked up in the energy table (see the header).
    const DramEnergyPrices& prices = m_core.prices();
    for (const EnergyEvent& e : kEvents) {
        if (!params.timed_dram() && e.count != &DdrEnergyCounts::read_burst && e.count != &DdrEnergyCounts::write_burst)
            continue;  // an ideal interface only moves bursts
        energy_family(e.name, e.doc);
        m_energy.define(e.name, prices.*e.price);
    }
    for (const EnergyEvent& e : kEvents)
        m_energy_counts.push_back(m_energy.prices().count(e.name) ? &m_energy.counter(e.name) : nullptr);
}

double DdrChannel::peak_bytes_per_ns() const {
    // An unlimited channel moves anything at once: a bandwidth no layer can reach.
    if (m_params.model == "unlimited") return 1e12;
    return m_core.peak_bytes_per_cycle() * m_params.dev.clock_ghz;
}

// A byte's share of a burst (reads and writes alike, their mean) and of the activation that opens
// its row, as a sequential stream pays them.
double DdrChannel::stream_pj_per_byte() const {
    if (m_params.model == "unlimited") return 0;
    const DramEnergyPrices& e = m_core.prices();
    const DramDevice& d = m_params.dev;
    const double burst = (e.read_burst + e.write_burst) / 2 / d.burst_bytes();
    return m_params.timed_dram() ? burst + e.activate / d.row_bytes : burst;
}

// Active standby (a row open) and refresh, as the channel pays them while it streams.
double DdrChannel::standby_pj_per_ns() const {
    if (!m_params.timed_dram()) return 0;
    const DramEnergyPrices& e = m_core.prices();
    const DramDevice& d = m_params.dev;
    return (e.standby_active_cycle + e.refresh / d.tREFI) * d.clock_ghz;
}

void DdrChannel::count_energy() {
    if (m_energy_counts.empty()) return;
    const DdrEnergyCounts now = m_core.energy_counts();
    for (std::size_t i = 0; i < std::size(kEvents); ++i)
        if (m_energy_counts[i]) *m_energy_counts[i] += now.*kEvents[i].count - m_counted.*kEvents[i].count;
    m_counted = now;
}

void DdrChannel::b_transport(int, tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
    const Cycles at = static_cast<Cycles>(std::ceil(to_cycles(issued) - 1e-6));
    const std::uint64_t bytes = p.get_data_length();
    const bool write = p.is_write();
    DramController* ctl = m_core.controller();
    if (ctl) ctl->record_refreshes(tracing());
    const DdrAccessResult r = m_core.access(p.get_address(), bytes, at, write);
    ++(write ? s_writes : s_reads);
    (write ? s_bytes_written : s_bytes_read) += bytes;
    s_bursts += r.bursts;
    s_row_hits += r.row_hits;
    s_row_misses += r.row_misses;
    s_row_conflicts += r.row_conflicts;
    s_activates += r.activates;
    s_precharges += r.precharges;
    s_refreshes += r.refreshes;
    s_busy_cycles += r.done - at;
    s_fast_bursts += r.fast_bursts;
    count_energy();
    if (tracing() && bytes) trace_transaction(write, bytes, p.get_address(), r, issued);
    const sc_core::sc_time done = to_time(r.done);
    delay = done > issued ? done - sc_core::sc_time_stamp() : delay;
    p.set_response_status(tlm::TLM_OK_RESPONSE);
}

void DdrChannel::trace_span(const std::string& track, double& track_end, const char* name, Tick start, Tick end,
                          const OrderedJson& args) {
    // Whole nanoseconds, so that the sink's rounding of start and duration cannot make two events
    // of a track overlap where their cycles only touch; never before the track's last event ended.
    const double s = std::max(std::round(clock().ns(static_cast<Cycles>(start))), track_end);
    const double e = std::round(clock().ns(static_cast<Cycles>(end)));
    if (e < s) return;
    track_end = e;
    m_ctx.trace->complete(track, name, "ddr", s, e - s, args);
}

void DdrChannel::trace_transaction(bool write, std::uint64_t bytes, std::uint64_t addr, const DdrAccessResult& r,
                                   const sc_core::sc_time& issued) {
    const char* what = write ? "write" : "read";
    m_ctx.trace->advance(sc_core::sc_time_stamp().to_seconds() * 1e9);
    const double bus_start = m_bus_end;
    trace_span(path(), m_bus_end, what, static_cast<Tick>(r.first_data), static_cast<Tick>(r.done),
               {{"bytes", bytes},
                {"address", addr},
                {"issued_ns", issued.to_seconds() * 1e9},
                {"row_hits", r.row_hits},
                {"row_misses", r.row_misses},
                {"row_conflicts", r.row_conflicts}});
    // The channel's bandwidth counter: this transaction's bytes over its time on the data bus.
    const double s = std::max(std::round(clock().ns(static_cast<Cycles>(r.first_data))), bus_start);
    if (m_bus_end > s) m_ctx.trace->add_rate(path() + " bandwidth GB/s", what, s, m_bus_end, static_cast<double>(bytes) / (m_bus_end - s));
    const DramController* ctl = m_core.controller();
    if (!ctl) return;
    if (m_bank_tracks.empty()) {
        const std::uint32_t per_group = m_params.dev.banks_per_group();
        for (std::uint32_t b = 0; b < m_params.dev.banks; ++b)
            m_bank_tracks.push_back(path() + ".bank" + std::to_string(b / per_group) + "." + std::to_string(b % per_group));
        m_bank_end.assign(m_params.dev.banks, 0);
        m_refresh_track = path() + ".refresh";
    }
    const auto& touches = ctl->touches();
    for (std::uint32_t b = 0; b < touches.size(); ++b) {
        const DramBankTouch& t = touches[b];
        if (!t.touched || t.bursts == 0) continue;
        trace_span(m_bank_tracks[b], m_bank_end[b], what, t.first, t.last_end, nullptr);
    }
    for (Tick ref : m_core.last().refreshes)
        trace_span(m_refresh_track, m_refresh_end, "refresh", ref, ref + static_cast<Tick>(m_params.dev.tRFC), nullptr);
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(DdrChannel, DdrChannelParams, "memory",
                       "One DRAM channel: JEDEC DDR4/LPDDR4/HBM2 timing with bank groups, refresh and an FR-FCFS "
                       "controller (presets by device), or an ideal fixed-bandwidth interface, or unlimited; a TLM-2.0 "
                       "target")
