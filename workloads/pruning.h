#pragma once
// Pruning patterns by name. Each pattern validates its parameters (errors name the JSON
// pointer) and turns a layer's weights into a keep-mask (1 = keep) of the weight's shape
// K x C/g x R x S. A pattern registers itself in its own file under patterns/:
//   static const Registration<PruningPattern> nm_registration{{"nm", "summary", validate, make_mask}};
// Weights are at most 16 bits wide (checked where they are read), so patterns read them as 16-bit
// integers; a run prunes every layer into one mask buffer, whose memory the next layer reuses.
// A pattern may read the weights piece by piece (make_mask_pieces) instead: a run then never
// holds a layer's seeded weights whole, and generates them only as the pattern reads them.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/registry.h"
#include "base/strict_object.h"
#include "ir.h"

namespace skipsim {

class GeneratedWeights;

// A layer's weights as a pattern reads them: pieces of a vector that holds them all, or pieces
// generated from the layer's seed into a small buffer when they are read.
class WeightPieces {
public:
    explicit WeightPieces(const std::vector<std::int16_t>& all);
    explicit WeightPieces(const Layer& generated);  // a layer whose weights are generated
    ~WeightPieces();
    std::uint64_t size() const { return m_size; }
    // Weights [begin, end), valid until the next call.
    const std::int16_t* values(std::uint64_t begin, std::uint64_t end);
    // Generated 8-bit weights can also be read as bytes, each weight + 128 (a draw's bytes as they
    // come, with nothing to convert): patterns take that faster path when it is offered.
    bool offset_bytes() const;
    const std::uint8_t* offset_bytes(std::uint64_t begin, std::uint64_t end);
    // A piece a pattern's pass reads at once: big enough to make a call's overhead small, small
    // enough to stay in the core's cache.
    static constexpr std::uint64_t kPiece = 16384;

private:
    const std::int16_t* m_all = nullptr;
    std::unique_ptr<GeneratedWeights> m_generated;
    std::uint64_t m_size = 0;
    std::vector<std::int16_t> m_values;
    std::vector<std::uint8_t> m_bytes;
};

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
    // Optional: the same mask as make_mask, from the weights read piece by piece. `mask` comes
    // holding the last layer's mask, so that resizing it zero-fills no more than it grows by: the
    // pattern writes every entry (or clears it).
    std::function<void(const Layer& layer, WeightPieces& weights, std::vector<std::uint8_t>& mask)> make_mask_pieces =
        nullptr;
};

// make_mask of a pattern that reads pieces: `pieces` on the whole weights.
template <void (*pieces)(const Layer&, WeightPieces&, std::vector<std::uint8_t>&)>
void mask_of_all_weights(const Layer& layer, const std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask) {
    WeightPieces w(weights);
    pieces(layer, w, mask);
}

using PruningRegistry = Registry<PruningPattern>;

// The keep-mask of a layer (empty for dense layers and when the pattern pruned nothing) into
// `mask`, its weights generated or read only as far as the pattern needs them: not at all for a
// pattern that needs none, piece by piece for seeded weights and a pattern that reads pieces,
// else whole into `weights` (whose memory, like the mask's, a run reuses from layer to layer).
void layer_mask(const Layer& layer, std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask);
// The keep-mask computed from the layer's weights, given whole, into `mask`; the second form
// takes 32-bit weights (layer_weights()) and returns a new mask.
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
// The k-th lowest (from 0) of `scores`, none of them NaN: equal to what std::nth_element puts at k.
double nth_lowest(const std::vector<double>& scores, std::size_t k);
// Marks (1) the `count` lowest of `scores`, ties going to the lowest index: the first `count` of
// ascending_order(scores), found in linear time.
std::vector<std::uint8_t> lowest(const std::vector<double>& scores, std::size_t count);

}  // namespace skipsim
