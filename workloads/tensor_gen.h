#pragma once
// Integer tensors of a layer: weights (from a .npy file or a seeded generator) and activations
// (seeded). The generator is our own splitmix64 so results are identical on every platform.
#include <cstdint>
#include <vector>

#include "ir.h"

namespace skipsim {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    // Uniform integer in [lo, hi].
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);

private:
    std::uint64_t m_state;
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
