#pragma once
// The bit-serial array cycle by cycle, on real bits (pure C++; the sc_module steps it).
// Cell (r, c) holds a weight and the control bits of its multiplexer; column c carries
// mux_inputs activation lines upwards, one bit per cycle, LSB first, each cell registering them
// for the cell above. A cell's MAC units take successive pixels in turn: each multiplies
// serial-parallel (adds the weight for every activation bit, emits one product bit per cycle)
// and adds the product bit-serially, with its carry, to the partial-sum bit arriving from the
// left, registering the sum bit for the cell on the right. Row r's results leave the right edge
// acc bits per pixel, and are sign-extended there.
#include <cstdint>
#include <vector>

#include "base/units.h"

namespace skipsim {

struct BitserialTileData {
    std::uint32_t rows_used = 0;           // filters in the tile (rows 0 .. rows_used-1)
    std::vector<std::int32_t> weight;      // rows x cols, zero where a cell holds none
    std::vector<std::int32_t> select;      // rows x cols: the line each cell's multiplexer picks
    std::uint64_t pixels = 0;
    std::vector<std::int32_t> activation;  // pixels x cols x mux_inputs: the value on each line
    int activation_bits = 8;
    bool activation_signed = true;
    Cycles load = 0;                       // cycles the weights take to shift in
};

class BitserialEngine {
public:
    BitserialEngine(std::uint32_t rows, std::uint32_t cols, std::uint32_t mux_inputs, std::uint32_t mac_units,
                    std::uint32_t accumulator_bits);

    void start(const BitserialTileData& tile);
    bool busy() const { return m_busy; }
    void step();  // one clock edge of every cell
    Cycles cycles() const { return m_cycle; }
    // pixels x rows_used, available once !busy().
    const std::vector<std::int64_t>& results() const { return m_results; }

private:
    struct Unit {
        std::int64_t product = 0;  // serial-parallel multiplier's partial product
        std::uint32_t carry = 0;
    };
    void load_step();
    void stream_step();

    std::uint32_t m_rows, m_cols, m_lines, m_units, m_acc;
    const BitserialTileData* m_tile = nullptr;
    Cycles m_period = 0;
    bool m_busy = false;
    Cycles m_cycle = 0, m_stream_cycle = 0;
    // Weight registers shift up the columns while loading; the cells read them when streaming.
    std::vector<std::int32_t> m_weight, m_select;
    std::uint32_t m_loaded = 0;
    std::vector<std::uint32_t> m_lines_reg, m_lines_next;  // rows x cols activation-line bits
    std::vector<std::uint8_t> m_psum, m_psum_next;          // rows x cols x units sum bits
    std::vector<Unit> m_state;                              // rows x cols x units
    std::vector<std::uint64_t> m_edge;                      // rows x units: result bits gathered
    std::vector<std::int64_t> m_results;
    std::uint64_t m_results_done = 0;
};

}  // namespace skipsim
