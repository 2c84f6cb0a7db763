#include "pruning.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/error.h"
#include "block_patterns.h"
#include "kij_patterns.h"
#include "pairs_patterns.h"
#include "npy.h"

namespace skipsim {

std::vector<std::size_t> ascending_order(const std::vector<double>& scores) {
    std::vector<std::size_t> idx(scores.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    return idx;
}

std::uint64_t count_kept(const std::vector<std::uint8_t>& mask) {
    // Masks hold 0 or 1: a plain sum vectorizes where std::count does not.
    std::uint64_t n = 0;
    for (std::uint8_t m : mask) n += m;
    return n;
}

namespace {

std::vector<std::uint8_t> mask_from_file(const Layer& layer) {
    NpyArray a = read_npy(layer.sparsity.mask_file);
    std::vector<std::uint8_t> m(a.values.size());
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = a.values[i] != 0 ? 1 : 0;
    return m;
}

void validate_mask_file(StrictObject& spec, const Layer& layer) {
    const std::string& file = layer.sparsity.mask_file;
    NpyArray a = read_npy(file);
    if (a.dtype != "b1" && a.dtype != "u1")
        throw InputError(file, "", "expected a bool or uint8 mask, got dtype '" + a.dtype + "'");
    const std::vector<std::uint64_t> full = {layer.out_channels, layer.channels_per_group(), layer.kernel_h, layer.kernel_w};
    const bool fc_shape = layer.kernel_h == 1 && layer.kernel_w == 1 && a.shape.size() == 2 &&
                          a.shape[0] == layer.out_channels && a.shape[1] == layer.channels_per_group();
    if (a.shape != full && !fc_shape) {
        NpyArray expect;
        expect.shape = full;
        throw InputError(file, "", "expected a mask of the weight's shape " + expect.shape_text() + " for layer '" +
                                       layer.name + "', got " + a.shape_text());
    }
    for (double v : a.values)
        if (v != 0 && v != 1) throw InputError(file, "", "expected mask values 0 or 1, got " + format_number(v));
    (void)spec;
}

std::vector<std::uint8_t> unstructured_mask(const Layer& layer, const std::vector<std::int32_t>& w) {
    const double ratio = layer.sparsity.params.value("ratio", 0.0);
    // "down" is Distiller's rule (it prunes int(sparsity x count)); the epsilon keeps products
    // such as 0.87 x 2048000 from landing one below their integer.
    const double exact = ratio * static_cast<double>(w.size());
    const std::size_t prune = static_cast<std::size_t>(layer.sparsity.params.value("rounding", "nearest") == "down"
                                                           ? std::floor(exact + 1e-6)
                                                           : std::llround(exact));
    std::vector<std::uint8_t> m(w.size(), 1);
    // Integer magnitudes: a histogram finds the threshold in linear time (whole ResNet-50s are
    // pruned on every run); the result equals the stable sort's, ties going to the lowest index.
    // Weights are at most 16 bits wide (checked at load), so |v| cannot overflow.
    std::uint32_t top = 0;
    for (std::int32_t v : w) top = std::max(top, static_cast<std::uint32_t>(std::abs(v)));
    if (top > (1 << 20)) {
        std::vector<double> score(w.size());
        for (std::size_t i = 0; i < w.size(); ++i) score[i] = std::fabs(static_cast<double>(w[i]));
        auto order = ascending_order(score);
        for (std::size_t i = 0; i < prune; ++i) m[order[i]] = 0;
        return m;
    }
    // Four interleaved histograms: consecutive weights of equal magnitude would otherwise wait on
    // each other's increment.
    const std::size_t bins = static_cast<std::size_t>(top) + 1;
    std::vector<std::size_t> hist(4 * bins, 0);
    std::size_t i = 0;
    for (; i + 4 <= w.size(); i += 4)
        for (std::size_t k = 0; k < 4; ++k) ++hist[k * bins + static_cast<std::uint32_t>(std::abs(w[i + k]))];
    for (; i < w.size(); ++i) ++hist[static_cast<std::uint32_t>(std::abs(w[i]))];
    std::size_t below = 0;
    std::uint32_t t = 0;
    auto count = [&](std::uint32_t v) { return hist[v] + hist[bins + v] + hist[2 * bins + v] + hist[3 * bins + v]; };
    while (t < bins && below + count(t) <= prune) below += count(t++);
    // Everything above the threshold magnitude t is kept (a vectorizable pass); of the weights of
    // magnitude t, the first `prune - below` (lowest indices) are pruned.
    for (std::size_t j = 0; j < w.size(); ++j) m[j] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(std::abs(w[j])) >= t);
    for (std::size_t j = 0, left = prune - below; left > 0 && j < w.size(); ++j)
        if (static_cast<std::uint32_t>(std::abs(w[j])) == t) {
            m[j] = 0;
            --left;
        }
    return m;
}

std::vector<std::uint8_t> nm_mask(const Layer& layer, const std::vector<std::int32_t>& w) {
    const std::size_t n = layer.sparsity.params.value("n", 2), m = layer.sparsity.params.value("m", 4);
    const std::size_t per_filter = static_cast<std::size_t>(layer.channels_per_group()) * layer.kernel_h * layer.kernel_w;
    std::vector<std::uint8_t> mask(w.size(), 0);
    for (std::size_t f = 0; f < layer.out_channels; ++f)
        for (std::size_t g0 = 0; g0 < per_filter; g0 += m) {
            const std::size_t len = std::min(m, per_filter - g0);
            std::vector<double> score(len);
            for (std::size_t i = 0; i < len; ++i) score[i] = -std::fabs(static_cast<double>(w[f * per_filter + g0 + i]));
            auto order = ascending_order(score);  // largest magnitude first, lowest index on ties
            for (std::size_t i = 0; i < std::min(n, len); ++i) mask[f * per_filter + g0 + order[i]] = 1;
        }
    return mask;
}

}  // namespace

PruningRegistry::PruningRegistry() {
    add({"none", "dense: nothing pruned", [](StrictObject&, const Layer&) {}, nullptr, false});
    add({"mask", "an explicit .npy keep-mask of the weight's shape ('file', relative to the workload)",
         validate_mask_file, [](const Layer& l, const std::vector<std::int32_t>&) { return mask_from_file(l); }, false});
    add({"unstructured", "magnitude pruning: the round(ratio x count) smallest |w| of the layer are zeroed (rounding 'down': floor, as Distiller)",
         [](StrictObject& s, const Layer&) {
             const double r = s.get_number("ratio", 0, 0, 1);
             s.get_choice("rounding", "nearest", {"nearest", "down"});
             if (r >= 1) throw InputError(s.file(), s.where("ratio"), "expected a ratio in [0, 1), got " + format_number(r));
         },
         unstructured_mask, true});
    add({"nm", "N:M structured sparsity: the n largest |w| of every m consecutive weights along each filter's reduction",
         [](StrictObject& s, const Layer&) {
             const auto m = s.get_int("m", 4, 1, 256);
             const auto n = s.get_int("n", 2, 1, 256);
             if (n >= m)
                 throw InputError(s.file(), s.where("n"), "expected n < m, got n = " + std::to_string(n) +
                                                              ", m = " + std::to_string(m));
         },
         nm_mask, true});
    register_kij_patterns(*this);
    register_pairs_patterns(*this);
    register_block_patterns(*this);
}

PruningRegistry& PruningRegistry::instance() {
    static PruningRegistry r;
    return r;
}

void PruningRegistry::add(PruningPattern p) {
    const std::string name = p.name;
    m_patterns[name] = std::move(p);
}

const PruningPattern* PruningRegistry::find(const std::string& name) const {
    auto it = m_patterns.find(name);
    return it == m_patterns.end() ? nullptr : &it->second;
}

std::vector<std::string> PruningRegistry::names() const {
    std::vector<std::string> v;
    for (const auto& [k, _] : m_patterns) v.push_back(k);
    return v;
}

std::vector<std::uint8_t> materialize_mask(const Layer& layer, const std::vector<std::int32_t>& weights) {
    if (layer.sparsity.is_dense()) return {};
    const PruningPattern* p = PruningRegistry::instance().find(layer.sparsity.pattern);
    if (!p || !p->make_mask) throw InternalError("pruning pattern without a mask: " + layer.sparsity.pattern);
    auto mask = p->make_mask(layer, weights);
    if (mask.size() != layer.weight_count()) throw InternalError("mask of the wrong size for layer " + layer.name);
    return mask;
}

}  // namespace skipsim
