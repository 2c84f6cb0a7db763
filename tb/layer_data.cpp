#include "layer_data.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "workloads/kept_count.h"
#include "workloads/pruning.h"
#include "workloads/reference.h"
#include "workloads/tensor_gen.h"

namespace skipsim {

namespace {

// Byte j of entry b is bit j of b.
constexpr std::array<std::uint64_t, 256> kBitBytes = [] {
    std::array<std::uint64_t, 256> t{};
    for (unsigned b = 0; b < 256; ++b)
        for (unsigned j = 0; j < 8; ++j) t[b] |= std::uint64_t{(b >> j) & 1u} << (8 * j);
    return t;
}();

// Packs `mask` into `bits`; returns how many weights it keeps.
std::uint64_t pack(const std::vector<std::uint8_t>& mask, std::vector<std::uint64_t>& bits) {
    // Each word is appended whole to the reserved bits: resizing them first would zero-fill them
    // only to overwrite every word.
    bits.clear();
    bits.reserve((mask.size() + 63) / 64);
    KeptCount count;
    std::size_t i = 0;
    for (; i + 64 <= mask.size(); i += 64) {
        std::uint64_t word = 0;
        for (std::size_t q = 0; q < 8; ++q) {
            // Eight 0/1 bytes: one multiply moves every byte's bit into the top byte, each to its
            // own place and without carries.
            std::uint64_t x;
            std::memcpy(&x, &mask[i + 8 * q], 8);
            word |= ((x * 0x0102040810204080ull) >> 56) << (8 * q);
            count.add(x);
        }
        bits.push_back(word);
    }
    std::uint64_t kept = count.total();
    if (i < mask.size()) bits.push_back(0);
    for (; i < mask.size(); ++i) {
        bits[i / 64] |= std::uint64_t{mask[i]} << (i % 64);
        kept += mask[i];
    }
    return kept;
}

void unpack(const std::vector<std::uint64_t>& bits, std::uint64_t size, std::vector<std::uint8_t>& mask) {
    // Appended a piece at a time to the cleared mask (whose memory the run keeps): resizing it to
    // a larger layer first would zero-fill what it grows by, only to overwrite it.
    mask.clear();
    std::array<std::uint8_t, 4096> piece;
    std::size_t i = 0;
    while (i + 64 <= size) {
        const std::size_t n = std::min<std::size_t>(piece.size(), (size - i) / 64 * 64);
        for (std::size_t j = 0; j < n; j += 64)
            for (std::size_t q = 0; q < 8; ++q)
                std::memcpy(&piece[j + 8 * q], &kBitBytes[(bits[(i + j) / 64] >> (8 * q)) & 0xff], 8);
        mask.insert(mask.end(), piece.begin(), piece.begin() + static_cast<std::ptrdiff_t>(n));
        i += n;
    }
    for (; i < size; ++i) mask.push_back(static_cast<std::uint8_t>((bits[i / 64] >> (i % 64)) & 1));
}

}  // namespace

LayerSparsity layer_sparsity(const Layer& layer) {
    LayerSparsity s;
    std::vector<std::int16_t> weights;
    layer_mask(layer, weights, s.mask);
    s.kept_weights = s.mask.empty() ? layer.weight_count() : count_kept(s.mask);
    return s;
}

RunMasks::RunMasks(const Network& net) : m_layers(net.layers.size()) {
    // Buffers for the largest pruned layer at once: growing them layer after layer would copy
    // them and touch fresh memory at every new size.
    std::uint64_t largest = 0;
    for (const Layer& l : net.layers)
        if (!l.sparsity.is_dense()) largest = std::max(largest, l.weight_count());
    m_weights.reserve(largest);
    m_current.mask.reserve(largest);
}

const LayerSparsity& RunMasks::generate(std::size_t i, const Layer& layer) {
    layer_mask(layer, m_weights, m_current.mask);
    m_current_index = i;
    Packed& p = m_layers[i];
    const std::uint64_t kept = pack(m_current.mask, p.bits);
    m_current.kept_weights = m_current.mask.empty() ? layer.weight_count() : kept;
    p.size = m_current.mask.size();
    p.kept = m_current.kept_weights;
    return m_current;
}

const LayerSparsity& RunMasks::layer(std::size_t i) {
    if (i != m_current_index) {
        const Packed& p = m_layers[i];
        unpack(p.bits, p.size, m_current.mask);
        m_current.kept_weights = p.kept;
        m_current_index = i;
    }
    return m_current;
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
