#include "reference.h"

namespace skipsim {

std::vector<std::int64_t> reference_conv(const Layer& L, const std::vector<std::int32_t>& input,
                                         const std::vector<std::int32_t>& weights,
                                         const std::vector<std::uint8_t>& mask) {
    const std::int64_t P = L.out_h(), Q = L.out_w();
    const std::int64_t Cg = L.channels_per_group(), Kg = L.filters_per_group();
    const std::int64_t R = L.kernel_h, S = L.kernel_w, H = L.in_h, W = L.in_w;
    std::vector<std::int64_t> out(static_cast<std::size_t>(L.batch * L.out_channels * P * Q), 0);
    for (std::int64_t b = 0; b < L.batch; ++b)
        for (std::int64_t k = 0; k < L.out_channels; ++k) {
            const std::int64_t g = k / Kg;
            for (std::int64_t p = 0; p < P; ++p)
                for (std::int64_t q = 0; q < Q; ++q) {
                    std::int64_t acc = 0;
                    for (std::int64_t c = 0; c < Cg; ++c)
                        for (std::int64_t r = 0; r < R; ++r)
                            for (std::int64_t s = 0; s < S; ++s) {
                                const std::int64_t y = p * L.stride_h + r * L.dilation_h - L.pad_top;
                                const std::int64_t x = q * L.stride_w + s * L.dilation_w - L.pad_left;
                                if (y < 0 || x < 0 || y >= H || x >= W) continue;
                                const std::size_t wi = static_cast<std::size_t>(((k * Cg + c) * R + r) * S + s);
                                if (!mask.empty() && !mask[wi]) continue;
                                const std::size_t ii =
                                    static_cast<std::size_t>(((b * L.in_channels + g * Cg + c) * H + y) * W + x);
                                acc += static_cast<std::int64_t>(weights[wi]) * input[ii];
                            }
                    out[static_cast<std::size_t>(((b * L.out_channels + k) * P + p) * Q + q)] = acc;
                }
        }
    return out;
}

}  // namespace skipsim
