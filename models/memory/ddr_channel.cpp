#include "ddr_channel.h"

#include <cmath>

#include "common/register_model.h"

namespace skipsim {

DdrChannel::DdrChannel(const sc_core::sc_module_name& name, const DdrChannelParams& params, BuildContext& ctx)
    : DramModel(name, kKind, ctx, params.clock_ghz),
      target("target"),
      m_params(params),
      m_core(params),
      s_reads(stat("reads", "transactions", "read transactions")),
      s_writes(stat("writes", "transactions", "write transactions")),
      s_bursts(stat("bursts", "bursts", "bursts of bus_bytes x burst_length")),
      s_row_hits(stat("row_hits", "bursts", "bursts to an open row")),
      s_row_misses(stat("row_misses", "bursts", "bursts to a bank with no open row (activate)")),
      s_row_conflicts(stat("row_conflicts", "bursts", "bursts to a bank with another row open (precharge + activate)")),
      s_busy_cycles(stat("busy_cycles", "cycles", "sum over transactions of issue-to-completion cycles")) {
    target.register_b_transport(this, &DdrChannel::b_transport);
    expose_target("target", target, "reads and writes from any number of initiators", true);
    if (params.model != "unlimited") {
        energy_event("burst_row_hit", "one burst from an open row");
        energy_event("burst_row_miss", "one burst that needed an activation");
    }
}

double DdrChannel::peak_bytes_per_ns() const {
    // An unlimited channel moves anything at once: a bandwidth no layer can reach.
    if (m_params.model == "unlimited") return 1e12;
    return m_core.peak_bytes_per_cycle() * m_params.clock_ghz;
}

void DdrChannel::b_transport(int, tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
    const Cycles at = static_cast<Cycles>(std::ceil(to_cycles(issued) - 1e-6));
    const std::uint64_t bytes = p.get_data_length();
    const DdrAccessResult r = m_core.access(p.get_address(), bytes, at);
    const bool write = p.is_write();
    ++(write ? s_writes : s_reads);
    (write ? s_bytes_written : s_bytes_read) += bytes;
    s_bursts += r.bursts;
    s_row_hits += r.row_hits;
    s_row_misses += r.row_misses;
    s_row_conflicts += r.row_conflicts;
    s_busy_cycles += r.done - at;
    if (m_params.model == "ideal") {
        m_energy.add("burst_row_hit", r.bursts);  // a streaming interface: every burst counted as an open-row access
    } else if (m_params.model == "ddr4") {
        m_energy.add("burst_row_hit", r.row_hits);
        m_energy.add("burst_row_miss", r.row_misses + r.row_conflicts);
    }
    const sc_core::sc_time done = to_time(r.done);
    if (tracing() && bytes)
        trace(write ? "write" : "read", "ddr", issued, done,
              {{"bytes", bytes}, {"address", p.get_address()}, {"row_hits", r.row_hits},
               {"row_misses", r.row_misses + r.row_conflicts}});
    delay = done > issued ? done - sc_core::sc_time_stamp() : delay;
    p.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    DdrChannel, DdrChannelParams, "memory",
    "One DDR channel (DDR4 banks, row buffers and data bus; or ideal bandwidth; or unlimited), a TLM-2.0 target")
