// The structure of a layer's zeros in each seed's terms, on masks whose answer is known by hand,
// and the weights' own zeros as the default pruning of weights read from a file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "workloads/formats/workload_json.h"
#include "workloads/npy.h"
#include "workloads/pruning.h"
#include "workloads/quantize.h"
#include "workloads/tensor_gen.h"
#include "workloads/zero_structure.h"

namespace skipsim {
namespace {

Layer conv(std::uint32_t c, std::uint32_t k, std::uint32_t r, std::uint32_t size = 8, std::uint32_t groups = 1) {
    Layer l;
    l.name = "l";
    l.in_channels = c;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.in_h = l.in_w = size;
    l.groups = groups;
    return l;
}

// A mask from keep(k, c, p).
template <class F>
std::vector<std::uint8_t> mask_of(const Layer& l, F keep) {
    std::vector<std::uint8_t> m;
    for (std::uint32_t k = 0; k < l.out_channels; ++k)
        for (std::uint32_t c = 0; c < l.channels_per_group(); ++c)
            for (std::uint32_t p = 0; p < l.kernel_h * l.kernel_w; ++p) m.push_back(keep(k, c, p) ? 1 : 0);
    return m;
}

TEST(ZeroStructure, ADenseLayerKeepsEverything) {
    const Layer l = conv(16, 16, 3);
    const ZeroStructure z = analyze_zeros(l, {});
    EXPECT_EQ(z.kept, z.weights);
    EXPECT_EQ(z.density(), 1.0);
    EXPECT_EQ(z.positions.min_kept, 9u);
    EXPECT_EQ(z.sticks.kept, 16u * 9);
    EXPECT_EQ(z.blocks.kept, 4u);
    EXPECT_EQ(z.max_kept_of_4, 4u);
    EXPECT_EQ(z.pim.skippable, 0u);
    EXPECT_EQ(z.combining.groups, 16u * 9);
    EXPECT_EQ(analyze_zeros(l, mask_of(l, [](auto...) { return true; })).combining.groups, 16u * 9);
}

TEST(ZeroStructure, KernelPositionsPerOutputChannelAsSeed000sWsTimesteps) {
    const Layer l = conv(4, 8, 3);
    // Every output channel keeps 2 positions, not the same ones.
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto k, auto, auto p) { return p == k % 9 || p == 4; }));
    EXPECT_EQ(z.positions.min_kept, 1u);  // channel 4 keeps only position 4
    EXPECT_EQ(z.positions.max_kept, 2u);
    EXPECT_FALSE(z.positions.same);
    const ZeroStructure same = analyze_zeros(l, mask_of(l, [](auto, auto, auto p) { return p == 0 || p == 8; }));
    EXPECT_EQ(same.positions.min_kept, 2u);
    EXPECT_EQ(same.positions.max_kept, 2u);
    EXPECT_TRUE(same.positions.same);
    EXPECT_EQ(same.kept, 8u * 4 * 2);
}

TEST(ZeroStructure, SticksAsSeed000sOsReduction) {
    const Layer l = conv(4, 8, 3);
    // Input channel 1 pruned in every filter at every position; channel 2 at position 0 in all but filter 5.
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto k, auto c, auto p) { return c != 1 && !(c == 2 && p == 0 && k != 5); }));
    EXPECT_EQ(z.sticks.total, 36u);
    EXPECT_EQ(z.sticks.kept, 27u);
}

TEST(ZeroStructure, EightByEightBlocksAsSeed003) {
    const Layer l = conv(16, 24, 1);
    // The block of output channels 8..15 and input channels 0..7 is zero; so is one weight elsewhere.
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto k, auto c, auto) {
        return !(k >= 8 && k < 16 && c < 8) && !(k == 0 && c == 0);
    }));
    EXPECT_EQ(z.blocks.total, 6u);
    EXPECT_EQ(z.blocks.kept, 5u);
}

TEST(ZeroStructure, NmAlongEachFiltersReduction) {
    const Layer l = conv(8, 4, 1);
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto, auto c, auto) { return c % 4 < 2; }));
    EXPECT_EQ(z.max_kept_of_4, 2u);  // 2:4
    EXPECT_EQ(z.max_kept_of_8, 4u);
}

TEST(ZeroStructure, CrossbarRowsAnSdkWindowSkipsAsGarosCounts) {
    // One kept entry per 3x3 kernel (the centre) in a 4x4 window skips 4 PW - 4 = 12 of 16 rows per
    // input channel; a kept 2x2 corner block skips 2 PW - 1 = 7 (MODELS.md, section 6).
    const Layer l = conv(3, 5, 3);
    EXPECT_EQ(analyze_zeros(l, mask_of(l, [](auto, auto, auto p) { return p == 4; })).pim.skippable, 3u * 12);
    const ZeroStructure corner = analyze_zeros(l, mask_of(l, [](auto, auto, auto p) { return p % 3 < 2 && p / 3 < 2; }));
    EXPECT_EQ(corner.pim.h, 4u);
    EXPECT_EQ(corner.pim.rows, 3u * 16);
    EXPECT_EQ(corner.pim.skippable, 3u * 7);
}

TEST(ZeroStructure, ColumnsWithDisjointRowsCombineAsSeed001) {
    // 16 filters x 8 columns; column j keeps only filters 2j and 2j + 1: no two overlap, so alpha 8
    // packs all eight into one group. Dense columns overlap in every row and stay apart.
    const Layer l = conv(8, 16, 1);
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto k, auto c, auto) { return k / 2 == c; }));
    EXPECT_EQ(z.combining.columns, 8u);
    EXPECT_EQ(z.combining.groups, 1u);
    const ZeroStructure half = analyze_zeros(l, mask_of(l, [](auto k, auto c, auto) { return c % 2 == 0 || k < 4; }));
    EXPECT_EQ(half.combining.columns, 8u);
    EXPECT_LT(half.combining.groups, 8u);
}

// Seed 001's first-fit as its definition reads, column by column with no shortcut: in each section
// of 256 columns, a nonzero column joins the first group with fewer than alpha columns whose rows
// it overlaps in at most floor(gamma x rows) places, else starts a group.
std::uint64_t first_fit_by_definition(const Layer& l, const std::vector<std::uint8_t>& mask, std::uint32_t alpha,
                                      double gamma) {
    const std::uint64_t rows = l.out_channels, cols = static_cast<std::uint64_t>(l.channels_per_group()) * l.kernel_h * l.kernel_w;
    const auto limit = static_cast<std::uint64_t>(std::floor(gamma * static_cast<double>(rows)));
    std::uint64_t groups = 0;
    for (std::uint64_t s0 = 0; s0 < cols; s0 += 256) {
        std::vector<std::vector<std::uint8_t>> occupied;
        std::vector<std::uint32_t> size;
        for (std::uint64_t c = s0; c < std::min(cols, s0 + 256); ++c) {
            bool live = false;
            for (std::uint64_t r = 0; r < rows; ++r) live = live || mask[r * cols + c];
            if (!live) continue;
            std::size_t g = 0;
            for (; g < size.size(); ++g) {
                std::uint64_t conflicts = 0;
                for (std::uint64_t r = 0; r < rows; ++r) conflicts += occupied[g][r] && mask[r * cols + c];
                if (size[g] < alpha && conflicts <= limit) break;
            }
            if (g == size.size()) {
                occupied.emplace_back(rows, 0);
                size.push_back(0);
            }
            ++size[g];
            for (std::uint64_t r = 0; r < rows; ++r) occupied[g][r] |= mask[r * cols + c];
        }
        groups += size.size();
    }
    return groups;
}

TEST(ZeroStructure, RandomMasksCountAsTheirDefinitions) {
    // Block-pruned masks repeat each column over a block's channels and kernel positions (the
    // analysis resumes an equal column's search where the last one ended); element-pruned masks
    // rarely do. Both, over several sections of 256 columns and more than 64 rows; the counts of
    // the row scan too, on filters short and long.
    std::uint64_t state = 12345;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    for (int trial = 0; trial < 14; ++trial) {
        std::uint32_t c = 8u * (1 + next() % 8), k = 8u * (1 + next() % 12), r = trial % 3 == 0 ? 1 : 3;
        if (trial >= 12) {  // filters longer than 255 words of eight weights
            c = 256;
            k = 16;
            r = 3;
        }
        const Layer l = conv(c, k, r);
        // percent; trial 12's filters keep so many weights that every byte of a word adds up past 255
        const std::uint32_t density = trial == 12 ? 100 : 10 + next() % 80;
        std::vector<std::uint8_t> live_block((c / 8) * (k / 8));
        for (auto& b : live_block) b = next() % 100 < density;
        const bool blocks = trial % 2 == 0;
        const auto mask = mask_of(l, [&](auto kk, auto cc, auto) {
            return blocks ? live_block[(kk / 8) * (c / 8) + cc / 8] != 0 : next() % 100 < density;
        });
        const ZeroStructure z = analyze_zeros(l, mask);
        EXPECT_EQ(z.combining.groups, first_fit_by_definition(l, mask, z.combining.alpha, z.combining.gamma))
            << "trial " << trial << ": " << k << " filters of " << c << " channels, " << r << "x" << r;
        // The counts the row scan makes, weight by weight.
        std::uint64_t kept = 0, sticks = 0, blocks_kept = 0;
        const std::uint32_t rs = r * r;
        for (std::uint8_t m : mask) kept += m;
        for (std::uint32_t s = 0; s < c * rs; ++s) {
            bool any = false;
            for (std::uint32_t f = 0; f < k; ++f) any = any || mask[static_cast<std::size_t>(f) * c * rs + s];
            sticks += any;
        }
        for (std::uint32_t kb = 0; kb < k / 8; ++kb)
            for (std::uint32_t cb = 0; cb < c / 8; ++cb) {
                bool any = false;
                for (std::uint32_t f = kb * 8; f < kb * 8 + 8; ++f)
                    for (std::uint32_t q = cb * 8 * rs; q < (cb + 1) * 8 * rs; ++q) any = any || mask[static_cast<std::size_t>(f) * c * rs + q];
                blocks_kept += any;
            }
        EXPECT_EQ(z.kept, kept) << "trial " << trial;
        EXPECT_EQ(z.sticks.kept, sticks) << "trial " << trial;
        EXPECT_EQ(z.blocks.kept, blocks_kept) << "trial " << trial;
    }
}

TEST(ZeroStructure, GroupedLayersAreAnalysedPerGroup) {
    const Layer l = conv(8, 8, 3, 8, 8);  // depthwise
    const ZeroStructure z = analyze_zeros(l, mask_of(l, [](auto k, auto, auto p) { return p == k % 9; }));
    EXPECT_EQ(z.sticks.total, 72u);
    EXPECT_EQ(z.sticks.kept, 8u);
    EXPECT_EQ(z.positions.max_kept, 1u);
    EXPECT_EQ(z.combining.groups, 8u);
}

TEST(Quantize, ZerosStayZeroAndNonzerosStayNonzero) {
    EXPECT_EQ(quantize_symmetric<std::int32_t>(std::vector<double>{1.0, -1e-9, 0.0, 0.5, -1.0}, 4),
              (std::vector<std::int32_t>{7, -1, 0, 4, -7}));
    EXPECT_EQ(quantize_symmetric<std::int16_t>(std::vector<float>{0, 0}, 8), (std::vector<std::int16_t>{0, 0}));
}

TEST(WeightsZeros, NpyWeightsBringTheirOwnPruningUnlessTheWorkloadSaysOtherwise) {
    const auto dir = std::filesystem::temp_directory_path() / "skipsim-zeros-test";
    std::filesystem::create_directories(dir);
    write_npy((dir / "w.npy").string(), "i1", {2, 2, 1, 1}, {3, 0, 0, -4});
    std::ofstream(dir / "net.json") << R"({"schema": "skipsim.workload/1", "name": "n", "layers": [
        {"name": "a", "in_channels": 2, "out_channels": 2, "input": 4, "weights": {"file": "w.npy"}},
        {"name": "b", "in_channels": 2, "out_channels": 2, "input": 4, "weights": {"file": "w.npy"},
         "sparsity": {"pattern": "none"}},
        {"name": "c", "in_channels": 2, "out_channels": 2, "input": 4}]})";
    const Network n = read_workload_json((dir / "net.json").string());
    EXPECT_EQ(n.layers[0].sparsity.pattern, "zeros");
    EXPECT_EQ(materialize_mask(n.layers[0], layer_weights(n.layers[0])), (std::vector<std::uint8_t>{1, 0, 0, 1}));
    EXPECT_EQ(n.layers[1].sparsity.pattern, "none");
    EXPECT_EQ(n.layers[2].sparsity.pattern, "none");  // generated weights stay dense
    // The native form says which: read back, the network is the same.
    const Network again = parse_workload_json(network_to_json(n), (dir / "net.json").string());
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(again.layers[i].sparsity.pattern, n.layers[i].sparsity.pattern) << i;
}

TEST(WeightsZeros, WeightsWithoutZerosNeedNoMask) {
    Layer l = conv(2, 2, 1);
    l.sparsity.pattern = "zeros";
    EXPECT_TRUE(materialize_mask(l, {1, 2, 3, 4}).empty());
}

}  // namespace
}  // namespace skipsim
