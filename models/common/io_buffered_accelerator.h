#pragma once
// The input/output arrangement of the zero-skipping array and the PIM chip: an input buffer the
// array reads activations from, an output buffer it writes results to (and reads partial sums
// back from), and weights read straight from DRAM. Their parameters end alike (IoArrayParams), and
// every pipeline step moves its bytes in the same order (IoTraffic).
#include <cstdint>
#include <string>

#include "buffered_accelerator.h"
#include "io_params.h"
#include "io_traffic.h"

namespace skipsim {

struct IoSocketDocs {
    std::string input_port, output_port, output_dma, weight_dma;
};

class IoBufferedAccelerator : public BufferedAccelerator {
public:
    IoBufferedAccelerator(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                          const IoArrayParams& params, const IoSocketDocs& docs);

protected:
    Bytes input_half() const;
    Bytes output_half() const;
    // Weights, inputs and partial sums of a step, issued at `at`; when they are all in.
    sc_core::sc_time fetch_io(const IoTraffic& t, const sc_core::sc_time& at);
    // Input reads and result writes (and partial-sum reads) while a step computes from `start`.
    sc_core::sc_time ports_io(const IoTraffic& t, const sc_core::sc_time& start);
    // The step's results to DRAM from `end`; when its output half is free again.
    sc_core::sc_time drain_io(const IoTraffic& t, const sc_core::sc_time& end);

private:
    IoArrayParams m_io;
};

}  // namespace skipsim
