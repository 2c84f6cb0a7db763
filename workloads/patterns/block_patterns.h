#pragma once
// Block sparsity over (C_in, C_out) (seed 003, MODELS.md section 5): the weight K x C x R x S is
// seen as a (C/bc) x (K/bk) grid of bc x R x S x bk blocks; the round(ratio x blocks) blocks of
// lowest score (L2 norm, L1 norm or variance) are zeroed whole. Block sizes must divide the
// channels: a partial block would be padded with zeros by the hardware, and the seed never
// prunes a layer whose channels it cannot tile (its first conv, C = 3, stays dense).
#include <cstdint>
#include <vector>

#include "workloads/ir.h"

namespace skipsim {

class WeightPieces;

struct BlockShape {
    std::uint32_t in = 8, out = 8;  // channels per block along C_in and C_out
};

// Score of every block, row-major over (C/bc, K/bk); `norm` is "l2", "l1" or "variance".
std::vector<double> block_scores(const Layer& layer, const std::vector<std::int16_t>& weights, BlockShape b,
                                 const std::string& norm);
std::vector<double> block_scores(const Layer& layer, WeightPieces& weights, BlockShape b, const std::string& norm);

}  // namespace skipsim
