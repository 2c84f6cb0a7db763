#pragma once
// The schedule of one layer on a systolic array: its folds (tiles) in execution order, each with
// its compute cycles and the bytes it moves between DDR, the three SRAM buffers and the array.
// Pure C++: the SystemC module executes the plan, the unit tests check it.
#include <cstdint>
#include <vector>

#include "base/units.h"
#include "workloads/ir.h"

namespace skipsim {

enum class Dataflow { ws, os, is };
Dataflow parse_dataflow(const std::string& s);
const char* to_string(Dataflow d);

// Compute cycles of one fold, stall-free, as the array takes them (SCALE-Sim's per-fold cost;
// skipsim counts cycles, SCALE-Sim prints the index of the last one).
Cycles fold_compute_cycles(Dataflow df, std::uint32_t rows, std::uint32_t cols, const GemmShape& g);

struct BufferCapacities {
    Bytes ifmap = 0, filter = 0, ofmap = 0;  // usable bytes per buffer half
};

struct Tile {
    std::uint32_t group = 0;
    // Slices of the GEMM this fold covers: [m0, m0+m_len) output pixels, [d0, d0+d_len)
    // reduction, [n0, n0+n_len) filters (within the group).
    std::uint64_t m0 = 0, m_len = 0, d0 = 0, d_len = 0, n0 = 0, n_len = 0;
    Cycles compute = 0;
    // DDR traffic the tile needs before it may start (fills) and produces when done (drains).
    Bytes ifmap_fill = 0, filter_fill = 0, psum_fill = 0;
    Bytes ofmap_drain = 0;
    // DDR addresses of those transfers (offsets from the tensor bases).
    std::uint64_t ifmap_addr = 0, filter_addr = 0, ofmap_addr = 0;
    // SRAM <-> array traffic during the fold.
    Bytes ifmap_reads = 0, filter_reads = 0, ofmap_writes = 0, ofmap_reads = 0;
    std::uint64_t dense_macs = 0;  // MAC slots holding real (unpadded) operands
};

struct LayerPlan {
    Dataflow dataflow = Dataflow::ws;
    std::uint32_t rows = 0, cols = 0;
    std::vector<Tile> tiles;
    Cycles compute_cycles = 0;
    bool ifmap_resident = false, filter_resident = false, psums_resident = false;
};

// Builds the tile schedule. Loop orders (outer to inner): WS group, filter fold, reduction fold;
// OS group, pixel fold, filter fold; IS group, pixel fold, reduction fold. Each operand is
// fetched from DDR once per layer when the whole operand fits one buffer half, else once per
// tile that needs it; partial sums stay in the ofmap buffer across reduction folds when they fit.
LayerPlan plan_layer(const Layer& layer, Dataflow df, std::uint32_t rows, std::uint32_t cols,
                     const BufferCapacities& caps, std::uint32_t accumulator_bits);

Bytes packed_bytes(std::uint64_t elements, int bits);

}  // namespace skipsim
