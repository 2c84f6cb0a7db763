#pragma once
// The integer tensors of a layer for functional runs and the effective (kept-weight) MAC count,
// built from the workload layer's weight source, pruning pattern and a seed.
#include <cstdint>
#include <vector>

#include "common/layer_job.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerSparsity {
    std::vector<std::uint8_t> mask;  // empty when the layer is dense
    std::uint64_t kept_weights = 0;
};

LayerSparsity layer_sparsity(const Layer& layer);

// The keep-masks of a run's layers, each generated once and held a bit a weight: a byte a weight,
// a pruned ResNet-50's masks are 25 MB of fresh memory whose page faults cost more than the
// pruning. One layer at a time is given back a byte a weight, the form accelerators read, in a
// buffer that the next layer reuses (as the weights it is pruned from reuse theirs).
class RunMasks {
public:
    explicit RunMasks(const Network& net);
    // Generates layer i's mask and returns it as layer(i) would.
    const LayerSparsity& generate(std::size_t i, const Layer& layer);
    // Layer i's mask (empty when dense) and kept weights; valid until a call for another layer.
    const LayerSparsity& layer(std::size_t i);
    bool masked(std::size_t i) const { return m_layers[i].size != 0; }

private:
    struct Packed {
        std::vector<std::uint64_t> bits;  // weight j is bit j % 64 of word j / 64
        std::uint64_t size = 0, kept = 0;
    };
    std::vector<Packed> m_layers;
    std::vector<std::int16_t> m_weights;
    LayerSparsity m_current;
    std::size_t m_current_index = static_cast<std::size_t>(-1);
};

std::uint64_t effective_macs(const Layer& layer, const LayerSparsity& s);
// Masked weights and seeded activations.
void fill_tensors(const Layer& layer, const LayerSparsity& s, std::uint64_t seed, std::size_t index,
                  LayerTensors& t);
// Compares the accelerator's output with the reference convolution; throws CheckFailure with the
// first mismatching element.
void check_output(const Layer& layer, const LayerSparsity& s, const LayerTensors& t);

class CheckFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace skipsim
