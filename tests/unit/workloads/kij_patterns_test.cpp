// Seed 000's pruning patterns on the layer MODELS.md section 2 quotes: a 512 -> 512 3x3 conv.
#include <gtest/gtest.h>

#include <cmath>

#include "base/error.h"
#include "workloads/formats/workload_json.h"
#include "workloads/patterns/kij_patterns.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

Layer conv512(const std::string& pattern, OrderedJson params) {
    Layer l;
    l.name = "conv4_2";
    l.in_channels = l.out_channels = 512;
    l.in_h = l.in_w = 4;
    l.kernel_h = l.kernel_w = 3;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    l.quant.weight_bits = 4;
    l.weights.seed = 3;
    l.sparsity.pattern = pattern;
    l.sparsity.params = params;
    return l;
}

TEST(KijPatterns, WsKeepsTwoOfNinePositionsInEveryOutputChannel) {
    Layer l = conv512("ws_kij", {{"ratio", 0.8}});
    auto w = layer_weights(l);
    auto m = materialize_mask(l, w);
    for (std::size_t k = 0; k < 512; ++k) {
        std::size_t kept_positions = 0;
        for (std::size_t p = 0; p < 9; ++p) {
            // A position is kept or pruned for all input channels at once.
            const std::uint8_t first = m[(k * 512) * 9 + p];
            for (std::size_t c = 1; c < 512; ++c) ASSERT_EQ(m[(k * 512 + c) * 9 + p], first);
            kept_positions += first;
        }
        ASSERT_EQ(kept_positions, 2u) << "output channel " << k;
    }
}

TEST(KijPatterns, OsScheduleOfIncrementsRoundsEachOnItsOwn) {
    // 0.4, 0.2, 0.1, 0.1 of 4608 sticks: 1843 + 922 + 461 + 461 = 3687 pruned, 921 kept; a single
    // round(0.8 x 4608) would keep 922.
    EXPECT_EQ(sticks_to_prune({{"schedule", {0.4, 0.2, 0.1, 0.1}}}, 4608), 3687u);
    EXPECT_EQ(sticks_to_prune({{"ratio", 0.8}}, 4608), 3686u);
    Layer l = conv512("os_kij", {{"schedule", {0.4, 0.2, 0.1, 0.1}}});
    auto m = materialize_mask(l, layer_weights(l));
    std::size_t kept_sticks = 0;
    for (std::size_t d = 0; d < 4608; ++d) {
        const std::uint8_t first = m[d];
        for (std::size_t k = 1; k < 512; ++k) ASSERT_EQ(m[k * 4608 + d], first);  // whole sticks
        kept_sticks += first;
    }
    EXPECT_EQ(kept_sticks, 921u);
}

// The source prunes round(P * k * k) sticks with Python's round, which takes a half to the even
// integer. Each ratio here makes the double product exactly .5 (values checked in Python 3:
// round(0.5 * 9) = 4, round(0.5 * 25) = 12, round((1/6) * 9) = 2, round((5/6) * 9) = 8,
// round((5/18) * 9) = 2, round((7/18) * 9) = 4, round((1/18) * 9) = 0, round(0.125 * 4) = 0).
TEST(KijPatterns, RoundsHalvesToEvenAsPythonDoes) {
    const struct {
        double ratio;
        std::uint64_t count, pruned;
    } cases[] = {{0.5, 9, 4},       {0.5, 25, 12},      {1.0 / 6, 9, 2}, {5.0 / 6, 9, 8},
                 {5.0 / 18, 9, 2},  {7.0 / 18, 9, 4},  {1.0 / 18, 9, 0}, {0.125, 4, 0}};
    for (const auto& c : cases) {
        ASSERT_EQ(c.ratio * static_cast<double>(c.count) - std::floor(c.ratio * static_cast<double>(c.count)), 0.5);
        EXPECT_EQ(sticks_to_prune({{"ratio", c.ratio}}, c.count), c.pruned) << c.ratio << " of " << c.count;
    }
    // Not a half: the nearest integer either way (0.8 x 9 = 7.2, 0.6 x 9 = 5.4, 0.7 x 9 = 6.3).
    EXPECT_EQ(sticks_to_prune({{"ratio", 0.8}}, 9), 7u);
    EXPECT_EQ(sticks_to_prune({{"ratio", 0.6}}, 9), 5u);
    EXPECT_EQ(sticks_to_prune({{"ratio", 0.7}}, 9), 6u);
    // A schedule rounds each increment on its own, halves to even: 4 + 4 of 9.
    EXPECT_EQ(sticks_to_prune({{"schedule", {0.5, 0.5}}}, 9), 8u);
    EXPECT_EQ(round_half_even(2.5), 2u);
    EXPECT_EQ(round_half_even(3.5), 4u);
    EXPECT_EQ(round_half_even(0.49999999999999994), 0u);
}

TEST(KijPatterns, HalfOfAThreeByThreeKernelKeepsFivePositions) {
    Layer l = conv512("ws_kij", {{"ratio", 0.5}});
    l.in_channels = l.out_channels = 8;
    const auto m = materialize_mask(l, layer_weights(l));
    for (std::size_t k = 0; k < 8; ++k) {
        std::size_t kept = 0;
        for (std::size_t p = 0; p < 9; ++p) kept += m[(k * 8) * 9 + p];
        EXPECT_EQ(kept, 5u) << "output channel " << k;  // 1.8x fewer timesteps, not 2.25x
    }
}

TEST(KijPatterns, PrunesTheSmallestNorms) {
    Layer l = conv512("ws_kij", {{"ratio", 0.5}});
    l.in_channels = l.out_channels = 2;
    auto w = layer_weights(l);
    auto m = materialize_mask(l, w);
    for (std::size_t k = 0; k < 2; ++k) {
        std::int64_t max_pruned = -1, min_kept = 1 << 30;
        for (std::size_t p = 0; p < 9; ++p) {
            std::int64_t norm = std::abs(w[(k * 2) * 9 + p]) + std::abs(w[(k * 2 + 1) * 9 + p]);
            if (m[(k * 2) * 9 + p]) min_kept = std::min(min_kept, norm);
            else max_pruned = std::max(max_pruned, norm);
        }
        EXPECT_LE(max_pruned, min_kept);
    }
}

TEST(KijPatterns, ScheduleThatPrunesEverythingIsRejected) {
    OrderedJson net = {{"schema", "skipsim.workload/1"}, {"name", "n"},
                       {"layers", {{{"name", "c"}, {"in_channels", 4}, {"out_channels", 4}, {"input", 4}, {"kernel", 3},
                                    {"sparsity", {{"pattern", "ws_kij"}, {"schedule", {0.6, 0.6}}}}}}}};
    try {
        parse_workload_json(net, "w.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "w.json: /layers/0/sparsity/schedule: prunes 10 of 9 kernel positions per output "
                               "channel (expected at least one kept)");
    }
}

}  // namespace
}  // namespace skipsim
