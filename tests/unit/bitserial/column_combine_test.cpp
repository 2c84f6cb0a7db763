// The column-combining packer: the repository's worked example fact by fact, the merge rule
// (alpha, gamma, fewest empty rows, lowest index on ties, sections) and, on random matrices,
// agreement with the source's packing.py (pack_matrix, re-typed here) in the default order and
// with a direct transcription of MODELS.md section 3's procedure in the best_pair order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "bitserial/column_combine.h"

namespace skipsim {
namespace {

PackedMatrix pack(const std::vector<std::vector<double>>& m, std::uint32_t alpha, double gamma, std::uint32_t section = 256,
                  MergeOrder order = MergeOrder::first_group) {
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
    o.order = order;
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

TEST(ColumnCombine, ConflictLimitIsGammaTimesRowsTruncated) {
    // Columns 0 and 1 overlap in one row of four: allowed from gamma = 0.25 (limit 1), not below.
    const std::vector<std::vector<double>> m = {{1, 2}, {0, 3}, {4, 0}, {0, 0}};
    EXPECT_EQ(pack(m, 2, 0.24).groups, (Groups{{0}, {1}}));
    EXPECT_EQ(pack(m, 2, 0.25).groups, (Groups{{0, 1}}));
    EXPECT_EQ(pack(m, 2, 0.25).kept, 3u);  // row 0 keeps |2| over |1|
    EXPECT_EQ(pack(m, 2, 0.25).kept_column(0, 0), 1);
    // The source's int(gamma * rows) of the double product: 0.58 x 50 is 28.999999999999996 in
    // doubles (Python too), so 28 conflicts are allowed and 29 are not.
    ASSERT_LT(0.58 * 50, 29.0);
    std::vector<std::vector<double>> wide(50, std::vector<double>{1, 1});
    for (std::size_t r = 29; r < 50; ++r) wide[r] = {0, 0};
    EXPECT_EQ(pack(wide, 2, 0.58).groups, (Groups{{0}, {1}}));  // 29 conflicting rows
    wide[28] = {1, 0};
    EXPECT_EQ(pack(wide, 2, 0.58).groups, (Groups{{0, 1}}));  // 28
}

TEST(ColumnCombine, FewestEmptyRowsFirstThenLowestIndex) {
    // 0+1 and 0+2 leave no row empty, 1+2 conflicts: the tie goes to (0, 1).
    EXPECT_EQ(pack({{1, 0, 0}, {0, 1, 1}}, 2, 0).groups, (Groups{{0, 1}, {2}}));
    EXPECT_EQ(pack({{1, 0, 0}, {0, 1, 1}}, 2, 0, 256, MergeOrder::best_pair).groups, (Groups{{0, 1}, {2}}));
}

TEST(ColumnCombine, FirstGroupWithAPartnerMergesFirstUnlessBestPairIsAsked) {
    // 1+2 leaves no row empty, 0+1 one and 0+2 two. The source's order: group 0 has allowed
    // partners, so it merges first, with its fuller one (1). best_pair: the fullest pair of all.
    const std::vector<std::vector<double>> m = {{1, 0, 1}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}};
    EXPECT_EQ(pack(m, 2, 0.25).groups, (Groups{{0, 1}, {2}}));
    EXPECT_EQ(pack(m, 2, 0.25, 256, MergeOrder::best_pair).groups, (Groups{{0}, {1, 2}}));
}

TEST(ColumnCombine, SectionsNeverMerge) {
    const std::vector<std::vector<double>> m = {{1, 0, 1, 0}, {0, 1, 0, 1}};
    EXPECT_EQ(pack(m, 4, 0, 2).groups, (Groups{{0, 1}, {2, 3}}));
    EXPECT_EQ(pack(m, 4, 0, 4).groups.size(), 2u);  // 4 columns, two disjoint pairs, then a conflict
}

// MODELS.md section 3 transcribed directly (the best_pair order): recompute every pair after every
// merge and merge the pair of fewest empty rows.
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
    const long limit = static_cast<long>(gamma * rows);
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

TEST(ColumnCombine, BestPairMatchesTheDirectProcedureOnRandomMatrices) {
    std::mt19937 rng(1);
    for (int trial = 0; trial < 300; ++trial) {
        const std::uint32_t rows = 1 + rng() % 70, cols = 1 + rng() % 40, alpha = 1 + rng() % 8;
        const double gamma = (rng() % 11) / 10.0, density = (1 + rng() % 9) / 10.0;
        std::vector<std::uint8_t> nz(rows * cols);
        for (auto& v : nz) v = (rng() % 1000) < density * 1000;
        CombineOptions o;
        o.alpha = alpha;
        o.gamma = gamma;
        o.order = MergeOrder::best_pair;
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

// packing.py's pack_matrix (BradMcDanel/column-combine) re-typed step by step, floats and tensors
// made integers and loops; pack_model gives it max_paths = alpha and max_overlap = int(gamma * B),
// B the filter matrix's rows.
Groups source_pack_matrix(std::uint32_t rows, std::uint32_t cols, const std::vector<std::uint8_t>& nz,
                          std::uint32_t alpha, double gamma) {
    const long max_overlap = static_cast<long>(gamma * rows);
    const long big = 10000000000L;  // the source's 1e10
    // col_idxs: one list per column with nonzeros; row_idxs: the rows with nonzeros.
    Groups col_idxs;
    for (std::uint32_t c = 0; c < cols; ++c) {
        bool any = false;
        for (std::uint32_t r = 0; r < rows; ++r) any |= nz[r * cols + c] != 0;
        if (any) col_idxs.push_back({c});
    }
    std::vector<std::uint32_t> row_idxs;
    for (std::uint32_t r = 0; r < rows; ++r) {
        bool any = false;
        for (std::uint32_t c = 0; c < cols; ++c) any |= nz[r * cols + c] != 0;
        if (any) row_idxs.push_back(r);
    }
    for (;;) {
        const std::size_t n = col_idxs.size();
        if (n < 2) break;  // (the source's min over an empty or 1 x 1 matrix: nothing to merge)
        // d_mat = densify(mat, col_idxs, row_idxs), transposed: d[g][i] = nonzeros of group g in row i.
        std::vector<std::vector<long>> d(n, std::vector<long>(row_idxs.size(), 0));
        for (std::size_t g = 0; g < n; ++g)
            for (std::size_t i = 0; i < row_idxs.size(); ++i)
                for (std::uint32_t c : col_idxs[g]) d[g][i] += nz[row_idxs[i] * cols + c];
        // compute_dists: overlap_dist, 1e10 on the diagonal and where len(col_idxs) add up beyond max_paths.
        std::vector<std::vector<long>> dists(n, std::vector<long>(n, 0)), metric = dists;
        long min_dist = big;
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = 0; b < n; ++b) {
                long overlap = 0, full = 0;
                for (std::size_t i = 0; i < row_idxs.size(); ++i) {
                    overlap += std::max(0L, d[a][i] + d[b][i] - 1);
                    full += d[a][i] + d[b][i] == 0;  // density_dist
                }
                if (a == b || col_idxs[a].size() + col_idxs[b].size() > alpha) overlap = big;
                dists[a][b] = overlap;
                // compute_metric: above max_overlap 1e10, else 0; plus density_dist.
                metric[a][b] = (overlap > max_overlap ? big : 0) + full;
                min_dist = std::min(min_dist, overlap);
            }
        if (min_dist > max_overlap) break;
        // vals, idxs = col_metric.min(0); c1 = the first index with vals < 1e9; c2 = idxs[c1].
        std::size_t c1 = n;
        for (std::size_t j = 0; j < n && c1 == n; ++j)
            for (std::size_t i = 0; i < n; ++i)
                if (metric[i][j] < 1000000000L) c1 = j;
        std::size_t c2 = 0;
        for (std::size_t i = 1; i < n; ++i)
            if (metric[i][c1] < metric[c2][c1]) c2 = i;  // the first minimum
        col_idxs[c1].insert(col_idxs[c1].end(), col_idxs[c2].begin(), col_idxs[c2].end());
        col_idxs.erase(col_idxs.begin() + static_cast<long>(c2));
    }
    return col_idxs;
}

Groups sorted_groups(Groups g) {
    for (auto& x : g) std::sort(x.begin(), x.end());
    return g;
}

// The default order is the source's: on random matrices (densities, shapes, alpha and gamma of
// every kind, duplicated columns for ties) combine_columns makes exactly pack_matrix's groups, in
// its order. The best_pair order ends with fewer groups on some of them.
TEST(ColumnCombine, DefaultOrderMakesTheSourcesGroupsOnRandomMatrices) {
    std::mt19937 rng(17);
    int fewer_with_best_pair = 0, more_with_best_pair = 0;
    for (int trial = 0; trial < 500; ++trial) {
        const std::uint32_t rows = 1 + rng() % 64, cols = 1 + rng() % 40, alpha = 1 + rng() % 8;
        const double gamma = trial % 5 == 0 ? (rng() % 1000) / 1000.0 : (rng() % 11) / 10.0;
        const double density = (1 + rng() % 9) / 10.0;
        std::vector<std::uint8_t> nz(rows * cols);
        for (auto& v : nz) v = (rng() % 1000) < density * 1000;
        if (trial % 3 == 0)  // copies of earlier columns: equal pairs, so ties decide
            for (std::uint32_t c = 1; c < cols; ++c)
                if (rng() % 3 == 0) {
                    const std::uint32_t from = rng() % c;
                    for (std::uint32_t r = 0; r < rows; ++r) nz[r * cols + c] = nz[r * cols + from];
                }
        SCOPED_TRACE("trial " + std::to_string(trial) + ": " + std::to_string(rows) + " x " + std::to_string(cols) +
                     ", alpha " + std::to_string(alpha) + ", gamma " + std::to_string(gamma));
        CombineOptions o;
        o.alpha = alpha;
        o.gamma = gamma;
        o.section_cols = 256;
        const PackedMatrix p = combine_columns(rows, cols, nz, {}, o);
        ASSERT_EQ(p.groups, sorted_groups(source_pack_matrix(rows, cols, nz, alpha, gamma)));
        o.order = MergeOrder::best_pair;
        const std::size_t best = combine_columns(rows, cols, nz, {}, o).groups.size();
        fewer_with_best_pair += best < p.groups.size();
        more_with_best_pair += best > p.groups.size();
    }
    EXPECT_GT(fewer_with_best_pair, 0);
    std::printf("best_pair: fewer groups on %d of 500 matrices, more on %d\n", fewer_with_best_pair, more_with_best_pair);
}

// Sections are packed one by one, each as the source packs a matrix of its columns.
TEST(ColumnCombine, EachSectionPacksAsTheSourcePacksItsColumns) {
    std::mt19937 rng(23);
    for (int trial = 0; trial < 100; ++trial) {
        const std::uint32_t rows = 1 + rng() % 48, cols = 1 + rng() % 60, section = 1 + rng() % 24;
        const std::uint32_t alpha = 1 + rng() % 8;
        const double gamma = (rng() % 11) / 10.0;
        std::vector<std::uint8_t> nz(rows * cols);
        for (auto& v : nz) v = rng() % 4 == 0;
        CombineOptions o;
        o.alpha = alpha;
        o.gamma = gamma;
        o.section_cols = section;
        Groups expected;
        for (std::uint32_t s = 0; s < cols; s += section) {
            const std::uint32_t w = std::min(section, cols - s);
            std::vector<std::uint8_t> part(rows * w);
            for (std::uint32_t r = 0; r < rows; ++r)
                for (std::uint32_t c = 0; c < w; ++c) part[r * w + c] = nz[r * cols + s + c];
            for (auto g : sorted_groups(source_pack_matrix(rows, w, part, alpha, gamma))) {
                for (auto& c : g) c += s;
                expected.push_back(g);
            }
        }
        SCOPED_TRACE("trial " + std::to_string(trial));
        ASSERT_EQ(combine_columns(rows, cols, nz, {}, o).groups, expected);
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
