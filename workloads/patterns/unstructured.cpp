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
    // "down" is Distiller's rule (it prunes int(sparsity x count)); the epsilon keeps products
    // such as 0.87 x 2048000 from landing one below their integer.
    const double exact = ratio * static_cast<double>(w.size());
    const std::size_t prune = static_cast<std::size_t>(layer.sparsity.params.value("rounding", "nearest") == "down"
                                                           ? std::floor(exact + 1e-6)
                                                           : std::llround(exact));
    m.assign(w.size(), 1);
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
        return;
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
}

}  // namespace

static const Registration<PruningPattern> registration{
    {"unstructured",
     "magnitude pruning: the round(ratio x count) smallest |w| of the layer are zeroed (rounding 'down': floor, as Distiller)",
     validate_unstructured, unstructured_mask, true}};

}  // namespace skipsim
