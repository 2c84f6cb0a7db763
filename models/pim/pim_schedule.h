#pragma once
// How a mapped layer runs on a PIM chip, as pure arithmetic shared by both fidelity modes: the
// crossbars it occupies in rounds (a layer needing more arrays than the chip has reprograms them
// round by round; a layer that fits keeps its weights resident, programmed before inference as
// the sources assume), and per round the bands of window positions streamed through the input
// and output buffers. One window costs one pulse per input bit; a pulse lasts as long as the
// busiest ADC takes to convert its used columns.
#include <cstdint>
#include <string>
#include <vector>

#include "base/units.h"
#include "common/io_traffic.h"
#include "pim_mapping.h"

namespace skipsim {

struct PimChipShape {
    std::uint64_t arrays = 1;          // crossbars on the chip
    std::uint64_t adcs_per_array = 1;
    Cycles adc_cycles = 1;
    Cycles write_cycles_per_row = 0;
    std::uint32_t cell_bits = 2;
    std::uint32_t output_bytes = 4;
};

struct PimRound {
    std::vector<ArrayTile> tiles;
    Cycles pulse_cycles = 0;         // one input bit on every crossbar of the round
    std::uint64_t rows_per_pulse = 0, cells_per_pulse = 0, conversions_per_pulse = 0;
    std::uint64_t input_rows = 0;    // distinct driven rows per window (inputs read from the buffer)
    Cycles program_cycles = 0;       // 0 when the weights are resident
    Bytes weight_bytes = 0;
};

struct PimStep : IoTraffic {
    std::uint32_t round = 0, batch = 0;
    std::uint64_t wy = 0, wx0 = 0, wx1 = 0;   // window row and the window columns [wx0, wx1)
    Cycles program = 0, compute = 0;
    std::uint64_t windows() const { return wx1 - wx0; }
};

struct PimSchedule {
    std::vector<PimRound> rounds;
    std::vector<PimStep> steps;
    Cycles compute_cycles = 0;
    std::string error;  // set (and no steps) when one window's data does not fit a buffer half
};

// Steps of the layer; a band whose input rows or outputs do not fit one buffer half is split
// into parts of fewer windows.
PimSchedule schedule_pim_layer(const Layer& layer, const WindowMapping& map, const std::vector<ArrayTile>& tiles,
                               const PimChipShape& chip, Bytes input_half, Bytes output_half);

}  // namespace skipsim
