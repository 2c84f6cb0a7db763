#pragma once
// PAIRS pruning patterns for 3x3 kernels mapped with SDK windows (seed 004, MODELS.md section 6):
// the mask value v (1..5) is the number of entries pruned per kernel, and the candidates are the
// patterns pruning v entries that skip the most array rows per input channel under the
// window they are designed for (4x4 by default): 4, 14, 4, 16 and 4 candidates for v = 1..5.
// Of the candidates, the one that keeps the largest sum of squared weights is applied:
// - granularity "layer" (the source's block-wise setting): one pattern for the whole layer;
// - "array": one per group of `channels_per_array` input channels (the channels one array holds);
// - "kernel": one per kernel (filter, input channel), which skips fewer rows.
// Ties go to the first candidate in lexicographic order of the pruned positions.
#include <cstdint>
#include <vector>

#include "workloads/ir.h"

namespace skipsim {

// The candidate keep-patterns (9 entries, row-major, 1 = keep) of mask value `pruned` for a
// window of `window` x `window` input pixels (3x3 kernel, stride 1).
std::vector<std::vector<std::uint8_t>> pairs_candidates(int pruned, int window);

}  // namespace skipsim
