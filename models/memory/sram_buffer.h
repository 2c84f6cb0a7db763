#pragma once
// A (double-buffered) SRAM scratchpad. Its "port" target serves the compute array (reads of
// operands, writes of results) at banks x ports x word_bytes per cycle; its "dma" target moves
// data between the buffer and the backing memory: a READ on dma fills `length` bytes from
// backing address `address`, a WRITE drains them. Timing-only: data is not stored. With double
// buffering the half being filled is not the half being used, so fills and port traffic do not
// contend.
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "common/memory_model.h"
#include "sram_area.h"
#include "sram_buffer_params.h"

namespace skipsim {

class SramBuffer : public BufferModel {
public:
    static constexpr const char* kKind = "sram_buffer";
    SramBuffer(const sc_core::sc_module_name& name, const SramBufferParams& params, BuildContext& ctx);

    tlm_utils::simple_target_socket<SramBuffer> port;
    tlm_utils::simple_target_socket<SramBuffer> dma;
    tlm_utils::simple_initiator_socket<SramBuffer> backing;

    AreaBreakdown area() const override { return sram_area(m_params, area_pricer()); }
    Bytes capacity() const override { return m_params.size_bytes; }
    Bytes usable_per_buffer() const override {
        return m_params.double_buffered ? m_params.size_bytes / 2 : m_params.size_bytes;
    }

private:
    void port_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay);
    void dma_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay);
    void count_access(Bytes bytes, bool write);

    SramBufferParams m_params;
    Cycles m_port_free = 0;
    std::uint64_t* m_accesses = nullptr;  // access_64b, counted on every transfer
    std::uint64_t& s_fills;
    std::uint64_t& s_fill_bytes;
    std::uint64_t& s_drains;
    std::uint64_t& s_drain_bytes;
    std::uint64_t& s_port_busy_cycles;
};

}  // namespace skipsim
