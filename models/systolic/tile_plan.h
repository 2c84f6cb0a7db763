#pragma once
// The schedule of one layer on a systolic array: its folds (tiles) in execution order, each with
// its compute cycles and the bytes it moves between DDR, the three SRAM buffers and the array.
// Pure C++: the SystemC module executes the plan, the unit tests check it.
#include <cstdint>
#include <vector>

#include "base/units.h"
#include "sparsity_structure.h"
#include "workloads/ir.h"

namespace skipsim {

enum class Dataflow { ws, os, is };
Dataflow parse_dataflow(const std::string& s);
const char* to_string(Dataflow d);

// Compute cycles of one fold, stall-free, as the array takes them (SCALE-Sim's per-fold cost;
// skipsim counts cycles, SCALE-Sim prints the index of the last one).
Cycles fold_compute_cycles(Dataflow df, std::uint32_t rows, std::uint32_t cols, const GemmShape& g);

// A dimension of `total` cut into folds of `size` (the last one shorter).
struct Extent {
    std::uint64_t start, len;
};
std::vector<Extent> folds(std::uint64_t total, std::uint64_t size);

struct BufferCapacities {
    Bytes ifmap = 0, filter = 0, ofmap = 0;  // usable bytes per buffer half
};

// How a layer is laid onto the array (models/systolic/README.md).
enum class Mapping { im2col, kij_timestep };

struct PlanOptions {
    Mapping mapping = Mapping::im2col;
    // Skip pruned work: kernel positions no output channel of a fold keeps (kij_timestep), and
    // reduction indices no filter keeps (OS). Needs `sparsity`.
    bool skip_pruned = false;
    const SparsityStructure* sparsity = nullptr;
    std::uint32_t accumulator_bits = 32;
};

struct Tile {
    std::uint32_t group = 0;
    // kij_timestep mapping: the fold's timestep (the t-th kept kernel position of each column);
    // the reduction slice [d0, d0+d_len) is then a slice of input channels, and m_len the padded
    // input pixels streamed.
    std::uint32_t timestep = 0;
    std::uint64_t sfu_adds = 0;  // shifted partial-sum additions in the special-function unit
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

// Output traffic of a fold that produces `outputs` partial sums of a reduction split into folds:
// resident partial sums stay in the ofmap buffer until the last reduction fold writes final
// outputs; otherwise every fold but the first reads them back and every fold but the last
// spills them at accumulator width.
void accumulate_outputs(Tile& t, std::uint64_t outputs, bool first, bool last, bool resident, int out_bits,
                        int acc_bits);

struct LayerPlan {
    Dataflow dataflow = Dataflow::ws;
    std::uint32_t rows = 0, cols = 0;
    Mapping mapping = Mapping::im2col;
    std::vector<Tile> tiles;
    Cycles compute_cycles = 0;
    // Work per fold dense vs kept: timesteps (kij_timestep; the largest over folds) or reduction
    // length (OS; the largest over groups).
    std::uint64_t dense_steps = 0, kept_steps = 0;
    bool ifmap_resident = false, filter_resident = false, psums_resident = false;
};

// Builds the tile schedule. Loop orders (outer to inner): WS group, filter fold, reduction fold;
// OS group, pixel fold, filter fold; IS group, pixel fold, reduction fold; WS kij_timestep group,
// filter fold, input-channel fold, timestep. Each operand is
// fetched from DDR once per layer when the whole operand fits one buffer half, else once per
// tile that needs it; partial sums stay in the ofmap buffer across reduction folds when they fit.
LayerPlan plan_layer(const Layer& layer, Dataflow df, std::uint32_t rows, std::uint32_t cols,
                     const BufferCapacities& caps, const PlanOptions& options);

Bytes packed_bytes(std::uint64_t elements, int bits);

}  // namespace skipsim
