#include "buffered_accelerator.h"

#include "base/error.h"

namespace skipsim {

BufferedAccelerator::BufferedAccelerator(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                                         double clock_ghz, const std::vector<BufferSockets>& buffers,
                                         const std::vector<DramSocket>& dram)
    : AcceleratorModel(name, std::move(kind), ctx, clock_ghz),
      s_layers(stat("layers", "layers", "layers run")),
      s_compute_cycles(stat("compute_cycles", "cycles", "cycles the array computed")),
      s_stall_cycles(stat("stall_cycles", "cycles", "cycles the array waited for buffers or DRAM")),
      s_busy_cycles(stat("busy_cycles", "cycles", "cycles from a layer's start to its last drain")) {
    for (const BufferSockets& b : buffers) {
        Buffer buf;
        buf.role = b.role;
        buf.port = std::make_unique<Socket>((b.role + "_port").c_str());
        buf.dma = std::make_unique<Socket>((b.role + "_dma").c_str());
        expose_initiator(b.role + "_port", *buf.port, b.port_doc, Role::buffer);
        expose_initiator(b.role + "_dma", *buf.dma, b.dma_doc, Role::buffer);
        m_buffers.push_back(std::move(buf));
    }
    for (const DramSocket& d : dram) {
        m_dram.push_back(std::make_unique<Socket>(d.name.c_str()));
        expose_initiator(d.name, *m_dram.back(), d.doc, Role::dram);
    }
}

void BufferedAccelerator::on_bound(const std::string& initiator, ModelBase& peer) {
    const auto* target = dynamic_cast<const BufferTarget*>(&peer);
    for (Buffer& b : m_buffers)
        if (initiator == b.role + "_dma") b.target = target;
}

Bytes BufferedAccelerator::buffer_half(std::size_t b) const {
    const Buffer& buf = m_buffers.at(b);
    if (!buf.target) throw InternalError(path() + ": " + buf.role + "_dma is not bound to a buffer");
    return buf.target->usable_per_buffer();
}

}  // namespace skipsim
