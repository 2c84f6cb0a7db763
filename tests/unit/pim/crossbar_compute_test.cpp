// The functional crossbars against the reference convolution, and what a too-small ADC does.
#include <gtest/gtest.h>

#include <random>

#include "pim/crossbar_compute.h"
#include "workloads/reference.h"

namespace skipsim {
namespace {

struct Case {
    Layer layer;
    std::vector<std::int32_t> input, weights;
};

Case random_case(std::mt19937& rng) {
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    Case c;
    Layer& l = c.layer;
    l.name = "l";
    l.groups = static_cast<std::uint32_t>(pick(1, 2));
    l.in_channels = l.groups * static_cast<std::uint32_t>(pick(1, 3));
    l.out_channels = l.groups * static_cast<std::uint32_t>(pick(1, 4));
    l.kernel_h = l.kernel_w = static_cast<std::uint32_t>(pick(1, 3));
    l.stride_h = l.stride_w = static_cast<std::uint32_t>(pick(1, 2));
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = static_cast<std::uint32_t>(pick(0, 1));
    l.in_h = l.in_w = static_cast<std::uint32_t>(pick(3, 7));
    l.batch = static_cast<std::uint32_t>(pick(1, 2));
    l.quant.weight_bits = pick(2, 8);
    l.quant.activation_bits = pick(2, 8);
    l.quant.activation_signed = pick(0, 1) == 1;
    const int wmax = (1 << (l.quant.weight_bits - 1));
    c.weights.resize(l.weight_count());
    for (auto& w : c.weights) w = pick(-wmax, wmax - 1);
    c.input.resize(static_cast<std::size_t>(l.batch) * l.in_channels * l.in_h * l.in_w);
    const int a = l.quant.activation_bits;
    for (auto& x : c.input) x = l.quant.activation_signed ? pick(-(1 << (a - 1)), (1 << (a - 1)) - 1) : pick(0, (1 << a) - 1);
    return c;
}

std::vector<std::int64_t> run(const Case& c, PimMethod method, std::uint32_t copies, std::uint32_t adc_bits,
                              CrossbarCounts& counts) {
    const Layer& l = c.layer;
    const CrossbarShape xb{24, 16, static_cast<std::uint64_t>((l.quant.weight_bits + 1) / 2)};
    WindowMapping m = evaluate_mapping(l, xb, nullptr, method, std::min(copies, l.out_h()), std::min(copies, l.out_w()));
    if (!m.valid) m = evaluate_mapping(l, xb, nullptr, PimMethod::im2col, 1, 1);
    const CrossbarLayout layout = build_layout(l, xb, nullptr, m);
    const auto tiles = array_tiles(row_tile_heights(l, xb, nullptr, m), column_tile_widths(l, xb, m));
    CrossbarCompute x(l, layout, m, 2, adc_bits, c.input, c.weights);
    std::vector<std::int64_t> out(static_cast<std::size_t>(l.batch) * l.out_channels * l.out_h() * l.out_w(), 0);
    x.program(tiles);
    for (std::uint32_t b = 0; b < l.batch; ++b)
        for (std::uint64_t wy = 0; wy < m.windows_h; ++wy)
            for (std::uint64_t wx = 0; wx < m.windows_w; ++wx) {
                x.begin_window(b, wy, wx);
                for (int bit = 0; bit < l.quant.activation_bits; ++bit) x.pulse(static_cast<std::uint32_t>(bit), counts);
                x.finish_window(out);
            }
    return out;
}

TEST(CrossbarCompute, BitExactAgainstTheReferenceWithEnoughAdcBits) {
    std::mt19937 rng(2024);
    for (int i = 0; i < 60; ++i) {
        const Case c = random_case(rng);
        const auto ref = reference_conv(c.layer, c.input, c.weights, {});
        for (PimMethod method : {PimMethod::im2col, PimMethod::sdk, PimMethod::vw_sdk}) {
            CrossbarCounts counts;
            EXPECT_EQ(run(c, method, 2, 16, counts), ref) << "case " << i << " " << to_string(method);
            EXPECT_EQ(counts.clipped, 0u);
        }
    }
}

TEST(CrossbarCompute, NarrowAdcsClipAndTheResultShowsIt) {
    std::mt19937 rng(7);
    Case c = random_case(rng);
    c.layer.quant.activation_signed = false;
    for (auto& x : c.input) x = (1 << c.layer.quant.activation_bits) - 1;  // every bit drives every row
    CrossbarCounts counts;
    const auto out = run(c, PimMethod::im2col, 1, 1, counts);
    EXPECT_GT(counts.clipped, 0u);
    EXPECT_NE(out, reference_conv(c.layer, c.input, c.weights, {}));
}

}  // namespace
}  // namespace skipsim
