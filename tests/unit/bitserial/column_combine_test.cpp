// The column-combining packer: the repository's worked example fact by fact, the merge rule
// (alpha, gamma, fewest empty rows, lowest index on ties, sections) and, on random matrices,
// agreement with a direct transcription of MODELS.md section 3's procedure.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "bitserial/column_combine.h"

namespace skipsim {
namespace {

PackedMatrix pack(const std::vector<std::vector<double>>& m, std::uint32_t alpha, double gamma, std::uint32_t section = 256) {
    const auto rows = static_cast<std::uint32_t>(m.size()), cols = static_cast<std::uint32_t>(m[0].size());
    std::vector<std::uint8_t> nz;
    std::vector<double> w;
    for (const auto& row : m)
        for (double v : row) {
            nz.push_back(v != 0);
            w.push_back(v);
        }
    CombineOptions o;
    o.alpha = alpha;
    o.gamma = gamma;
    o.section_cols = section;
    return combine_columns(rows, cols, nz, w, o);
}

using Groups = std::vector<std::vector<std::uint32_t>>;

// The overview figure of BradMcDanel/column-combine, alpha = 2, gamma = 0.25.
const std::vector<std::vector<double>> kExample = {
    {-.3, 0, -.2, 0}, {0, -.7, 0, -.8}, {0, .1, -1.2, 0}, {.9, 0, .4, .7}};

TEST(ColumnCombine, WorkedExampleGroups) {
    EXPECT_EQ(pack(kExample, 2, 0.25).groups, (Groups{{0, 1}, {2, 3}}));
}

TEST(ColumnCombine, WorkedExampleKeepsPointSevenAndPrunesPointFour) {
    const PackedMatrix p = pack(kExample, 2, 0.25);
    EXPECT_EQ(p.kept_column(3, 1), 3);  // 0.7 (column 3) kept in row 3 of group {2, 3}
    EXPECT_NE(p.kept_column(3, 1), 2);  // 0.4 (column 2) pruned
    EXPECT_EQ(p.nonzeros - p.kept, 1u);  // and nothing else is pruned
}

TEST(ColumnCombine, WorkedExampleControlBitsOfEveryCell) {
    const PackedMatrix p = pack(kExample, 2, 0.25);
    EXPECT_EQ(p.control_bits(), 1u);
    // Row by row: group {0,1} selects column 0,1,1,0; group {2,3} selects 2,3,2,3.
    EXPECT_EQ(p.select, (std::vector<std::int32_t>{0, 0, 1, 1, 1, 0, 0, 1}));
}

TEST(ColumnCombine, WorkedExampleUtilizationNineSixteenthsToEightEighths) {
    const PackedMatrix unpacked = pack(kExample, 1, 0.25);
    EXPECT_EQ(unpacked.nonzeros, 9u);
    EXPECT_EQ(unpacked.cells(), 16u);
    EXPECT_DOUBLE_EQ(unpacked.utilization(), 9.0 / 16.0);
    const PackedMatrix p = pack(kExample, 2, 0.25);
    EXPECT_EQ(p.kept, 8u);
    EXPECT_EQ(p.cells(), 8u);
    EXPECT_DOUBLE_EQ(p.utilization(), 1.0);
}

TEST(ColumnCombine, AlphaOneCombinesNothingAndDropsEmptyColumns) {
    const PackedMatrix p = pack({{1, 0, 0, 2}, {0, 0, 3, 0}}, 1, 1.0);
    EXPECT_EQ(p.groups, (Groups{{0}, {2}, {3}}));
    EXPECT_EQ(p.kept, 3u);
    EXPECT_EQ(p.control_bits(), 0u);
}

TEST(ColumnCombine, ConflictLimitIsFloorOfGammaTimesRows) {
    // Columns 0 and 1 overlap in one row of four: allowed from gamma = 0.25 (floor 1), not below.
    const std::vector<std::vector<double>> m = {{1, 2}, {0, 3}, {4, 0}, {0, 0}};
    EXPECT_EQ(pack(m, 2, 0.24).groups, (Groups{{0}, {1}}));
    EXPECT_EQ(pack(m, 2, 0.25).groups, (Groups{{0, 1}}));
    EXPECT_EQ(pack(m, 2, 0.25).kept, 3u);  // row 0 keeps |2| over |1|
    EXPECT_EQ(pack(m, 2, 0.25).kept_column(0, 0), 1);
}

TEST(ColumnCombine, FewestEmptyRowsFirstThenLowestIndex) {
    // 0+1 and 0+2 leave no row empty, 1+2 conflicts: the tie goes to (0, 1).
    EXPECT_EQ(pack({{1, 0, 0}, {0, 1, 1}}, 2, 0).groups, (Groups{{0, 1}, {2}}));
    // 1+2 leaves no row empty, 0+1 one and 0+2 two: the fuller pair wins despite the higher index.
    EXPECT_EQ(pack({{1, 0, 1}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}}, 2, 0.25).groups, (Groups{{0}, {1, 2}}));
}

TEST(ColumnCombine, SectionsNeverMerge) {
    const std::vector<std::vector<double>> m = {{1, 0, 1, 0}, {0, 1, 0, 1}};
    EXPECT_EQ(pack(m, 4, 0, 2).groups, (Groups{{0, 1}, {2, 3}}));
    EXPECT_EQ(pack(m, 4, 0, 4).groups.size(), 2u);  // 4 columns, two disjoint pairs, then a conflict
}

// MODELS.md section 3 transcribed directly: recompute every pair after every merge.
Groups naive_pack(std::uint32_t rows, std::uint32_t cols, const std::vector<std::uint8_t>& nz, std::uint32_t alpha,
                  double gamma) {
    std::vector<std::vector<std::uint32_t>> g;
    std::vector<std::vector<int>> d;
    for (std::uint32_t c = 0; c < cols; ++c) {
        std::vector<int> col(rows);
        int n = 0;
        for (std::uint32_t r = 0; r < rows; ++r) n += col[r] = nz[r * cols + c];
        if (n) {
            g.push_back({c});
            d.push_back(col);
        }
    }
    const long limit = static_cast<long>(std::floor(gamma * rows + 1e-9));
    for (;;) {
        long best_empty = -1;
        std::size_t bi = 0, bj = 0;
        for (std::size_t i = 0; i < g.size(); ++i)
            for (std::size_t j = i + 1; j < g.size(); ++j) {
                if (g[i].size() + g[j].size() > alpha) continue;
                long conflicts = 0, empty = 0;
                for (std::uint32_t r = 0; r < rows; ++r) {
                    conflicts += std::max(0, d[i][r] + d[j][r] - 1);
                    empty += d[i][r] + d[j][r] == 0;
                }
                if (conflicts > limit) continue;
                if (best_empty < 0 || empty < best_empty) {
                    best_empty = empty;
                    bi = i;
                    bj = j;
                }
            }
        if (best_empty < 0) break;
        g[bi].insert(g[bi].end(), g[bj].begin(), g[bj].end());
        for (std::uint32_t r = 0; r < rows; ++r) d[bi][r] += d[bj][r];
        g.erase(g.begin() + static_cast<long>(bj));
        d.erase(d.begin() + static_cast<long>(bj));
    }
    for (auto& x : g) std::sort(x.begin(), x.end());
    return g;
}

TEST(ColumnCombine, MatchesTheDirectProcedureOnRandomMatrices) {
    std::mt19937 rng(1);
    for (int trial = 0; trial < 300; ++trial) {
        const std::uint32_t rows = 1 + rng() % 70, cols = 1 + rng() % 40, alpha = 1 + rng() % 8;
        const double gamma = (rng() % 11) / 10.0, density = (1 + rng() % 9) / 10.0;
        std::vector<std::uint8_t> nz(rows * cols);
        for (auto& v : nz) v = (rng() % 1000) < density * 1000;
        CombineOptions o;
        o.alpha = alpha;
        o.gamma = gamma;
        const PackedMatrix p = combine_columns(rows, cols, nz, {}, o);
        SCOPED_TRACE("trial " + std::to_string(trial));
        ASSERT_EQ(p.groups, naive_pack(rows, cols, nz, alpha, gamma));
        // Every kept cell holds a nonzero of its row and group; every (row, group) with one keeps one.
        for (std::uint32_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < p.groups.size(); ++c) {
                bool any = false;
                for (auto col : p.groups[c]) any |= nz[r * cols + col] != 0;
                const auto k = p.kept_column(r, c);
                EXPECT_EQ(k >= 0, any);
                if (k >= 0) {
                    EXPECT_TRUE(nz[r * cols + static_cast<std::uint32_t>(k)]);
                }
            }
    }
}

TEST(ColumnCombine, DeterministicAndIndependentOfMagnitudesForTheGrouping) {
    std::mt19937 rng(5);
    std::vector<std::uint8_t> nz(64 * 300);
    std::vector<double> w(nz.size());
    for (std::size_t i = 0; i < nz.size(); ++i) {
        nz[i] = rng() % 8 == 0;
        w[i] = static_cast<double>(static_cast<int>(rng() % 255) - 127);
    }
    CombineOptions o;
    o.alpha = 8;
    o.gamma = 0.5;
    const PackedMatrix a = combine_columns(64, 300, nz, w, o), b = combine_columns(64, 300, nz, w, o);
    const PackedMatrix c = combine_columns(64, 300, nz, {}, o);
    EXPECT_EQ(a.groups, b.groups);
    EXPECT_EQ(a.select, b.select);
    EXPECT_EQ(a.groups, c.groups);
    EXPECT_EQ(a.kept, c.kept);
    EXPECT_LT(a.packed_cols(), 300u / 4);  // 1/8 density packs at least 4x at alpha 8
}

}  // namespace
}  // namespace skipsim
