#pragma once
// A fold whose operands do not fit one half of a double buffer is streamed through it in parts:
// part k+1 is fetched while part k computes. Splitting is pure arithmetic, kept apart so it
// can be tested on its own.
#include <vector>

#include "tile_plan.h"

namespace skipsim {

struct Step {
    std::size_t tile = 0;
    std::uint32_t part = 0, parts = 1;
    Cycles compute = 0;
    Bytes ifmap_fill = 0, filter_fill = 0, psum_fill = 0, ofmap_drain = 0;
    std::uint64_t ifmap_addr = 0, filter_addr = 0, ofmap_addr = 0;
    Bytes ifmap_reads = 0, filter_reads = 0, ofmap_writes = 0, ofmap_reads = 0;
};

// How many parts split_tile() cuts `tile` into.
std::uint32_t tile_parts(const Tile& tile, const BufferCapacities& caps);

// Splits `tile` (index `index` of its plan) into the fewest equal parts whose fills and drains
// each fit one buffer half, appended to `steps` (a layer's steps grow in one vector). Sums over
// the parts equal the tile's totals exactly.
void split_tile(const Tile& tile, std::size_t index, const BufferCapacities& caps, std::vector<Step>& steps);

}  // namespace skipsim
