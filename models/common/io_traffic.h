#pragma once
// The bytes one pipeline step of an input/output-buffer accelerator (zero-skipping array, PIM
// chip) moves: plain data, so that the families' pure-C++ planners fill it in and the SystemC
// shell (io_buffered_accelerator.h) issues it.
#include <cstdint>

#include "base/units.h"

namespace skipsim {

// Fills before the step computes, port traffic while it does (output_reads: partial sums read
// back), its drain after; addresses are offsets into the layer's input, weight and output areas.
struct IoTraffic {
    Bytes weight_fill = 0, input_fill = 0, psum_fill = 0;
    std::uint64_t weight_addr = 0, input_addr = 0, output_addr = 0;
    Bytes input_reads = 0, output_writes = 0, output_reads = 0, output_drain = 0;
};

}  // namespace skipsim
