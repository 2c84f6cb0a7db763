#include "layer_checks.h"

#include "base/error.h"
#include "workloads/limits.h"

namespace skipsim {

void check_layer_limits(const Layer& l, const std::string& file, const std::string& where) {
    auto check = [&](const char* what, std::int64_t v, std::int64_t lo, std::int64_t hi) {
        if (v < lo || v > hi)
            throw InputError(file, where, std::string("expected ") + what + " from " + std::to_string(lo) + " to " +
                                              std::to_string(hi) + ", got " + std::to_string(v));
    };
    check("input channels", l.in_channels, 1, kMaxChannels);
    check("output channels", l.out_channels, 1, kMaxChannels);
    check("groups", l.groups, 1, kMaxChannels);
    check("an input height", l.in_h, 1, kMaxSpatial);
    check("an input width", l.in_w, 1, kMaxSpatial);
    check("a batch", l.batch, 1, kMaxBatch);
    for (std::uint32_t v : {l.kernel_h, l.kernel_w, l.stride_h, l.stride_w, l.dilation_h, l.dilation_w})
        check("kernel sizes, strides and dilations", v, 1, kMaxKernel);
    for (std::uint32_t v : {l.pad_top, l.pad_bottom, l.pad_left, l.pad_right}) check("padding", v, 0, kMaxKernel);
}

void validate_layer_shape(const Layer& l, const std::string& file, const std::string& where) {
    if (l.in_channels % l.groups || l.out_channels % l.groups)
        throw InputError(file, where + "/groups", "expected groups (" + std::to_string(l.groups) +
                                                      ") to divide in_channels (" + std::to_string(l.in_channels) +
                                                      ") and out_channels (" + std::to_string(l.out_channels) + ")");
    const std::uint64_t span_h = static_cast<std::uint64_t>(l.dilation_h) * (l.kernel_h - 1) + 1;
    const std::uint64_t span_w = static_cast<std::uint64_t>(l.dilation_w) * (l.kernel_w - 1) + 1;
    if (span_h > static_cast<std::uint64_t>(l.in_h) + l.pad_top + l.pad_bottom ||
        span_w > static_cast<std::uint64_t>(l.in_w) + l.pad_left + l.pad_right)
        throw InputError(file, where + "/kernel",
                         "expected the (dilated) kernel " + std::to_string(span_h) + "x" + std::to_string(span_w) +
                             " to fit the padded input " + std::to_string(l.in_h + l.pad_top + l.pad_bottom) + "x" +
                             std::to_string(l.in_w + l.pad_left + l.pad_right));
    if (l.weight_count() > kMaxWeights)
        throw InputError(file, where, "expected at most 2^31 weights in a layer, got " + std::to_string(l.weight_count()));
    const GemmShape g = l.gemm();
    if (static_cast<long double>(g.m) * g.d * g.n * g.groups > static_cast<long double>(kMaxMacs))
        throw InputError(file, where, "expected at most 2^50 MACs in a layer");
}

}  // namespace skipsim
