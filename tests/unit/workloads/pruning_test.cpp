#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

Layer layer(const std::string& pattern, OrderedJson params) {
    Layer l;
    l.name = "l";
    l.in_channels = 6;
    l.out_channels = 5;
    l.in_h = l.in_w = 5;
    l.kernel_h = l.kernel_w = 3;
    l.weights.seed = 42;
    l.sparsity.pattern = pattern;
    l.sparsity.params = params;
    return l;
}

TEST(Pruning, UnstructuredPrunesTheRoundedShareOfSmallestMagnitudes) {
    Layer l = layer("unstructured", {{"ratio", 0.3}});
    auto w = layer_weights(l);
    auto m = materialize_mask(l, w);
    ASSERT_EQ(m.size(), 270u);
    EXPECT_EQ(count_kept(m), 270u - 81);  // round(0.3 * 270) = 81
    int max_pruned = 0, min_kept = 1 << 20;
    for (std::size_t i = 0; i < w.size(); ++i)
        (m[i] ? min_kept : max_pruned) = m[i] ? std::min(min_kept, std::abs(w[i])) : std::max(max_pruned, std::abs(w[i]));
    EXPECT_LE(max_pruned, min_kept);
    EXPECT_EQ(materialize_mask(l, w), m);  // deterministic
}

TEST(Pruning, NmKeepsNOfEveryMAlongEachFilter) {
    Layer l = layer("nm", {{"n", 2}, {"m", 4}});
    auto w = layer_weights(l);
    auto m = materialize_mask(l, w);
    const std::size_t per_filter = 54;
    for (std::size_t f = 0; f < 5; ++f)
        for (std::size_t g = 0; g < per_filter; g += 4) {
            std::size_t kept = 0;
            for (std::size_t i = g; i < std::min(g + 4, per_filter); ++i) kept += m[f * per_filter + i];
            EXPECT_EQ(kept, std::min<std::size_t>(2, per_filter - g));
        }
}

TEST(Pruning, LowestMarksTheFirstOfAStableSort) {
    // Scores with many ties: the marked ones are the first `count` of ascending_order.
    std::vector<double> scores;
    for (int i = 0; i < 200; ++i) scores.push_back((i * 37 % 11) * 0.5 - 1.0);
    const auto order = ascending_order(scores);
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{17}, std::size_t{100}, std::size_t{199},
                              std::size_t{200}}) {
        std::vector<std::uint8_t> expect(scores.size(), 0);
        for (std::size_t i = 0; i < count; ++i) expect[order[i]] = 1;
        EXPECT_EQ(lowest(scores, count), expect) << count;
    }
}

TEST(Pruning, NthLowestIsWhatNthElementFinds) {
    // Random scores of either sign, with ties, signed zeros, tiny and huge magnitudes, in lists
    // small and large, at ranks from the first to the last.
    std::uint64_t state = 7;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{256}, std::size_t{1000},
                          std::size_t{20000}}) {
        std::vector<double> scores(n);
        for (double& x : scores) {
            switch (next() % 6) {
                case 0: x = static_cast<double>(next() % 5); break;  // ties
                case 1: x = next() % 2 ? 0.0 : -0.0; break;
                case 2: x = -std::ldexp(static_cast<double>(next()), -40); break;
                case 3: x = std::ldexp(static_cast<double>(next()), static_cast<int>(next() % 200) - 100); break;
                default: x = std::sqrt(static_cast<double>(next() % 100000)); break;
            }
        }
        for (std::size_t k : {std::size_t{0}, n / 3, n / 2, n - 1}) {
            std::vector<double> sorted(scores);
            std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
            EXPECT_EQ(nth_lowest(scores, k), sorted[k]) << n << " scores, rank " << k;
            const auto order = ascending_order(scores);
            std::vector<std::uint8_t> expect(n, 0);
            for (std::size_t i = 0; i <= k; ++i) expect[order[i]] = 1;
            EXPECT_EQ(lowest(scores, k + 1), expect) << n << " scores, " << k + 1 << " lowest";
        }
    }
}

TEST(Pruning, DenseLayersHaveNoMask) {
    Layer l = layer("none", OrderedJson::object());
    EXPECT_TRUE(materialize_mask(l, layer_weights(l)).empty());
}

TEST(TensorGen, WeightsStayInTheSignedRangeAndAreDeterministic) {
    Layer l = layer("none", OrderedJson::object());
    l.quant.weight_bits = 3;
    auto w = layer_weights(l);
    for (int x : w) {
        EXPECT_GE(x, -4);
        EXPECT_LE(x, 3);
    }
    EXPECT_EQ(w, layer_weights(l));
    l.quant.activation_signed = false;
    l.quant.activation_bits = 4;
    for (int a : layer_activations(l, 9)) {
        EXPECT_GE(a, 0);
        EXPECT_LE(a, 15);
    }
}

}  // namespace
}  // namespace skipsim
