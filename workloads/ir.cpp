#include "ir.h"

namespace skipsim {

const char* to_string(LayerKind k) {
    switch (k) {
        case LayerKind::conv2d: return "conv2d";
        case LayerKind::linear: return "linear";
        case LayerKind::matmul: return "matmul";
    }
    return "?";
}

std::uint32_t Layer::out_h() const {
    std::int64_t span = static_cast<std::int64_t>(dilation_h) * (kernel_h - 1) + 1;
    std::int64_t padded = static_cast<std::int64_t>(in_h) + pad_top + pad_bottom;
    if (padded < span) return 0;
    return static_cast<std::uint32_t>((padded - span) / stride_h + 1);
}

std::uint32_t Layer::out_w() const {
    std::int64_t span = static_cast<std::int64_t>(dilation_w) * (kernel_w - 1) + 1;
    std::int64_t padded = static_cast<std::int64_t>(in_w) + pad_left + pad_right;
    if (padded < span) return 0;
    return static_cast<std::uint32_t>((padded - span) / stride_w + 1);
}

std::uint64_t Layer::weight_count() const {
    return static_cast<std::uint64_t>(out_channels) * channels_per_group() * kernel_h * kernel_w;
}

GemmShape Layer::gemm() const {
    GemmShape g;
    g.m = static_cast<std::uint64_t>(batch) * out_h() * out_w();
    g.d = static_cast<std::uint64_t>(channels_per_group()) * kernel_h * kernel_w;
    g.n = filters_per_group();
    g.groups = groups;
    return g;
}

std::uint64_t Layer::dense_macs() const {
    GemmShape g = gemm();
    return g.m * g.d * g.n * g.groups;
}

}  // namespace skipsim
