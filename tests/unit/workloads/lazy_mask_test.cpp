// Masks of seeded layers as a run makes them (layer_mask: weights generated piece by piece, only
// as the pattern reads them) against the eager way (every weight generated, then pruned) and
// against plain reference rules written out here, on layers of several shapes, widths and seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "workloads/patterns/block_patterns.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

Layer conv(std::uint32_t c, std::uint32_t k, std::uint32_t r, std::uint64_t seed, int bits = 8) {
    Layer l;
    l.name = "l";
    l.in_channels = c;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.in_h = l.in_w = 8;
    l.weights.seed = seed;
    l.quant.weight_bits = bits;
    return l;
}

Layer unstructured(Layer l, double ratio, const std::string& rounding) {
    l.sparsity.pattern = "unstructured";
    l.sparsity.params = OrderedJson{{"ratio", ratio}, {"rounding", rounding}};
    return l;
}

Layer block(Layer l, double ratio, const std::string& norm) {
    l.sparsity.pattern = "block";
    l.sparsity.params = OrderedJson{{"ratio", ratio}, {"block", {8, 8}}, {"norm", norm}};
    return l;
}

std::vector<std::uint8_t> eager(const Layer& l) { return materialize_mask(l, layer_weights(l)); }

std::vector<std::uint8_t> lazy(const Layer& l, std::vector<std::uint8_t> mask = {}) {
    std::vector<std::int16_t> weights;
    layer_mask(l, weights, mask);
    return mask;
}

// Magnitude pruning by its definition: a stable sort by |w|, the first `prune` zeroed.
std::vector<std::uint8_t> reference_unstructured(const Layer& l) {
    const std::vector<std::int32_t> w = layer_weights(l);
    const double exact = l.sparsity.params["ratio"].get<double>() * static_cast<double>(w.size());
    const auto prune = static_cast<std::size_t>(l.sparsity.params["rounding"] == "down" ? std::floor(exact + 1e-6)
                                                                                       : std::llround(exact));
    std::vector<std::size_t> order(w.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return std::abs(w[a]) < std::abs(w[b]); });
    std::vector<std::uint8_t> m(w.size(), 1);
    for (std::size_t i = 0; i < prune; ++i) m[order[i]] = 0;
    return m;
}

// Block pruning by its definition: each 8x8 channel block's L2 norm (or L1, variance) from a loop
// over its weights, the round(ratio x blocks) lowest (ties to the lowest index) zeroed.
std::vector<std::uint8_t> reference_block(const Layer& l) {
    const std::vector<std::int32_t> w = layer_weights(l);
    const std::string norm = l.sparsity.params["norm"];
    const std::size_t C = l.in_channels, K = l.out_channels, RS = std::size_t{l.kernel_h} * l.kernel_w;
    const std::size_t cbs = C / 8, kbs = K / 8;
    std::vector<double> score(cbs * kbs);
    for (std::size_t cb = 0; cb < cbs; ++cb)
        for (std::size_t kb = 0; kb < kbs; ++kb) {
            double s = 0, q = 0, a = 0;
            for (std::size_t k = kb * 8; k < kb * 8 + 8; ++k)
                for (std::size_t c = cb * 8; c < cb * 8 + 8; ++c)
                    for (std::size_t p = 0; p < RS; ++p) {
                        const double v = w[(k * C + c) * RS + p];
                        s += v;
                        q += v * v;
                        a += std::abs(v);
                    }
            const double n = 64.0 * RS;
            score[cb * kbs + kb] = norm == "l1" ? a : norm == "variance" ? q / n - (s / n) * (s / n) : std::sqrt(q);
        }
    const auto prune = static_cast<std::size_t>(std::llround(l.sparsity.params["ratio"].get<double>() * score.size()));
    const std::vector<std::size_t> order = ascending_order(score);
    std::vector<std::uint8_t> dead(score.size(), 0);
    for (std::size_t i = 0; i < prune; ++i) dead[order[i]] = 1;
    std::vector<std::uint8_t> m(w.size());
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t c = 0; c < C; ++c)
            for (std::size_t p = 0; p < RS; ++p) m[(k * C + c) * RS + p] = !dead[(c / 8) * kbs + k / 8];
    return m;
}

TEST(LazyMasks, GeneratedWeightsComeOutTheSameInAnyPieces) {
    for (int bits : {1, 3, 4, 5, 8, 11, 16}) {
        const Layer l = conv(5, 7, 3, 1000 + static_cast<std::uint64_t>(bits), bits);  // 315 weights
        const std::vector<std::int32_t> all = layer_weights(l);
        const GeneratedWeights g(l);
        ASSERT_EQ(g.size(), all.size());
        for (std::uint64_t begin : {0u, 1u, 7u, 8u, 13u, 64u, 300u})
            for (std::uint64_t count : {0u, 1u, 2u, 9u, 15u}) {
                if (begin + count > all.size()) continue;
                std::vector<std::int16_t> piece(count);
                g.fill(begin, count, piece.data());
                for (std::uint64_t i = 0; i < count; ++i)
                    ASSERT_EQ(piece[i], all[begin + i]) << "bits " << bits << ", weight " << begin + i;
                if (bits != 8) continue;
                std::vector<std::uint8_t> bytes(count);
                g.fill_offset_bytes(begin, count, bytes.data());
                for (std::uint64_t i = 0; i < count; ++i) ASSERT_EQ(bytes[i], all[begin + i] + 128) << begin + i;
            }
    }
}

TEST(LazyMasks, UnstructuredMasksEqualTheEagerOnesAndAStableSort) {
    // 8-bit weights take the one-generation path (a guessed threshold, checked); the small layers'
    // guesses often miss and take the exact path; 4- and 6-bit weights always take it.
    struct Case {
        std::uint32_t c, k, r;
        int bits;
    };
    for (const Case& s : {Case{64, 64, 3, 8}, Case{256, 64, 1, 8}, Case{3, 8, 7, 8}, Case{4, 4, 1, 8}, Case{16, 24, 3, 4},
                          Case{32, 32, 1, 6}})
        for (std::uint64_t seed : {1u, 2u, 77u})
            for (double ratio : {0.0, 0.3, 0.5, 0.85, 0.87, 0.995})
                for (const char* rounding : {"down", "nearest"}) {
                    const Layer l = unstructured(conv(s.c, s.k, s.r, seed, s.bits), ratio, rounding);
                    const std::vector<std::uint8_t> want = reference_unstructured(l);
                    ASSERT_EQ(eager(l), want) << s.c << "x" << s.k << "x" << s.r << " seed " << seed << " ratio " << ratio;
                    ASSERT_EQ(lazy(l), want) << s.c << "x" << s.k << "x" << s.r << " seed " << seed << " ratio " << ratio;
                }
}

TEST(LazyMasks, SmallLayersTakeEitherPathToTheSameMask) {
    // 48 weights at 8 bits: the guessed threshold is often off by one here, sometimes not.
    for (std::uint64_t seed = 0; seed < 300; ++seed)
        for (double ratio : {0.2, 0.5, 0.7}) {
            const Layer l = unstructured(conv(3, 4, 2, seed), ratio, "down");
            ASSERT_EQ(lazy(l), reference_unstructured(l)) << "seed " << seed << " ratio " << ratio;
        }
}

TEST(LazyMasks, BlockMasksEqualTheEagerOnesAndTheirDefinition) {
    for (const char* norm : {"l2", "l1", "variance"})
        for (std::uint64_t seed : {3u, 4u})
            for (const Layer& shape : {conv(64, 32, 3, seed), conv(128, 256, 1, seed), conv(16, 8, 5, seed)}) {
                const Layer l = block(shape, 0.5, norm);
                const std::vector<std::uint8_t> want = reference_block(l);
                ASSERT_EQ(eager(l), want) << norm << " " << l.in_channels << "x" << l.out_channels;
                ASSERT_EQ(lazy(l), want) << norm << " " << l.in_channels << "x" << l.out_channels;
            }
    // Wider weights are read as values, not bytes.
    const Layer wide = block(conv(32, 16, 3, 9, 12), 0.25, "l2");
    EXPECT_EQ(lazy(wide), reference_block(wide));
}

TEST(LazyMasks, AMaskBufferHoldingAnotherLayersMaskIsRewrittenWhole) {
    // A run hands each layer the last layer's mask buffer: larger, smaller, all ones or all zeros.
    const Layer u = unstructured(conv(64, 64, 3, 5), 0.85, "down"), b = block(conv(64, 64, 3, 5), 0.5, "l2");
    for (const Layer& l : {u, b})
        for (std::size_t size : {std::size_t{10}, l.weight_count(), 3 * l.weight_count()})
            for (std::uint8_t fill : {0, 1, 2}) {
                const std::vector<std::uint8_t> got = lazy(l, std::vector<std::uint8_t>(size, fill));
                ASSERT_EQ(got, eager(l)) << l.sparsity.pattern << " " << size << " " << int{fill};
            }
    // A dense layer after a pruned one has no mask.
    EXPECT_TRUE(lazy(conv(8, 8, 1, 1), std::vector<std::uint8_t>(64, 1)).empty());
}

}  // namespace
}  // namespace skipsim
