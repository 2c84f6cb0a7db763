#pragma once
// A layer on the bit-serial array: the filter matrix of every convolution group is column-
// combined, then cut into array-sized tiles (filters on the rows, packed columns on the columns).
// Each tile loads its weights and control bits, streams every output pixel's activations through
// bit-serially, and moves bytes between DDR, the three SRAM buffers and the array. Pure C++.
#include <cstdint>
#include <vector>

#include "base/units.h"
#include "column_combine.h"
#include "systolic/tile_plan.h"
#include "workloads/ir.h"

namespace skipsim {

// The array as the timing sees it.
struct BitserialShape {
    std::uint32_t rows = 32, cols = 32;
    std::uint32_t mux_inputs = 8;
    std::uint32_t mac_units = 4;
    std::uint32_t accumulator_bits = 32;
};

// Cycles between successive activations entering a cell: one per activation bit, unless the MAC
// units cannot keep up: each is busy for the whole accumulation (acc bits), and `units` of them
// take activations in turn.
Cycles activation_period(int activation_bits, std::uint32_t accumulator_bits, std::uint32_t mac_units);
// Weights and control bits shift up the columns over the mux_inputs lines: one row's word per
// ceil(bits / mux_inputs) cycles, `rows` words deep.
Cycles weight_load_cycles(std::uint64_t rows, int weight_bits, std::uint32_t control_bits, std::uint32_t mux_inputs);
// Cycles from the first activation bit entering the array until the last result bit leaves it:
// pixel m's bit k reaches cell (r, c) at m * period + k + r + c, and each of the acc result bits
// of a cell leaves one cycle after it was added; results cross every physical column.
Cycles stream_cycles(std::uint64_t pixels, std::uint64_t rows_used, std::uint32_t cols, Cycles period,
                     std::uint32_t accumulator_bits);

// The packed filter matrix of each convolution group: rows = filters of the group, columns =
// (C/g) x R x S reduction indices (C for 1x1 convs and linear layers).
struct LayerPacking {
    std::vector<PackedMatrix> groups;
    std::uint64_t nonzeros = 0, kept = 0, columns = 0, nonzero_columns = 0, packed_cols = 0, cells = 0;
    std::uint32_t control_bits = 0;
};
// `mask` is the layer's keep-mask (empty: dense); `weights` (or null) picks the kept weights.
LayerPacking pack_layer(const Layer& layer, const std::vector<std::uint8_t>& mask,
                        const std::vector<std::int32_t>* weights, const CombineOptions& options);

// What one tile does besides the systolic Tile's extents and bytes (d = packed columns,
// n = filters, m = output pixels).
struct TileWork {
    Cycles load = 0, stream = 0;
    std::uint64_t streams = 0;  // activation streams feeding the tile (original columns)
    std::uint64_t kept = 0;     // cells holding a weight
};

struct BitserialPlan {
    std::vector<Tile> tiles;
    std::vector<TileWork> work;
    Cycles compute_cycles = 0;
    Cycles period = 0;
    bool ifmap_resident = false, psums_resident = false;
};

// The array's energy events of one tile. A cell without a weight gates its multiplier, but its
// accumulator still passes its row's partial sums on; multiplexers switch only when alpha > 1.
struct TileEvents {
    std::uint64_t weight_loads = 0, multiply_steps = 0, accumulate_steps = 0, mux_selects = 0;
};
TileEvents tile_events(const Tile& t, const TileWork& w, int activation_bits, std::uint32_t accumulator_bits,
                       std::uint32_t alpha);

// Loop order: convolution group, filter fold, packed-column fold (partial sums of a filter fold
// accumulate in the ofmap buffer across its column folds).
BitserialPlan plan_bitserial_layer(const Layer& layer, const LayerPacking& packing, const BitserialShape& shape,
                                   const BufferCapacities& caps);

}  // namespace skipsim
