#pragma once
// The shell of every array accelerator fed from on-chip buffers (systolic, bit-serial,
// zero-skipping, PIM): for each buffer it uses (ifmap/filter/ofmap, input/output) a "<role>_port"
// socket to its array port and a "<role>_dma" socket that fills it from and drains it to DRAM,
// bound to any component of the buffer role; optionally initiators straight to DRAM
// ("weight_dma"). It runs a layer's steps through the double-buffered pipeline
// (step_pipeline.h) and keeps the compute, busy and stall accounting of every such family.
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "accelerator_model.h"
#include "memory_model.h"
#include "step_pipeline.h"

namespace skipsim {

struct BufferSockets {
    std::string role;                // sockets "<role>_port" and "<role>_dma"
    std::string port_doc, dma_doc;
};
struct DramSocket {
    std::string name, doc;
};

class BufferedAccelerator : public AcceleratorModel {
public:
    BufferedAccelerator(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz,
                        const std::vector<BufferSockets>& buffers, const std::vector<DramSocket>& dram = {});

    void on_bound(const std::string& initiator, ModelBase& peer) override;

protected:
    using Socket = tlm_utils::simple_initiator_socket<BufferedAccelerator>;

    // Usable bytes per half of buffer `b` (index into the constructor's list).
    Bytes buffer_half(std::size_t b) const;
    // A fill of buffer `b` from DRAM address `addr` issued at `at`; when it is done.
    sc_core::sc_time fill(std::size_t b, std::uint64_t addr, Bytes bytes, const sc_core::sc_time& at) {
        return transfer(*m_buffers[b].dma, tlm::TLM_READ_COMMAND, addr, bytes, at);
    }
    // A drain of buffer `b` to DRAM; when its half is free again.
    sc_core::sc_time drain(std::size_t b, std::uint64_t addr, Bytes bytes, const sc_core::sc_time& at) {
        return transfer(*m_buffers[b].dma, tlm::TLM_WRITE_COMMAND, addr, bytes, at);
    }
    // Array-port traffic of buffer `b` while a step computes.
    sc_core::sc_time read_port(std::size_t b, Bytes bytes, const sc_core::sc_time& start) {
        return transfer(*m_buffers[b].port, tlm::TLM_READ_COMMAND, 0, bytes, start);
    }
    sc_core::sc_time write_port(std::size_t b, Bytes bytes, const sc_core::sc_time& start) {
        return transfer(*m_buffers[b].port, tlm::TLM_WRITE_COMMAND, 0, bytes, start);
    }
    // A read through DRAM socket `d`, bypassing the buffers.
    sc_core::sc_time dram_read(std::size_t d, std::uint64_t addr, Bytes bytes, const sc_core::sc_time& at) {
        return transfer(*m_dram[d], tlm::TLM_READ_COMMAND, addr, bytes, at);
    }
    // Runs a layer of `steps` steps through the double-buffered pipeline from now + `delay`,
    // traces the array's waits for buffers, counts the layer and its compute, busy and stall
    // cycles, and sets `delay` to the layer's end. Returns the compute cycles.
    Cycles run_step_pipeline(std::size_t steps, const StepHooks& hooks, sc_core::sc_time& delay);

    std::uint64_t& s_layers;
    std::uint64_t& s_compute_cycles;
    std::uint64_t& s_stall_cycles;
    std::uint64_t& s_busy_cycles;

private:
    struct Buffer {
        std::string role;
        std::unique_ptr<Socket> port, dma;
        const BufferTarget* target = nullptr;
    };
    std::vector<Buffer> m_buffers;
    std::vector<std::unique_ptr<Socket>> m_dram;
};

}  // namespace skipsim
