#include "ddr_channel.h"

#include <cmath>

#include "common/register_model.h"

namespace skipsim {

DdrChannel::DdrChannel(const sc_core::sc_module_name& name, const DdrChannelParams& params, BuildContext& ctx)
    : ModelBase(name, "ddr_channel", ctx, params.clock_ghz),
      target("target"),
      m_params(params),
      m_core(params),
      s_reads(m_stats.counter("reads")),
      s_writes(m_stats.counter("writes")),
      s_bytes_read(m_stats.counter("bytes_read")),
      s_bytes_written(m_stats.counter("bytes_written")),
      s_bursts(m_stats.counter("bursts")),
      s_row_hits(m_stats.counter("row_hits")),
      s_row_misses(m_stats.counter("row_misses")),
      s_row_conflicts(m_stats.counter("row_conflicts")),
      s_busy_cycles(m_stats.counter("busy_cycles")) {
    target.register_b_transport(this, &DdrChannel::b_transport);
    expose_target("target", target, true);
    if (params.model != "unlimited") {
        m_energy.define("burst_row_hit", ctx.energy ? ctx.energy->lookup("ddr_channel", "burst_row_hit") : 0);
        m_energy.define("burst_row_miss", ctx.energy ? ctx.energy->lookup("ddr_channel", "burst_row_miss") : 0);
    }
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

using skipsim::NamedDoc;
SKIPSIM_REGISTER_MODEL(
    DdrChannel, DdrChannelParams, "ddr_channel", "memory",
    "One DDR channel (DDR4 banks, row buffers and data bus; or ideal bandwidth; or unlimited), a TLM-2.0 target",
    (std::vector<NamedDoc>{{"target", "target (multi): reads and writes from any number of initiators"}}),
    (std::vector<NamedDoc>{{"reads", "read transactions"},
                           {"writes", "write transactions"},
                           {"bytes_read", "bytes read"},
                           {"bytes_written", "bytes written"},
                           {"bursts", "bursts of bus_bytes x burst_length"},
                           {"row_hits", "bursts to an open row"},
                           {"row_misses", "bursts to a bank with no open row (activate)"},
                           {"row_conflicts", "bursts to a bank with another row open (precharge + activate)"},
                           {"busy_cycles", "sum over transactions of issue-to-completion cycles"}}),
    (std::vector<NamedDoc>{{"burst_row_hit", "one burst from an open row"},
                           {"burst_row_miss", "one burst that needed an activation"}}))
