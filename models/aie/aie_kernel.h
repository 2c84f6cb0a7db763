#pragma once
// What a core does with real integers in cycle mode: the input tile its LOADFM brought (one
// output row's input rows and columns of a c-piece, zero padding outside the image), the
// compacted block-sparse weights its LOADWM brought (nonzero blocks only, each
// block x block x R x S), and the accumulation of one output row of a k-piece.
#include <cstdint>
#include <utility>
#include <vector>

#include "aie_compiler.h"

namespace skipsim {

struct CoreTile {
    std::uint32_t image = 0;
    Range ch, rows, cols;
    std::vector<std::int32_t> data;  // ch x rows x cols
};

struct PackedWeights {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> blocks;  // (k block, c block)
    std::vector<std::int32_t> data;                              // per block: bk x bc x R x S
};

CoreTile load_tile(const AiePlan& plan, const std::vector<std::int32_t>& input, std::uint32_t out_row, Range out_cols,
                   Range ch);
PackedWeights pack_weights(const AiePlan& plan, const std::vector<std::int32_t>& weights, std::uint32_t kpart,
                           std::uint32_t kpiece, std::uint32_t cpiece, std::uint32_t grp);
// acc (k_t x w_t, row-major) += the tile's contribution to output row `out_row`, columns
// `out_cols`, channels `kch` (the core's k-piece of group `grp`).
void accumulate(const AiePlan& plan, const CoreTile& in, const PackedWeights& w, std::uint32_t out_row, Range out_cols,
                Range kch, std::uint32_t grp, std::vector<std::int64_t>& acc);

}  // namespace skipsim
