// Acceptance: the VW-SDK paper's VGG13 table (MODELS.md section 6) on a 512 x 512 array,
// im2col / SDK / VW-SDK computing cycles, reproduced exactly by the mapping core. The published
// numbers are typed in below; the formulas are re-derived here independently as a second check on
// layers the paper does not list.
#include <gtest/gtest.h>

#include <algorithm>

#include "pim/pim_mapping.h"

namespace skipsim {
namespace {

Layer conv(std::uint32_t hw, std::uint32_t c, std::uint32_t k, std::uint32_t r = 3) {
    Layer l;
    l.name = "l";
    l.in_channels = c;
    l.out_channels = k;
    l.in_h = l.in_w = hw;
    l.kernel_h = l.kernel_w = r;
    return l;
}

struct Published {
    std::uint32_t hw, c, k;
    std::uint64_t im2col, sdk, vw_sdk;
};

const Published kVgg13[] = {
    {224, 3, 64, 49284, 12321, 6216},   {224, 64, 64, 98568, 24642, 24642},  {112, 64, 128, 24200, 6050, 6050},
    {112, 128, 128, 36300, 36300, 12100}, {56, 128, 256, 8748, 8748, 5832},  {56, 256, 256, 14580, 14580, 10206},
    {28, 256, 512, 3380, 3380, 3380},   {28, 512, 512, 6084, 6084, 6084},    {14, 512, 512, 1296, 1296, 1296},
};

TEST(PimMapping, ReproducesTheVwSdkVgg13TableExactly) {
    const CrossbarShape xb{512, 512, 1};
    for (const Published& p : kVgg13) {
        SCOPED_TRACE(std::to_string(p.hw) + " 3x3x" + std::to_string(p.c) + "x" + std::to_string(p.k));
        const Layer l = conv(p.hw, p.c, p.k);
        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::im2col).mvms, p.im2col);
        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::sdk).mvms, p.sdk);
        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::vw_sdk).mvms, p.vw_sdk);
    }
}

TEST(PimMapping, ChosenWindowsOfTheTable) {
    const CrossbarShape xb{512, 512, 1};
    // First layer: SDK takes a 4x4 window (2x2 copies), VW-SDK a 3x10 window (1x8 copies, 3
    // channels, 64 filters in 512 columns).
    const WindowMapping sdk = search_mapping(conv(224, 3, 64), xb, nullptr, PimMethod::sdk);
    EXPECT_EQ(sdk.window_h, 4u);
    EXPECT_EQ(sdk.window_w, 4u);
    const WindowMapping vw = search_mapping(conv(224, 3, 64), xb, nullptr, PimMethod::vw_sdk);
    EXPECT_EQ(vw.window_h, 3u);
    EXPECT_EQ(vw.window_w, 10u);
    EXPECT_EQ(vw.row_tiles, 1u);
    EXPECT_EQ(vw.col_tiles, 1u);
}

std::uint64_t cdiv(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

// MODELS.md section 6 written out again, for square inputs, stride 1, no padding.
std::uint64_t formula_im2col(std::uint64_t H, std::uint64_t R, std::uint64_t C, std::uint64_t K, std::uint64_t AR,
                             std::uint64_t AC) {
    return (H - R + 1) * (H - R + 1) * cdiv(R * R * C, AR) * cdiv(K, AC);
}
std::uint64_t formula_sdk(std::uint64_t H, std::uint64_t R, std::uint64_t C, std::uint64_t K, std::uint64_t AR,
                          std::uint64_t AC) {
    const std::uint64_t ur = cdiv(R * R * C, AR), uc = cdiv(K, AC);
    std::uint64_t best = formula_im2col(H, R, C, K, AR, AC);
    for (std::uint64_t i = 1; (R + i - 1) * (R + i - 1) * C <= AR * ur && i * i * K <= AC * uc && i <= H - R + 1; ++i) {
        const std::uint64_t n = cdiv(H - R - i + 1, i) + 1;
        best = std::min(best, n * n * ur * uc);
    }
    return best;
}
std::uint64_t formula_vw(std::uint64_t H, std::uint64_t R, std::uint64_t C, std::uint64_t K, std::uint64_t AR,
                         std::uint64_t AC) {
    std::uint64_t best = formula_im2col(H, R, C, K, AR, AC);
    for (std::uint64_t i = 1; i <= H - R + 1; ++i)
        for (std::uint64_t j = 1; j <= H - R + 1; ++j) {
            const std::uint64_t ict = std::min(C, AR / ((R + i - 1) * (R + j - 1))), oct = AC / (i * j);
            if (ict == 0 || oct == 0) continue;
            const std::uint64_t npw = (cdiv(H - R - i + 1, i) + 1) * (cdiv(H - R - j + 1, j) + 1);
            best = std::min(best, npw * cdiv(C, ict) * cdiv(K, oct));
        }
    return best;
}

TEST(PimMapping, MatchesThePublishedFormulasOnOtherShapes) {
    int checked = 0;
    for (std::uint64_t ar : {64u, 128u, 256u})
        for (std::uint64_t ac : {32u, 128u, 256u})
            for (std::uint32_t hw : {5u, 8u, 13u, 32u})
                for (std::uint32_t c : {1u, 3u, 16u, 40u})
                    for (std::uint32_t k : {4u, 33u, 96u}) {
                        const Layer l = conv(hw, c, k);
                        const CrossbarShape xb{ar, ac, 1};
                        SCOPED_TRACE(std::to_string(ar) + "x" + std::to_string(ac) + " " + std::to_string(hw) + " c" +
                                     std::to_string(c) + " k" + std::to_string(k));
                        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::im2col).mvms, formula_im2col(hw, 3, c, k, ar, ac));
                        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::sdk).mvms, formula_sdk(hw, 3, c, k, ar, ac));
                        EXPECT_EQ(search_mapping(l, xb, nullptr, PimMethod::vw_sdk).mvms, formula_vw(hw, 3, c, k, ar, ac));
                        ++checked;
                    }
    EXPECT_EQ(checked, 432);
}

TEST(PimMapping, StrideAndPaddingMapThePaddedInput) {
    // 3x3 stride 2 pad 1 on 9x9: output 5x5. Two copies per dimension sit 2 pixels apart in a
    // 5-pixel window and compute 2 outputs each, so 3 window positions per dimension.
    Layer l = conv(9, 4, 8);
    l.stride_h = l.stride_w = 2;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    const WindowMapping m = evaluate_mapping(l, CrossbarShape{512, 512, 1}, nullptr, PimMethod::sdk, 2, 2);
    ASSERT_TRUE(m.valid);
    EXPECT_EQ(m.window_h, 5u);
    EXPECT_EQ(m.windows_h, 3u);
    EXPECT_EQ(m.rows, 25u * 4);
    EXPECT_EQ(m.columns, 4u * 8);
    EXPECT_EQ(copies_for_window(5, 3, 2), 2u);
    EXPECT_EQ(copies_for_window(6, 3, 2), 0u);
}

TEST(PimMapping, WideWeightsSpanSeveralColumns) {
    const Layer l = conv(8, 4, 64);
    const WindowMapping one = evaluate_mapping(l, CrossbarShape{512, 128, 1}, nullptr, PimMethod::im2col, 1, 1);
    const WindowMapping four = evaluate_mapping(l, CrossbarShape{512, 128, 4}, nullptr, PimMethod::im2col, 1, 1);
    EXPECT_EQ(one.col_tiles, 1u);
    EXPECT_EQ(four.col_tiles, 2u);
    EXPECT_EQ(four.mvms, 2 * one.mvms);
}

}  // namespace
}  // namespace skipsim
