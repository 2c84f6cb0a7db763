#include "sparsity_structure.h"

namespace skipsim {

SparsityStructure analyze_sparsity(const Layer& l, const std::vector<std::uint8_t>& mask, bool positions,
                                   bool reduction) {
    const std::uint32_t C = l.channels_per_group(), RS = l.kernel_h * l.kernel_w, Kg = l.filters_per_group();
    SparsityStructure s;
    if (positions) s.kept_kij.resize(l.out_channels);
    if (reduction) s.kept_d.resize(l.groups);
    std::vector<std::uint8_t> d_any(static_cast<std::size_t>(C) * RS), kij_any(RS);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        std::fill(d_any.begin(), d_any.end(), mask.empty() ? 1 : 0);
        for (std::uint32_t k = g * Kg; k < (g + 1) * Kg; ++k) {
            std::fill(kij_any.begin(), kij_any.end(), mask.empty() ? 1 : 0);
            if (!mask.empty()) {
                const std::uint8_t* mk = &mask[static_cast<std::size_t>(k) * C * RS];
                for (std::size_t c = 0; c < C; ++c) {
                    const std::uint8_t* mc = mk + c * RS;
                    if (reduction)
                        for (std::size_t p = 0; p < RS; ++p) d_any[c * RS + p] |= mc[p];
                    if (positions)
                        for (std::size_t p = 0; p < RS; ++p) kij_any[p] |= mc[p];
                }
            }
            if (positions)
                for (std::uint32_t p = 0; p < RS; ++p)
                    if (kij_any[p]) s.kept_kij[k].push_back(p);
        }
        if (reduction)
            for (std::uint32_t d = 0; d < C * RS; ++d)
                if (d_any[d]) s.kept_d[g].push_back(d);
    }
    return s;
}

}  // namespace skipsim
