// Acceptance: rows skipped per input channel under PAIRS' block-wise patterns equal the closed
// forms of MODELS.md section 6 for 4x4 and 5x5 windows (mask values 1, 3, 5), and for masks 2
// and 4 a brute-force count over the window written here; the candidate sets have the published
// sizes (4, 14, 4, 16, 4); with skipping, AR cycles = ceil((C x PW^2 - skipped) / AR).
#include <gtest/gtest.h>

#include <random>

#include "pim/pim_mapping.h"
#include "workloads/patterns/pairs_patterns.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

Layer pairs_layer(std::uint32_t c, std::uint32_t hw, int mask_value, int window) {
    Layer l;
    l.name = "conv";
    l.in_channels = c;
    l.out_channels = c;
    l.in_h = l.in_w = hw;
    l.kernel_h = l.kernel_w = 3;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    l.sparsity.pattern = "pairs";
    l.sparsity.params = {{"mask", mask_value}, {"window", window}};
    return l;
}

std::vector<std::int32_t> random_weights(const Layer& l, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::int32_t> w(l.weight_count());
    for (auto& v : w) v = static_cast<std::int32_t>(rng() % 15) - 7;
    return w;
}

// Window cells (stride 1) no kept kernel position of any copy lands on: counted cell by cell.
std::uint64_t brute_force_skipped(const std::vector<std::uint8_t>& keep, int pw) {
    std::uint64_t skipped = 0;
    const int copies = pw - 2;
    for (int y = 0; y < pw; ++y)
        for (int x = 0; x < pw; ++x) {
            bool used = false;
            for (int a = 0; a < copies; ++a)
                for (int b = 0; b < copies; ++b) {
                    const int r = y - a, s = x - b;
                    if (r >= 0 && r < 3 && s >= 0 && s < 3 && keep[static_cast<std::size_t>(r * 3 + s)]) used = true;
                }
            if (!used) ++skipped;
        }
    return skipped;
}

TEST(PairsPatterns, CandidateSetsHaveThePublishedSizes) {
    for (int window : {4, 5}) {
        EXPECT_EQ(pairs_candidates(1, window).size(), 4u);
        EXPECT_EQ(pairs_candidates(2, window).size(), 14u);
        EXPECT_EQ(pairs_candidates(3, window).size(), 4u);
        EXPECT_EQ(pairs_candidates(4, window).size(), 16u);
        EXPECT_EQ(pairs_candidates(5, window).size(), 4u);
    }
    // Mask 5 keeps a 2x2 corner block, e.g. 000011011.
    const std::vector<std::uint8_t> corner = {0, 0, 0, 0, 1, 1, 0, 1, 1};
    const auto five = pairs_candidates(5, 4);
    EXPECT_NE(std::find(five.begin(), five.end(), corner), five.end());
}

TEST(PairsPatterns, SkippedRowsMatchClosedFormsAndBruteForce) {
    const std::uint32_t C = 16;
    for (int pw : {4, 5})
        for (int mask = 1; mask <= 5; ++mask) {
            SCOPED_TRACE("window " + std::to_string(pw) + " mask " + std::to_string(mask));
            const Layer l = pairs_layer(C, 16, mask, pw);
            const auto w = random_weights(l, static_cast<unsigned>(pw * 10 + mask));
            const auto keep = materialize_mask(l, w);
            // Block-wise: every kernel of the layer has the same pattern.
            for (std::size_t i = 9; i < keep.size(); ++i) ASSERT_EQ(keep[i], keep[i % 9]);
            ASSERT_EQ(count_kept(keep), l.weight_count() / 9 * static_cast<std::uint64_t>(9 - mask));
            const ChannelPatterns pats = channel_patterns(l, keep);
            const std::uint32_t copies = static_cast<std::uint32_t>(pw - 2);
            const WindowMapping m = evaluate_mapping(l, CrossbarShape{512, 256, 1}, &pats, PimMethod::sdk, copies, copies);
            ASSERT_TRUE(m.valid);
            const std::uint64_t per_channel = m.skipped_rows / C;
            const std::vector<std::uint8_t> pattern(keep.begin(), keep.begin() + 9);
            EXPECT_EQ(per_channel, brute_force_skipped(pattern, pw));
            const std::uint64_t PW = static_cast<std::uint64_t>(pw);
            if (mask == 1) {
                EXPECT_EQ(per_channel, 1u);  // 8 kept: one corner removed
            } else if (mask == 3) {
                EXPECT_EQ(per_channel, PW);  // 6 kept: an edge row or column removed
            } else if (mask == 5) {
                // 4 kept: a 2x2 corner block (dr = dc = 1 in PW^2 - (PW-R+1+dr)(PW-R+1+dc)).
                EXPECT_EQ(per_channel, 2 * PW - 1);
                EXPECT_EQ(per_channel, PW * PW - (PW - 3 + 1 + 1) * (PW - 3 + 1 + 1));
            }
            // AR and AC cycles with skipping.
            EXPECT_EQ(m.row_tiles, (C * PW * PW - m.skipped_rows + 511) / 512);
            EXPECT_EQ(m.col_tiles, ((PW - 2) * (PW - 2) * C + 255) / 256);
        }
}

TEST(PairsPatterns, BlockWisePatternKeepsTheLargestWeights) {
    Layer l = pairs_layer(2, 8, 5, 4);
    l.out_channels = 1;
    // Heavy weights in the bottom-right 2x2 block of both kernels.
    std::vector<std::int32_t> w(18, 1);
    for (int base : {0, 9})
        for (int p : {4, 5, 7, 8}) w[static_cast<std::size_t>(base + p)] = 7;
    const auto keep = materialize_mask(l, w);
    const std::vector<std::uint8_t> expect = {0, 0, 0, 0, 1, 1, 0, 1, 1};
    EXPECT_EQ(std::vector<std::uint8_t>(keep.begin(), keep.begin() + 9), expect);
    EXPECT_EQ(std::vector<std::uint8_t>(keep.begin() + 9, keep.end()), expect);
}

TEST(PairsPatterns, KernelWisePatternsSkipNoMoreThanBlockWise) {
    Layer block = pairs_layer(8, 16, 3, 4);
    Layer kernel = block;
    kernel.sparsity.params["granularity"] = "kernel";
    const auto w = random_weights(block, 99);
    const ChannelPatterns pb = channel_patterns(block, materialize_mask(block, w));
    const ChannelPatterns pk = channel_patterns(kernel, materialize_mask(kernel, w));
    const CrossbarShape xb{512, 256, 1};
    const auto sb = evaluate_mapping(block, xb, &pb, PimMethod::sdk, 2, 2).skipped_rows;
    const auto sk = evaluate_mapping(kernel, xb, &pk, PimMethod::sdk, 2, 2).skipped_rows;
    EXPECT_EQ(sb, 8u * 4);
    EXPECT_LE(sk, sb);
}

TEST(RowSkipping, UnstructuredMasksSkipOnlyWhatIsZeroForEveryFilter) {
    Layer l = pairs_layer(4, 8, 1, 4);
    l.sparsity.params = OrderedJson::object();
    std::vector<std::uint8_t> keep(l.weight_count(), 1);
    // Channel 2 loses its top-left position in every filter; channel 3 only in filter 0.
    for (std::uint32_t k = 0; k < l.out_channels; ++k) keep[(k * 4 + 2) * 9] = 0;
    keep[(0 * 4 + 3) * 9] = 0;
    const ChannelPatterns pats = channel_patterns(l, keep);
    const WindowMapping m = evaluate_mapping(l, CrossbarShape{512, 256, 1}, &pats, PimMethod::sdk, 2, 2);
    EXPECT_EQ(m.skipped_rows, 1u);
}

}  // namespace
}  // namespace skipsim
