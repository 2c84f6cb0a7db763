// "unstructured": magnitude pruning of the whole layer, the scheme of Distiller's schedules.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "base/error.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

void validate_unstructured(StrictObject& s, const Layer&) {
    const double r = s.get_number("ratio", 0, 0, 1);
    s.get_choice("rounding", "nearest", {"nearest", "down"});
    if (r >= 1) throw InputError(s.file(), s.where("ratio"), "expected a ratio in [0, 1), got " + format_number(r));
}

void unstructured_mask(const Layer& layer, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& m) {
    const double ratio = layer.sparsity.params.value("ratio", 0.0);
    const std::size_t n = w.size();
    // "down" is Distiller's rule (it prunes int(sparsity x count)); the epsilon keeps products
    // such as 0.87 x 2048000 from landing one below their integer.
    const double exact = ratio * static_cast<double>(n);
    const std::size_t prune = static_cast<std::size_t>(layer.sparsity.params.value("rounding", "nearest") == "down"
                                                           ? std::floor(exact + 1e-6)
                                                           : std::llround(exact));
    // A histogram of the weights' values (at most 16 bits) finds the threshold magnitude in linear
    // time (whole ResNet-50s are pruned on every run); the result equals a stable sort's, ties
    // going to the lowest index. Four interleaved histograms: consecutive weights of equal value
    // would otherwise wait on each other's increment.
    const std::int16_t* weight = w.data();
    std::int16_t lo = weight[0], hi = weight[0];
    for (std::size_t j = 1; j < n; ++j) {  // not std::minmax_element, whose branches do not vectorize
        lo = std::min(lo, weight[j]);
        hi = std::max(hi, weight[j]);
    }
    const std::int32_t low = lo, high = hi;
    const std::size_t bins = static_cast<std::size_t>(high - low) + 1;
    std::vector<std::size_t> hist(4 * bins, 0);
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (std::size_t k = 0; k < 4; ++k) ++hist[k * bins + static_cast<std::size_t>(weight[i + k] - low)];
    for (; i < n; ++i) ++hist[static_cast<std::size_t>(weight[i] - low)];
    auto weights_of = [&](std::int32_t v) -> std::size_t {
        if (v < low || v > high) return 0;
        const auto b = static_cast<std::size_t>(v - low);
        return hist[b] + hist[bins + b] + hist[2 * bins + b] + hist[3 * bins + b];
    };
    const std::int32_t top = std::max(-low, high);
    std::size_t below = 0;
    std::int32_t t = 0;
    for (; t <= top; ++t) {
        const std::size_t at = weights_of(t) + (t ? weights_of(-t) : 0);
        if (below + at > prune) break;
        below += at;
    }
    // Everything above the threshold magnitude t is kept (a vectorizable pass: through pointers,
    // as the mask's bytes could alias the vectors' own fields); of the weights of magnitude t, the
    // first `prune - below` (lowest indices) are pruned.
    m.resize(n);
    std::uint8_t* keep = m.data();
    for (std::size_t j = 0; j < n; ++j) keep[j] = static_cast<std::uint8_t>(std::abs(weight[j]) >= t);
    for (std::size_t j = 0, left = prune - below; left > 0 && j < n; ++j)
        if (std::abs(weight[j]) == t) {
            keep[j] = 0;
            --left;
        }
}

}  // namespace

static const Registration<PruningPattern> unstructured_registration{
    {"unstructured",
     "magnitude pruning: the round(ratio x count) smallest |w| of the layer are zeroed (rounding 'down': floor, as Distiller)",
     validate_unstructured, unstructured_mask, true}};

}  // namespace skipsim
