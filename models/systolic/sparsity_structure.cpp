#include "sparsity_structure.h"

namespace skipsim {

SparsityStructure analyze_sparsity(const Layer& l, const std::vector<std::uint8_t>& mask) {
    const std::uint32_t C = l.channels_per_group(), RS = l.kernel_h * l.kernel_w, Kg = l.filters_per_group();
    SparsityStructure s;
    s.kept_kij.resize(l.out_channels);
    s.kept_d.resize(l.groups);
    std::vector<std::uint8_t> d_any(static_cast<std::size_t>(C) * RS);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        std::fill(d_any.begin(), d_any.end(), 0);
        for (std::uint32_t k = g * Kg; k < (g + 1) * Kg; ++k) {
            for (std::uint32_t p = 0; p < RS; ++p) {
                bool any = false;
                for (std::uint32_t c = 0; c < C; ++c) {
                    const std::size_t i = (static_cast<std::size_t>(k) * C + c) * RS + p;
                    const bool kept = mask.empty() || mask[i];
                    any = any || kept;
                    if (kept) d_any[static_cast<std::size_t>(c) * RS + p] = 1;
                }
                if (any) s.kept_kij[k].push_back(p);
            }
        }
        for (std::uint32_t d = 0; d < C * RS; ++d)
            if (d_any[d]) s.kept_d[g].push_back(d);
    }
    return s;
}

}  // namespace skipsim
