#include "sram_buffer.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "common/register_model.h"

namespace skipsim {

SramBuffer::SramBuffer(const sc_core::sc_module_name& name, const SramBufferParams& params, BuildContext& ctx)
    : BufferModel(name, kKind, ctx, params.clock_ghz),
      port("port"),
      dma("dma"),
      backing("backing"),
      m_params(params),
      s_fills(stat("fills", "fills", "DMA fills")),
      s_fill_bytes(stat("fill_bytes", "bytes", "bytes filled from backing memory")),
      s_drains(stat("drains", "drains", "DMA drains")),
      s_drain_bytes(stat("drain_bytes", "bytes", "bytes drained to backing memory")),
      s_port_busy_cycles(stat("port_busy_cycles", "cycles", "cycles the array port was busy")) {
    port.register_b_transport(this, &SramBuffer::port_b_transport);
    dma.register_b_transport(this, &SramBuffer::dma_b_transport);
    expose_target("port", port, "the compute array reads operands and writes results");
    expose_target("dma", dma, "READ fills from backing memory, WRITE drains to it");
    expose_initiator("backing", backing, "to the backing memory (a DRAM channel)");
    m_accesses = &energy_event("access_64b", "one 64-bit SRAM access (priced by capacity)", static_cast<double>(params.size_bytes));
}

void SramBuffer::count_access(Bytes bytes, bool write) {
    (write ? s_bytes_written : s_bytes_read) += bytes;
    *m_accesses += ceil_div(bytes, 8);
}

void SramBuffer::port_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    const Bytes bytes = p.get_data_length();
    const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
    const Cycles at = static_cast<Cycles>(std::ceil(to_cycles(issued) - 1e-6));
    const Cycles start = std::max(at, m_port_free);
    const Cycles busy = ceil_div(bytes, m_params.bytes_per_cycle());
    m_port_free = start + busy;
    s_port_busy_cycles += busy;
    count_access(bytes, p.is_write());
    const sc_core::sc_time done = to_time(m_port_free);
    if (done > issued) delay = done - sc_core::sc_time_stamp();
    p.set_response_status(tlm::TLM_OK_RESPONSE);
}

void SramBuffer::dma_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    const Bytes bytes = p.get_data_length();
    if (bytes > usable_per_buffer())
        throw InternalError(path() + ": a transfer of " + std::to_string(bytes) + " bytes does not fit a buffer of " +
                            std::to_string(usable_per_buffer()) + " bytes");
    const sc_core::sc_time issued = sc_core::sc_time_stamp() + delay;
    const bool fill = p.is_read();
    // A fill reads the backing memory; a drain writes it. The payload is forwarded as is.
    tlm::tlm_command original = p.get_command();
    p.set_command(fill ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND);
    backing->b_transport(p, delay);
    p.set_command(original);
    if (fill) {
        ++s_fills;
        s_fill_bytes += bytes;
        count_access(bytes, true);
    } else {
        ++s_drains;
        s_drain_bytes += bytes;
        count_access(bytes, false);
    }
    if (tracing())
        trace(fill ? "fill" : "drain", fill ? "fill" : "drain", issued, sc_core::sc_time_stamp() + delay,
              {{"bytes", bytes}, {"address", p.get_address()}});
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    SramBuffer, SramBufferParams, "memory",
    "On-chip SRAM scratchpad, optionally double-buffered, with an array port and a DMA to backing memory")
