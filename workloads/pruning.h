#pragma once
// Pruning patterns by name. Each pattern validates its parameters (errors name the JSON
// pointer) and turns a layer's weights into a keep-mask (1 = keep) of the weight's shape
// K x C/g x R x S. A pattern registers itself in its own file under patterns/:
//   static const Registration<PruningPattern> nm_registration{{"nm", "summary", validate, make_mask}};
// Weights are at most 16 bits wide (checked where they are read), so patterns read them as 16-bit
// integers; a run prunes every layer from one weight buffer into one mask buffer, whose memory
// the next layer reuses.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/registry.h"
#include "base/strict_object.h"
#include "ir.h"

namespace skipsim {

struct PruningPattern {
    std::string name, summary;
    // Reads the pattern's own keys from the sparsity object (the caller calls finish()).
    std::function<void(StrictObject& spec, const Layer& layer)> validate;
    // Fills `mask` (its memory reused), or leaves it empty when the pattern prunes nothing.
    std::function<void(const Layer& layer, const std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask)>
        make_mask;
    bool needs_weights = true;
    // Whether the sparsity object names a .npy mask in "file" (read relative to the workload
    // into Sparsity::mask_file before validate runs).
    enum class MaskFile { none, required, optional } mask_file = MaskFile::none;
};

using PruningRegistry = Registry<PruningPattern>;

// The keep-mask of a layer (empty for dense layers and when the pattern pruned nothing) computed
// from its weights, into `mask`; the second form takes 32-bit weights (layer_weights()) and
// returns a new mask.
void materialize_mask(const Layer& layer, const std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask);
std::vector<std::uint8_t> materialize_mask(const Layer& layer, const std::vector<std::int32_t>& weights);
std::uint64_t count_kept(const std::vector<std::uint8_t>& mask);
// Whether any of `n` mask entries from `keep` is kept: a word at a time, without a branch a byte.
bool any_kept(const std::uint8_t* keep, std::size_t n);
// A keep-mask read from a .npy file: every nonzero value keeps its weight.
std::vector<std::uint8_t> read_mask_npy(const std::string& file);

// Magnitude pruning helpers shared by patterns: indices of `scores` sorted ascending by score,
// ties broken by lowest index.
std::vector<std::size_t> ascending_order(const std::vector<double>& scores);
// Marks (1) the `count` lowest of `scores`, ties going to the lowest index: the first `count` of
// ascending_order(scores), found in linear time.
std::vector<std::uint8_t> lowest(const std::vector<double>& scores, std::size_t count);

}  // namespace skipsim
