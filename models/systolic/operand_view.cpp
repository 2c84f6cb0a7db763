#include "operand_view.h"

#include <algorithm>

namespace skipsim {

OperandView::OperandView(const Layer& layer) : m_layer(layer), m_p(layer.out_h()), m_q(layer.out_w()) {}

std::int32_t OperandView::input(const std::vector<std::int32_t>& in, std::uint32_t group,
                                std::uint64_t m, std::uint64_t d) const {
    const Layer& L = m_layer;
    const std::uint64_t rs = static_cast<std::uint64_t>(L.kernel_h) * L.kernel_w;
    const std::uint64_t b = m / (m_p * m_q), p = (m / m_q) % m_p, q = m % m_q;
    const std::uint64_t c = d / rs, r = (d / L.kernel_w) % L.kernel_h, s = d % L.kernel_w;
    const std::int64_t y = static_cast<std::int64_t>(p * L.stride_h + r * L.dilation_h) - L.pad_top;
    const std::int64_t x = static_cast<std::int64_t>(q * L.stride_w + s * L.dilation_w) - L.pad_left;
    if (y < 0 || x < 0 || y >= static_cast<std::int64_t>(L.in_h) || x >= static_cast<std::int64_t>(L.in_w))
        return 0;
    const std::uint64_t ch = static_cast<std::uint64_t>(group) * L.channels_per_group() + c;
    return in[((b * L.in_channels + ch) * L.in_h + static_cast<std::uint64_t>(y)) * L.in_w +
              static_cast<std::uint64_t>(x)];
}

std::int32_t OperandView::weight(const std::vector<std::int32_t>& w, std::uint32_t group,
                                 std::uint64_t d, std::uint64_t n) const {
    const std::uint64_t k = static_cast<std::uint64_t>(group) * m_layer.filters_per_group() + n;
    const std::uint64_t per_filter = static_cast<std::uint64_t>(m_layer.channels_per_group()) *
                                     m_layer.kernel_h * m_layer.kernel_w;
    return w[k * per_filter + d];
}

const std::int32_t* OperandView::filter(const std::vector<std::int32_t>& w, std::uint32_t group, std::uint64_t n) const {
    const std::uint64_t k = static_cast<std::uint64_t>(group) * m_layer.filters_per_group() + n;
    const std::uint64_t per_filter = static_cast<std::uint64_t>(m_layer.channels_per_group()) *
                                     m_layer.kernel_h * m_layer.kernel_w;
    return w.data() + k * per_filter;
}

std::size_t OperandView::output_index(std::uint32_t group, std::uint64_t m, std::uint64_t n) const {
    const std::uint64_t pq = m_p * m_q;
    const std::uint64_t b = m / pq, pix = m % pq;
    const std::uint64_t k = static_cast<std::uint64_t>(group) * m_layer.filters_per_group() + n;
    return static_cast<std::size_t>((b * m_layer.out_channels + k) * pq + pix);
}

void OperandView::gather_inputs(const std::vector<std::int32_t>& in, std::uint32_t group, std::uint64_t m0,
                                std::uint64_t m_count, const std::vector<std::uint64_t>& ds, std::int32_t* out,
                                std::size_t m_stride, std::size_t d_stride) const {
    const Layer& L = m_layer;
    const std::uint64_t rs = static_cast<std::uint64_t>(L.kernel_h) * L.kernel_w;
    const std::uint64_t d_end = rs * L.channels_per_group();
    const std::int64_t H = L.in_h, W = L.in_w;
    // Per reduction index: the channel plane's offset in one image, and the kernel tap's offset.
    struct Tap {
        std::int64_t plane, dy, dx;
        bool kept;
    };
    std::vector<Tap> taps(ds.size());
    for (std::size_t k = 0; k < ds.size(); ++k) {
        const std::uint64_t d = ds[k];
        if (d >= d_end) continue;
        const std::uint64_t c = d / rs, r = (d / L.kernel_w) % L.kernel_h, s = d % L.kernel_w;
        const std::uint64_t ch = static_cast<std::uint64_t>(group) * L.channels_per_group() + c;
        taps[k] = {static_cast<std::int64_t>(ch) * H * W, static_cast<std::int64_t>(r * L.dilation_h),
                   static_cast<std::int64_t>(s * L.dilation_w), true};
    }
    const std::int64_t image = static_cast<std::int64_t>(L.in_channels) * H * W;
    if (m_stride == 1) {
        // Each reduction index's entries are consecutive: walk the output pixels one image row at
        // a time, where consecutive pixels read the input `stride_w` apart and only the row's ends
        // can fall into the padding.
        const std::int64_t SW = L.stride_w;
        for (std::size_t k = 0; k < taps.size(); ++k) {
            const Tap& t = taps[k];
            if (!t.kept) continue;
            std::int32_t* dst = out + k * d_stride;
            for (std::uint64_t m = m0; m < m0 + m_count;) {
                const std::uint64_t b = m / (m_p * m_q), p = (m / m_q) % m_p, q0 = m % m_q;
                const std::uint64_t n = std::min<std::uint64_t>(m_q - q0, m0 + m_count - m);
                const std::int64_t y = static_cast<std::int64_t>(p * L.stride_h) - L.pad_top + t.dy;
                std::int32_t* row = dst + (m - m0);
                if (y < 0 || y >= H) {
                    std::fill(row, row + n, 0);
                } else {
                    const std::int32_t* src = in.data() + static_cast<std::int64_t>(b) * image + t.plane + y * W;
                    const std::int64_t x0 = static_cast<std::int64_t>(q0) * SW - L.pad_left + t.dx;
                    // Pixels [lo, hi) of the run read inside the row; those before and after, padding.
                    const std::int64_t len = static_cast<std::int64_t>(n);
                    const std::int64_t lo = std::min(len, x0 >= 0 ? 0 : (-x0 + SW - 1) / SW);
                    const std::int64_t hi = std::max(lo, std::min(len, x0 >= W ? 0 : (W - x0 + SW - 1) / SW));
                    std::fill(row, row + lo, 0);
                    if (SW == 1) std::copy(src + x0 + lo, src + x0 + hi, row + lo);
                    else
                        for (std::int64_t i = lo; i < hi; ++i) row[i] = src[x0 + i * SW];
                    std::fill(row + hi, row + len, 0);
                }
                m += n;
            }
        }
        return;
    }
    for (std::uint64_t i = 0; i < m_count; ++i) {
        const std::uint64_t m = m0 + i;
        const std::uint64_t b = m / (m_p * m_q), p = (m / m_q) % m_p, q = m % m_q;
        const std::int64_t y0 = static_cast<std::int64_t>(p * L.stride_h) - L.pad_top;
        const std::int64_t x0 = static_cast<std::int64_t>(q * L.stride_w) - L.pad_left;
        const std::int32_t* base = in.data() + static_cast<std::int64_t>(b) * image;
        std::int32_t* row = out + i * m_stride;
        for (std::size_t k = 0; k < taps.size(); ++k) {
            const Tap& t = taps[k];
            if (!t.kept) continue;
            const std::int64_t y = y0 + t.dy, x = x0 + t.dx;
            row[k * d_stride] = (y < 0 || x < 0 || y >= H || x >= W) ? 0 : base[t.plane + y * W + x];
        }
    }
}

}  // namespace skipsim
