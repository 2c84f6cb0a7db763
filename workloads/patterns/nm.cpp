// "nm": N:M structured sparsity along each filter's reduction (2:4 by default).
#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

void validate_nm(StrictObject& s, const Layer&) {
    const auto m = s.get_int("m", 4, 1, 256);
    const auto n = s.get_int("n", 2, 1, 256);
    if (n >= m)
        throw InputError(s.file(), s.where("n"), "expected n < m, got n = " + std::to_string(n) +
                                                     ", m = " + std::to_string(m));
}

void nm_mask(const Layer& layer, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& mask) {
    const std::size_t n = layer.sparsity.params.value("n", 2), m = layer.sparsity.params.value("m", 4);
    const std::size_t per_filter = static_cast<std::size_t>(layer.channels_per_group()) * layer.kernel_h * layer.kernel_w;
    mask.assign(w.size(), 0);
    for (std::size_t f = 0; f < layer.out_channels; ++f)
        for (std::size_t g0 = 0; g0 < per_filter; g0 += m) {
            const std::size_t len = std::min(m, per_filter - g0);
            std::vector<double> score(len);
            for (std::size_t i = 0; i < len; ++i) score[i] = -std::fabs(static_cast<double>(w[f * per_filter + g0 + i]));
            auto order = ascending_order(score);  // largest magnitude first, lowest index on ties
            for (std::size_t i = 0; i < std::min(n, len); ++i) mask[f * per_filter + g0 + order[i]] = 1;
        }
}

}  // namespace

static const Registration<PruningPattern> nm_registration{
    {"nm", "N:M structured sparsity: the n largest |w| of every m consecutive weights along each filter's reduction",
     validate_nm, nm_mask, true}};

}  // namespace skipsim
