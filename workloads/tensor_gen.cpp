#include "tensor_gen.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "base/strict_object.h"
#include "npy.h"
#include "quantize.h"

namespace skipsim {

std::uint64_t SplitMix64::next() {
    std::uint64_t z = (m_state += kGamma);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::int64_t SplitMix64::uniform(std::int64_t lo, std::int64_t hi) {
    // Multiply-high maps 64 random bits onto the span without a division (Lemire); the bias is
    // below 2^-48 for the spans used here, and the result is the same on every platform.
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>((static_cast<unsigned __int128>(next()) * span) >> 64);
}

std::int64_t weight_min(const Layer& l) { return -(std::int64_t{1} << (l.quant.weight_bits - 1)); }
std::int64_t weight_max(const Layer& l) { return (std::int64_t{1} << (l.quant.weight_bits - 1)) - 1; }

GeneratedWeights::GeneratedWeights(const Layer& layer)
    : m_seed(layer.weights.seed), m_size(layer.weight_count()), m_bits(layer.quant.weight_bits) {
    if (layer.weights.kind != WeightSource::Kind::generated)
        throw InternalError("layer '" + layer.name + "' has no generated weights");
}

template <class T>
void GeneratedWeights::fill_values(std::uint64_t begin, std::uint64_t count, T* out) const {
    if (begin + count > m_size) throw InternalError("weights past the end of the layer");
    const int b = m_bits;
    const std::uint64_t per_draw = static_cast<std::uint64_t>(64 / b);
    const std::uint64_t field = (std::uint64_t{1} << b) - 1;
    const std::int64_t lo = -(std::int64_t{1} << (b - 1));
    SplitMix64 rng = SplitMix64::after(m_seed, begin / per_draw);
    std::uint64_t i = 0;
    // The rest of a draw whose first fields precede the piece.
    if (const std::uint64_t skip = begin % per_draw; skip && count)
        for (std::uint64_t r = rng.next() >> (skip * b), f = skip; f < per_draw && i < count; ++f, ++i, r >>= b)
            out[i] = static_cast<T>(lo + static_cast<std::int64_t>(r & field));
    if (b == 8) {  // the common width, with a loop the compiler unrolls
        for (; i + 8 <= count; i += 8) {
            const std::uint64_t r = rng.next();
            for (std::uint64_t j = 0; j < 8; ++j) out[i + j] = static_cast<T>(lo + static_cast<std::int64_t>((r >> (j * 8)) & 0xff));
        }
    } else {
        for (; i + per_draw <= count; i += per_draw) {
            const std::uint64_t r = rng.next();
            for (std::uint64_t j = 0; j < per_draw; ++j)
                out[i + j] = static_cast<T>(lo + static_cast<std::int64_t>((r >> (j * b)) & field));
        }
    }
    if (i < count)
        for (std::uint64_t r = rng.next(); i < count; ++i, r >>= b) out[i] = static_cast<T>(lo + static_cast<std::int64_t>(r & field));
}

void GeneratedWeights::fill(std::uint64_t begin, std::uint64_t count, std::int16_t* out) const {
    fill_values(begin, count, out);
}

void GeneratedWeights::fill(std::uint64_t begin, std::uint64_t count, std::int32_t* out) const {
    fill_values(begin, count, out);
}

void GeneratedWeights::fill_offset_bytes(std::uint64_t begin, std::uint64_t count, std::uint8_t* out) const {
    if (m_bits != 8) throw InternalError("offset bytes of weights that are not 8 bits wide");
    if (begin + count > m_size) throw InternalError("weights past the end of the layer");
    // An 8-bit weight is its byte of the draw minus 128: the byte itself is the weight + 128.
    SplitMix64 rng = SplitMix64::after(m_seed, begin / 8);
    std::uint64_t i = 0;
    if (const std::uint64_t skip = begin % 8; skip && count)
        for (std::uint64_t r = rng.next() >> (skip * 8), f = skip; f < 8 && i < count; ++f, ++i, r >>= 8)
            out[i] = static_cast<std::uint8_t>(r);
    for (; i + 8 <= count; i += 8) {
        const std::uint64_t r = rng.next();
        for (std::uint64_t j = 0; j < 8; ++j) out[i + j] = static_cast<std::uint8_t>(r >> (j * 8));
    }
    if (i < count)
        for (std::uint64_t r = rng.next(); i < count; ++i, r >>= 8) out[i] = static_cast<std::uint8_t>(r);
}

namespace {

template <class T>
void fill_weights(const Layer& layer, std::vector<T>& w) {
    const std::uint64_t n = layer.weight_count();
    w.resize(n);
    if (layer.weights.kind == WeightSource::Kind::generated) {
        GeneratedWeights(layer).fill(0, n, w.data());
        return;
    }
    if (layer.weights.kind == WeightSource::Kind::values) {
        if (!layer.weights.values || layer.weights.values->size() != n)
            throw InternalError("layer '" + layer.name + "' holds weights of the wrong count");
        std::copy(layer.weights.values->begin(), layer.weights.values->end(), w.begin());
        return;
    }
    NpyArray a = read_npy(layer.weights.file);
    if (a.count() != n)
        throw InputError(layer.weights.file, "", "expected " + std::to_string(n) + " weights for layer '" + layer.name +
                                                     "', got shape " + a.shape_text());
    // Real-valued weights are quantized symmetrically per layer to the layer's width.
    if (a.dtype == "f4" || a.dtype == "f8") {
        w = quantize_symmetric<T>(a.values, layer.quant.weight_bits);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const double v = a.values[i];
        if (v < static_cast<double>(weight_min(layer)) || v > static_cast<double>(weight_max(layer)))
            throw InputError(layer.weights.file, "element " + std::to_string(i),
                             "expected a " + std::to_string(layer.quant.weight_bits) + "-bit signed weight in [" +
                                 std::to_string(weight_min(layer)) + ", " + std::to_string(weight_max(layer)) +
                                 "], got " + format_number(v));
        w[i] = static_cast<T>(v);
    }
}

}  // namespace

std::vector<std::int32_t> layer_weights(const Layer& layer) {
    std::vector<std::int32_t> w;
    fill_weights(layer, w);
    return w;
}

void layer_weights(const Layer& layer, std::vector<std::int16_t>& w) { fill_weights(layer, w); }

std::vector<std::int32_t> layer_activations(const Layer& layer, std::uint64_t seed) {
    const std::uint64_t n = static_cast<std::uint64_t>(layer.batch) * layer.in_channels * layer.in_h * layer.in_w;
    std::vector<std::int32_t> a(n);
    SplitMix64 rng(seed);
    const int b = layer.quant.activation_bits;
    const std::int64_t lo = layer.quant.activation_signed ? -(std::int64_t{1} << (b - 1)) : 0;
    const std::int64_t hi = layer.quant.activation_signed ? (std::int64_t{1} << (b - 1)) - 1 : (std::int64_t{1} << b) - 1;
    for (auto& x : a) x = static_cast<std::int32_t>(rng.uniform(lo, hi));
    return a;
}

}  // namespace skipsim
