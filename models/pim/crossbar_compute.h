#pragma once
// Functional model of a layer on programmed crossbars (ideal devices): integer cell levels,
// inputs applied one bit per pulse through 1-bit DACs, each column's current digitized by an ADC
// of `adc_bits` (sums above 2^adc_bits - 1 clip), shift-and-add of the codes.
//
// Signed weights are stored with an offset (ISAAC's encoding): a cell slice holds part of
// u = w + 2^(b-1), an unsigned b-bit number, and the digital side subtracts
// 2^(b-1) x (sum of the inputs of the driven rows), so idle cells hold the offset too. Signed
// activations are two's complement: the top bit's pulse is weighted -2^(a-1).
#include <cstdint>
#include <vector>

#include "pim_mapping.h"

namespace skipsim {

struct CrossbarCounts {
    std::uint64_t dac_pulses = 0, cell_reads = 0, conversions = 0, clipped = 0;
};

class CrossbarCompute {
public:
    CrossbarCompute(const Layer& layer, const CrossbarLayout& layout,
                    const WindowMapping& map, std::uint32_t cell_bits, std::uint32_t adc_bits,
                    const std::vector<std::int32_t>& input, const std::vector<std::int32_t>& weights);

    // Programs the crossbars that hold `tiles` for the next windows.
    void program(const std::vector<ArrayTile>& tiles);

    // One window position: its input vector is latched, then pulse(t) for every input bit, then
    // finish() adds the window's results into `output` (batch x K x P x Q).
    void begin_window(std::uint32_t batch, std::uint64_t wy, std::uint64_t wx);
    void pulse(std::uint32_t bit, CrossbarCounts& counts);
    void finish_window(std::vector<std::int64_t>& output);

private:
    struct Programmed {
        ArrayTile ref;
        std::size_t rows, cols;
        std::vector<std::uint32_t> levels;  // rows x cols
        std::vector<std::int64_t> acc;      // per column: shift-added codes of this window
    };
    std::int32_t weight(std::uint32_t group, const CrossbarRow& r, const CrossbarColumn& c) const;

    const Layer& m_layer;
    const CrossbarLayout& m_layout;
    const WindowMapping& m_map;
    const std::vector<std::int32_t>& m_input;    // batch x C x H x W
    const std::vector<std::int32_t>& m_weights;  // K x C/g x R x S, pruned weights zero
    std::uint32_t m_cell_bits, m_adc_bits;
    std::int64_t m_offset;
    std::vector<Programmed> m_arrays;
    // The latched window: per group, per row tile, the row inputs.
    std::uint32_t m_batch = 0;
    std::uint64_t m_wy = 0, m_wx = 0;
    std::vector<std::vector<std::vector<std::int32_t>>> m_inputs;
    std::vector<std::uint64_t> m_sums;  // column sums of the current pulse
};

}  // namespace skipsim
