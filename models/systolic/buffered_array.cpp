#include "buffered_array.h"

#include <algorithm>

#include "base/error.h"
#include "memory/sram_buffer.h"

namespace skipsim {

using sc_core::sc_time;

BufferedArray::BufferedArray(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                             double clock_ghz, const DdrLayout& ddr)
    : ModelBase(name, std::move(kind), ctx, clock_ghz),
      ifmap_port("ifmap_port"), ifmap_dma("ifmap_dma"),
      filter_port("filter_port"), filter_dma("filter_dma"),
      ofmap_port("ofmap_port"), ofmap_dma("ofmap_dma"),
      m_ddr(ddr) {
    expose_initiator("ifmap_port", ifmap_port);
    expose_initiator("ifmap_dma", ifmap_dma);
    expose_initiator("filter_port", filter_port);
    expose_initiator("filter_dma", filter_dma);
    expose_initiator("ofmap_port", ofmap_port);
    expose_initiator("ofmap_dma", ofmap_dma);
}

void BufferedArray::on_bound(const std::string& initiator, ModelBase& peer) {
    auto* sram = dynamic_cast<SramBuffer*>(&peer);
    if (!sram) return;
    if (initiator.rfind("ifmap", 0) == 0) m_ifmap = sram;
    if (initiator.rfind("filter", 0) == 0) m_filter = sram;
    if (initiator.rfind("ofmap", 0) == 0) m_ofmap = sram;
}

BufferCapacities BufferedArray::capacities() const {
    if (!m_ifmap || !m_filter || !m_ofmap)
        throw InternalError(path() + ": ifmap, filter and ofmap sockets must be bound to sram_buffer components");
    BufferCapacities c;
    c.ifmap = m_ifmap->usable_per_buffer();
    c.filter = m_filter->usable_per_buffer();
    c.ofmap = m_ofmap->usable_per_buffer();
    return c;
}

std::vector<Step> BufferedArray::split_steps(const std::vector<Tile>& tiles, const BufferCapacities& caps) {
    std::vector<Step> steps;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        auto parts = split_tile(tiles[i], i, caps);
        steps.insert(steps.end(), parts.begin(), parts.end());
    }
    return steps;
}

sc_time BufferedArray::fetch_step(const Step& s, const sc_time& at) {
    sc_time done = at;
    done = std::max(done, transfer(filter_dma, tlm::TLM_READ_COMMAND, m_ddr.filter_base + s.filter_addr, s.filter_fill, at));
    done = std::max(done, transfer(ifmap_dma, tlm::TLM_READ_COMMAND, m_ddr.ifmap_base + s.ifmap_addr, s.ifmap_fill, at));
    done = std::max(done, transfer(ofmap_dma, tlm::TLM_READ_COMMAND, m_ddr.ofmap_base + s.ofmap_addr, s.psum_fill, at));
    return done;
}

sc_time BufferedArray::stream_step(const Step& s, const sc_time& start) {
    sc_time ports = start;
    ports = std::max(ports, transfer(ifmap_port, tlm::TLM_READ_COMMAND, 0, s.ifmap_reads, start));
    ports = std::max(ports, transfer(filter_port, tlm::TLM_READ_COMMAND, 0, s.filter_reads, start));
    ports = std::max(ports, transfer(ofmap_port, tlm::TLM_READ_COMMAND, 0, s.ofmap_reads, start));
    return std::max(ports, transfer(ofmap_port, tlm::TLM_WRITE_COMMAND, 0, s.ofmap_writes, start));
}

sc_time BufferedArray::drain_step(const Step& s, const sc_time& end) {
    return transfer(ofmap_dma, tlm::TLM_WRITE_COMMAND, m_ddr.ofmap_base + s.ofmap_addr, s.ofmap_drain, end);
}

}  // namespace skipsim
