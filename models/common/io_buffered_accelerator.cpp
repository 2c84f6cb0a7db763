#include "io_buffered_accelerator.h"

#include <algorithm>

namespace skipsim {

using sc_core::sc_time;

namespace {
enum Buffer : std::size_t { input, output };
enum Dram : std::size_t { weights };
}  // namespace

IoBufferedAccelerator::IoBufferedAccelerator(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                                             const IoArrayParams& params, const IoSocketDocs& docs)
    : BufferedAccelerator(name, std::move(kind), ctx, params.clock_ghz,
                          {{"input", docs.input_port, "fills of the input buffer"},
                           {"output", docs.output_port, docs.output_dma}},
                          {{"weight_dma", docs.weight_dma}}),
      m_io(params) {}

Bytes IoBufferedAccelerator::input_half() const { return buffer_half(input); }
Bytes IoBufferedAccelerator::output_half() const { return buffer_half(output); }

sc_time IoBufferedAccelerator::fetch_io(const IoTraffic& t, const sc_time& at) {
    sc_time done = at;
    done = std::max(done, dram_read(weights, m_io.ddr_weight_base + t.weight_addr, t.weight_fill, at));
    done = std::max(done, fill(input, m_io.ddr_input_base + t.input_addr, t.input_fill, at));
    done = std::max(done, fill(output, m_io.ddr_output_base + t.output_addr, t.psum_fill, at));
    return done;
}

sc_time IoBufferedAccelerator::ports_io(const IoTraffic& t, const sc_time& start) {
    sc_time ports = start;
    ports = std::max(ports, read_port(input, t.input_reads, start));
    ports = std::max(ports, write_port(output, t.output_writes, start));
    return std::max(ports, read_port(output, t.output_reads, start));
}

sc_time IoBufferedAccelerator::drain_io(const IoTraffic& t, const sc_time& end) {
    return drain(output, m_io.ddr_output_base + t.output_addr, t.output_drain, end);
}

}  // namespace skipsim
