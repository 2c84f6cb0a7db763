#include "pruning.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "base/error.h"
#include "npy.h"
#include "tensor_gen.h"

namespace skipsim {

std::vector<std::size_t> ascending_order(const std::vector<double>& scores) {
    std::vector<std::size_t> idx(scores.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    return idx;
}

double nth_lowest(const std::vector<double>& scores, std::size_t k) {
    // Radix select: a double's bits, its sign bit flipped (all bits when negative), order as the
    // number does, so the digits are read eight bits at a time from the top, each time keeping only
    // the scores whose digits so far are the k-th lowest's. Nothing is compared: std::nth_element's
    // comparisons of a layer's scores went either way at random and mispredicted half the time.
    auto key = [](double x) {
        std::uint64_t u;
        std::memcpy(&u, &x, sizeof u);
        return u >> 63 ? ~u : u | (std::uint64_t{1} << 63);
    };
    std::vector<std::uint64_t> keys(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i) keys[i] = key(scores[i]);
    std::uint64_t found = 0;
    for (int shift = 56; shift >= 0; shift -= 8) {
        std::size_t count[256] = {};
        for (const std::uint64_t x : keys) ++count[(x >> shift) & 0xff];
        std::uint64_t digit = 0;
        while (k >= count[digit]) k -= count[digit++];
        found |= digit << shift;
        std::size_t n = 0;
        for (const std::uint64_t x : keys) {
            keys[n] = x;
            n += ((x >> shift) & 0xff) == digit;
        }
        keys.resize(n);
    }
    const std::uint64_t u = found >> 63 ? found & ~(std::uint64_t{1} << 63) : ~found;
    double x;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

std::vector<std::uint8_t> lowest(const std::vector<double>& scores, std::size_t count) {
    std::vector<std::uint8_t> low(scores.size(), count >= scores.size() ? 1 : 0);
    if (count == 0 || count >= scores.size()) return low;
    // The count-th lowest score: all below it are marked, then the lowest indices of those equal to it.
    const double threshold = nth_lowest(scores, count - 1);
    std::size_t marked = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        low[i] = scores[i] < threshold;
        marked += low[i];
    }
    for (std::size_t i = 0; i < scores.size() && marked < count; ++i)
        if (scores[i] == threshold) {
            low[i] = 1;
            ++marked;
        }
    return low;
}

std::uint64_t count_kept(const std::vector<std::uint8_t>& mask) {
    // Masks hold 0 or 1: a plain sum vectorizes where std::count does not.
    std::uint64_t n = 0;
    for (std::uint8_t m : mask) n += m;
    return n;
}

bool any_kept(const std::uint8_t* keep, std::size_t n) {
    std::uint64_t any = 0, word;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::memcpy(&word, keep + i, 8);
        any |= word;
    }
    for (; i < n; ++i) any |= keep[i];
    return any != 0;
}

std::vector<std::uint8_t> read_mask_npy(const std::string& file) {
    NpyArray a = read_npy(file);
    std::vector<std::uint8_t> m(a.values.size());
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = a.values[i] != 0 ? 1 : 0;
    return m;
}

WeightPieces::WeightPieces(const std::vector<std::int16_t>& all) : m_all(all.data()), m_size(all.size()) {}

WeightPieces::WeightPieces(const Layer& layer)
    : m_generated(std::make_unique<GeneratedWeights>(layer)), m_size(m_generated->size()) {}

WeightPieces::~WeightPieces() = default;

const std::int16_t* WeightPieces::values(std::uint64_t begin, std::uint64_t end) {
    if (begin > end || end > m_size) throw InternalError("weights past the end of the layer");
    if (m_all) return m_all + begin;
    // Grown to the largest piece read, never shrunk: one allocation for a whole layer's passes.
    if (m_values.size() < end - begin) m_values.resize(end - begin);
    m_generated->fill(begin, end - begin, m_values.data());
    return m_values.data();
}

bool WeightPieces::offset_bytes() const { return m_generated && m_generated->bits() == 8; }

const std::uint8_t* WeightPieces::offset_bytes(std::uint64_t begin, std::uint64_t end) {
    if (!offset_bytes()) throw InternalError("weights read as bytes that are not 8-bit and generated");
    if (begin > end || end > m_size) throw InternalError("weights past the end of the layer");
    if (m_bytes.size() < end - begin) m_bytes.resize(end - begin);
    m_generated->fill_offset_bytes(begin, end - begin, m_bytes.data());
    return m_bytes.data();
}

void layer_mask(const Layer& layer, std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask) {
    if (layer.sparsity.is_dense()) {
        mask.clear();
        return;
    }
    const PruningPattern* p = PruningRegistry::instance().find(layer.sparsity.pattern);
    if (!p || !p->make_mask) throw InternalError("pruning pattern without a mask: " + layer.sparsity.pattern);
    const bool generated = layer.weights.kind == WeightSource::Kind::generated;
    // Weights from files are read even when unused: their errors do not depend on the pattern.
    if (generated && !p->needs_weights) {
        mask.clear();
        weights.clear();
        p->make_mask(layer, weights, mask);
    } else if (generated && p->make_mask_pieces) {
        // The mask keeps its size from the last layer: resizing it zero-fills only what it grows
        // by, where clearing it would zero-fill every weight before the pattern writes it.
        WeightPieces pieces(layer);
        p->make_mask_pieces(layer, pieces, mask);
    } else {
        mask.clear();
        layer_weights(layer, weights);
        p->make_mask(layer, weights, mask);
    }
    if (!mask.empty() && mask.size() != layer.weight_count())
        throw InternalError("mask of the wrong size for layer " + layer.name);
}

void materialize_mask(const Layer& layer, const std::vector<std::int16_t>& weights, std::vector<std::uint8_t>& mask) {
    mask.clear();
    if (layer.sparsity.is_dense()) return;
    const PruningPattern* p = PruningRegistry::instance().find(layer.sparsity.pattern);
    if (!p || !p->make_mask) throw InternalError("pruning pattern without a mask: " + layer.sparsity.pattern);
    p->make_mask(layer, weights, mask);
    // An empty mask from a pattern means it pruned nothing.
    if (!mask.empty() && mask.size() != layer.weight_count())
        throw InternalError("mask of the wrong size for layer " + layer.name);
}

std::vector<std::uint8_t> materialize_mask(const Layer& layer, const std::vector<std::int32_t>& weights) {
    std::vector<std::uint8_t> mask;
    materialize_mask(layer, std::vector<std::int16_t>(weights.begin(), weights.end()), mask);
    return mask;
}

}  // namespace skipsim
