#include <gtest/gtest.h>

#include "workloads/reference.h"

namespace skipsim {
namespace {

TEST(ReferenceConv, HandComputedPaddedStridedCase) {
    // 1 channel 3x3 input, 2x2 kernel of ones, stride 2, padding 1 on every side -> 2x2 output.
    Layer l;
    l.in_h = l.in_w = 3;
    l.kernel_h = l.kernel_w = 2;
    l.stride_h = l.stride_w = 2;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    std::vector<std::int32_t> in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    std::vector<std::int32_t> w = {1, 1, 1, 1};
    auto out = reference_conv(l, in, w, {});
    EXPECT_EQ(out, (std::vector<std::int64_t>{1, 2 + 3, 4 + 7, 5 + 6 + 8 + 9}));
    auto masked = reference_conv(l, in, w, {1, 0, 0, 0});
    EXPECT_EQ(masked, (std::vector<std::int64_t>{0, 0, 0, 5}));
}

TEST(ReferenceConv, GroupsAndDilation) {
    // Two groups, one channel each; dilation 2 picks the corners of a 3x3 input.
    Layer l;
    l.in_channels = 2;
    l.out_channels = 2;
    l.groups = 2;
    l.in_h = l.in_w = 3;
    l.kernel_h = l.kernel_w = 2;
    l.dilation_h = l.dilation_w = 2;
    std::vector<std::int32_t> in = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    std::vector<std::int32_t> w = {1, 1, 1, 1, 1, -1, 0, 0};
    auto out = reference_conv(l, in, w, {});
    EXPECT_EQ(out, (std::vector<std::int64_t>{1 + 3 + 7 + 9, 10 - 30}));
}

}  // namespace
}  // namespace skipsim
