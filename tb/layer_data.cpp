#include "layer_data.h"

#include "workloads/pruning.h"
#include "workloads/reference.h"
#include "workloads/tensor_gen.h"

namespace skipsim {

LayerSparsity layer_sparsity(const Layer& layer) {
    LayerSparsity s;
    if (layer.sparsity.is_dense()) {
        s.kept_weights = layer.weight_count();
        return s;
    }
    s.mask = materialize_mask(layer, layer_weights(layer));
    s.kept_weights = s.mask.empty() ? layer.weight_count() : count_kept(s.mask);
    return s;
}

std::uint64_t effective_macs(const Layer& layer, const LayerSparsity& s) {
    // Every weight is used once per output pixel of its group: MACs = kept weights x M.
    return s.kept_weights * layer.gemm().m;
}

void fill_tensors(const Layer& layer, const LayerSparsity& s, std::uint64_t seed, std::size_t index,
                  LayerTensors& t) {
    t.weights = layer_weights(layer);
    if (!s.mask.empty())
        for (std::size_t i = 0; i < t.weights.size(); ++i)
            if (!s.mask[i]) t.weights[i] = 0;
    t.input = layer_activations(layer, seed * 0x9E3779B97F4A7C15ull + index);
}

void check_output(const Layer& layer, const LayerSparsity& s, const LayerTensors& t) {
    std::vector<std::uint8_t> mask = s.mask;
    if (!t.accelerator_mask.empty()) {
        if (mask.empty()) mask.assign(t.accelerator_mask.size(), 1);
        for (std::size_t i = 0; i < mask.size() && i < t.accelerator_mask.size(); ++i) mask[i] &= t.accelerator_mask[i];
    }
    const auto ref = reference_conv(layer, t.input, layer_weights(layer), mask);
    if (ref.size() != t.output.size())
        throw CheckFailure("layer '" + layer.name + "': output has " + std::to_string(t.output.size()) +
                           " elements, the reference " + std::to_string(ref.size()));
    for (std::size_t i = 0; i < ref.size(); ++i)
        if (ref[i] != t.output[i])
            throw CheckFailure("layer '" + layer.name + "': output element " + std::to_string(i) + " is " +
                               std::to_string(t.output[i]) + ", the reference convolution gives " +
                               std::to_string(ref[i]));
}

}  // namespace skipsim
