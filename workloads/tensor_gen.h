#pragma once
// Integer tensors of a layer: weights (from a .npy file or a seeded generator) and activations
// (seeded). The generator is our own splitmix64 so results are identical on every platform.
#include <cstdint>
#include <vector>

#include "ir.h"

namespace skipsim {

class SplitMix64 {
public:
    static constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ull;
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    // The generator of `seed` after `draws` calls of next(): each adds kGamma to the state, so
    // any draw is reached without those before it.
    static SplitMix64 after(std::uint64_t seed, std::uint64_t draws) { return SplitMix64(seed + draws * kGamma); }
    std::uint64_t next();
    // Uniform integer in [lo, hi].
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);

private:
    std::uint64_t m_state;
};

// The seeded weights of a layer whose weights are generated, any piece of them on its own: a
// b-bit weight is b uniform random bits, 64 / b of them to a draw (the lowest bits first), so
// weight i is field i % (64 / b) of draw i / (64 / b). A run prunes a layer from pieces of its
// weights and never holds them whole.
class GeneratedWeights {
public:
    explicit GeneratedWeights(const Layer& layer);
    std::uint64_t size() const { return m_size; }
    int bits() const { return m_bits; }
    // Weights [begin, begin + count) into `out`.
    void fill(std::uint64_t begin, std::uint64_t count, std::int16_t* out) const;
    void fill(std::uint64_t begin, std::uint64_t count, std::int32_t* out) const;
    // 8-bit weights only: weight + 128 of [begin, begin + count) into `out`, a byte each (the
    // bytes of a draw, as they come).
    void fill_offset_bytes(std::uint64_t begin, std::uint64_t count, std::uint8_t* out) const;

private:
    template <class T>
    void fill_values(std::uint64_t begin, std::uint64_t count, T* out) const;
    std::uint64_t m_seed = 0, m_size = 0;
    int m_bits = 8;
};

// Weights K x C/g x R x S as signed integers of the layer's weight width (at most 16 bits). The
// second form fills `w`, whose memory a run reuses from layer to layer.
std::vector<std::int32_t> layer_weights(const Layer& layer);
void layer_weights(const Layer& layer, std::vector<std::int16_t>& w);
// Activations batch x C x H x W, unsigned when the layer says so.
std::vector<std::int32_t> layer_activations(const Layer& layer, std::uint64_t seed);

std::int64_t weight_min(const Layer& l);
std::int64_t weight_max(const Layer& l);

}  // namespace skipsim
