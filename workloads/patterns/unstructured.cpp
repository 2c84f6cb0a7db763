// "unstructured": magnitude pruning of the whole layer, the scheme of Distiller's schedules.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "base/error.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

void validate_unstructured(StrictObject& s, const Layer&) {
    const double r = s.get_number("ratio", 0, 0, 1);
    s.get_choice("rounding", "nearest", {"nearest", "down"});
    if (r >= 1) throw InputError(s.file(), s.where("ratio"), "expected a ratio in [0, 1), got " + format_number(r));
}

std::uint64_t pruned_count(const Layer& layer, std::uint64_t n) {
    const double ratio = layer.sparsity.params.value("ratio", 0.0);
    // "down" is Distiller's rule (it prunes int(sparsity x count)); the epsilon keeps products
    // such as 0.87 x 2048000 from landing one below their integer.
    const double exact = ratio * static_cast<double>(n);
    return static_cast<std::uint64_t>(layer.sparsity.params.value("rounding", "nearest") == "down"
                                          ? std::floor(exact + 1e-6)
                                          : std::llround(exact));
}

// Weights of any width, from a vector or generated. A histogram of the weights' values (at most
// 16 bits) finds the threshold magnitude in linear time (whole ResNet-50s are pruned on every
// run); the result equals a stable sort's, ties going to the lowest index.
void prune_values(WeightPieces& w, std::uint64_t prune, std::vector<std::uint8_t>& m) {
    const std::uint64_t n = w.size(), piece = WeightPieces::kPiece;
    std::int16_t lo = w.values(0, 1)[0], hi = lo;
    for (std::uint64_t b = 0; b < n; b += piece) {
        const std::uint64_t e = std::min(n, b + piece);
        const std::int16_t* weight = w.values(b, e);
        for (std::uint64_t j = 0; j < e - b; ++j) {  // not std::minmax_element, whose branches do not vectorize
            lo = std::min(lo, weight[j]);
            hi = std::max(hi, weight[j]);
        }
    }
    // Four interleaved histograms: consecutive weights of equal value would otherwise wait on
    // each other's increment.
    const std::int32_t low = lo, high = hi;
    const std::size_t bins = static_cast<std::size_t>(high - low) + 1;
    std::vector<std::uint64_t> hist(4 * bins, 0);
    for (std::uint64_t b = 0; b < n; b += piece) {
        const std::uint64_t e = std::min(n, b + piece), len = e - b;
        const std::int16_t* weight = w.values(b, e);
        std::uint64_t i = 0;
        for (; i + 4 <= len; i += 4)
            for (std::size_t k = 0; k < 4; ++k) ++hist[k * bins + static_cast<std::size_t>(weight[i + k] - low)];
        for (; i < len; ++i) ++hist[static_cast<std::size_t>(weight[i] - low)];
    }
    auto weights_of = [&](std::int32_t v) -> std::uint64_t {
        if (v < low || v > high) return 0;
        const auto b = static_cast<std::size_t>(v - low);
        return hist[b] + hist[bins + b] + hist[2 * bins + b] + hist[3 * bins + b];
    };
    const std::int32_t top = std::max(-low, high);
    std::uint64_t below = 0;
    std::int32_t t = 0;
    for (; t <= top; ++t) {
        const std::uint64_t at = weights_of(t) + (t ? weights_of(-t) : 0);
        if (below + at > prune) break;
        below += at;
    }
    // Everything above the threshold magnitude t is kept (a vectorizable pass: through pointers,
    // as the mask's bytes could alias the vectors' own fields); of the weights of magnitude t, the
    // first `prune - below` (lowest indices) are pruned.
    m.resize(n);
    std::uint64_t left = prune - below;
    for (std::uint64_t b = 0; b < n; b += piece) {
        const std::uint64_t e = std::min(n, b + piece), len = e - b;
        const std::int16_t* weight = w.values(b, e);
        std::uint8_t* keep = m.data() + b;
        for (std::uint64_t j = 0; j < len; ++j) keep[j] = static_cast<std::uint8_t>(std::abs(weight[j]) >= t);
        for (std::uint64_t j = 0; left > 0 && j < len; ++j)
            if (std::abs(weight[j]) == t) {
                keep[j] = 0;
                --left;
            }
    }
}

constexpr std::uint64_t kLowBits = 0x0101010101010101ull;

// Sums of bit 0 (`ones`) and of bit 1 (`twos`) over the bytes of p[0, n).
void count_bits01(const std::uint8_t* p, std::uint64_t n, std::uint64_t& ones, std::uint64_t& twos) {
    auto fold = [](std::uint64_t lanes) {  // the eight byte lanes' sum
        lanes = (lanes & 0x00ff00ff00ff00ffull) + ((lanes >> 8) & 0x00ff00ff00ff00ffull);
        return (lanes * 0x0001000100010001ull) >> 48;
    };
    ones = twos = 0;
    std::uint64_t i = 0;
    while (i + 8 <= n) {
        // Byte lanes of at most 255 words: none overflows.
        std::uint64_t a = 0, b = 0;
        for (std::uint64_t w = 0; w < 255 && i + 8 <= n; ++w, i += 8) {
            std::uint64_t x;
            std::memcpy(&x, p + i, 8);
            a += x & kLowBits;
            b += (x >> 1) & kLowBits;
        }
        ones += fold(a);
        twos += fold(b);
    }
    for (; i < n; ++i) {
        ones += p[i] & 1u;
        twos += (p[i] >> 1) & 1u;
    }
}

// Generated 8-bit weights, read as bytes b = w + 128, pruned in one generation: the threshold
// magnitude is guessed from the share of uniform bytes below each magnitude and checked by
// counting. The pass writes 0 below the guess, 2 at it and 1 above; when the counts confirm the
// guess, the first `prune - below` 2s (lowest indices) become 0 and the rest 1, else the exact
// way above decides. A guess misses only where the pruned count lies within a few standard
// deviations of a magnitude's edge: in small layers.
bool prune_offset_bytes(WeightPieces& w, std::uint64_t prune, std::vector<std::uint8_t>& m) {
    const std::uint64_t n = w.size(), piece = WeightPieces::kPiece;
    // |w| < t for (2t - 1) / 256 of uniform bytes, |w| <= t for (2t + 1) / 256.
    const auto t = static_cast<std::int64_t>(std::floor((256.0 * static_cast<double>(prune) / static_cast<double>(n) + 1) / 2));
    if (t < 1 || t > 127) return false;
    // |w| <= t: b in [128 - t, 128 + t]; |w| < t: b in [129 - t, 127 + t].
    const auto le_lo = static_cast<std::uint8_t>(128 - t), le_span = static_cast<std::uint8_t>(2 * t);
    const auto lt_lo = static_cast<std::uint8_t>(129 - t), lt_span = static_cast<std::uint8_t>(2 * t - 2);
    // Each piece is classified in a small buffer and appended to the mask, whose memory a run
    // keeps from layer to layer: resizing it would first zero-fill what it grows by.
    m.clear();
    std::vector<std::uint8_t> classes(std::min(n, piece));
    std::vector<std::uint64_t> ties((n + piece - 1) / piece);
    std::uint64_t below = 0, at = 0;
    for (std::uint64_t b = 0, p = 0; b < n; b += piece, ++p) {
        const std::uint64_t e = std::min(n, b + piece), len = e - b;
        const std::uint8_t* v = w.offset_bytes(b, e);
        std::uint8_t* out = classes.data();
        for (std::uint64_t j = 0; j < len; ++j) {
            const std::uint8_t le = static_cast<std::uint8_t>(v[j] - le_lo) <= le_span;
            const std::uint8_t lt = static_cast<std::uint8_t>(v[j] - lt_lo) <= lt_span;
            out[j] = static_cast<std::uint8_t>(1 + le - 2 * lt);
        }
        std::uint64_t above = 0;
        count_bits01(out, len, above, ties[p]);
        at += ties[p];
        below += len - above - ties[p];
        m.insert(m.end(), out, out + len);
    }
    if (below > prune || below + at <= prune) return false;
    std::uint64_t left = prune - below;
    for (std::uint64_t b = 0, p = 0; b < n; b += piece, ++p) {
        const std::uint64_t len = std::min(n, b + piece) - b;
        std::uint8_t* out = m.data() + b;
        if (left >= ties[p]) {
            for (std::uint64_t j = 0; j < len; ++j) out[j] &= 1;  // 2 -> 0
            left -= ties[p];
        } else if (left == 0) {
            for (std::uint64_t j = 0; j < len; ++j) out[j] = out[j] != 0;  // 2 -> 1
        } else {
            for (std::uint64_t j = 0; j < len; ++j)
                if (out[j] == 2) {
                    out[j] = left == 0;
                    left -= left != 0;
                }
        }
    }
    return true;
}

void unstructured_mask(const Layer& layer, WeightPieces& w, std::vector<std::uint8_t>& m) {
    const std::uint64_t prune = pruned_count(layer, w.size());
    if (w.size() == 0) {
        m.clear();
        return;
    }
    if (w.offset_bytes() && prune_offset_bytes(w, prune, m)) return;
    prune_values(w, prune, m);
}

}  // namespace

static const Registration<PruningPattern> unstructured_registration{
    {"unstructured",
     "magnitude pruning: the round(ratio x count) smallest |w| of the layer are zeroed (rounding 'down': floor, as Distiller)",
     validate_unstructured, mask_of_all_weights<unstructured_mask>, true, PruningPattern::MaskFile::none,
     unstructured_mask}};

}  // namespace skipsim
