#include "column_combine.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"

namespace skipsim {

std::uint32_t PackedMatrix::control_bits() const {
    std::size_t widest = 1;
    for (const auto& g : groups) widest = std::max(widest, g.size());
    std::uint32_t bits = 0;
    while ((std::size_t{1} << bits) < widest) ++bits;
    return bits;
}

namespace {

// Inlined: without a popcount instruction in the target ISA the builtin is a library call, and
// pair scoring is the packer's inner loop.
inline std::uint64_t popcount(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (x * 0x0101010101010101ull) >> 56;
}

// The groups of one section while they merge. A group's rows are a bitset, so a pair's figures
// come from one OR: rows empty in both = rows - |A u B|, and
// conflicts = sum_r max(0, d_A[r] + d_B[r] - 1) = nnz(A) + nnz(B) - |A u B|.
class SectionPacker {
public:
    SectionPacker(std::uint32_t rows, const CombineOptions& o)
        : m_rows(rows), m_words((rows + 63) / 64), m_alpha(o.alpha),
          m_limit(static_cast<std::uint64_t>(o.gamma * rows)) {}  // the source's int(gamma * rows)

    void add_column(std::uint32_t col, const std::vector<std::uint8_t>& nonzero, std::uint32_t cols) {
        Group g;
        g.members.push_back(col);
        g.bits.assign(m_words, 0);
        for (std::uint32_t r = 0; r < m_rows; ++r)
            if (nonzero[static_cast<std::size_t>(r) * cols + col]) {
                g.bits[r / 64] |= std::uint64_t{1} << (r % 64);
                ++g.nnz;
            }
        if (g.nnz) m_groups.push_back(std::move(g));
    }

    std::vector<std::vector<std::uint32_t>> merge(MergeOrder order) {
        const std::size_t n = m_groups.size();
        m_best.assign(n, kNone);
        m_best_empty.assign(n, 0);
        if (m_alpha > 1) {
            if (order == MergeOrder::first_group) merge_first_group();
            else merge_best_pair();
        }
        std::vector<std::vector<std::uint32_t>> out;
        for (Group& g : m_groups)
            if (g.alive) {
                std::sort(g.members.begin(), g.members.end());
                out.push_back(std::move(g.members));
            }
        return out;
    }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    struct Group {
        std::vector<std::uint32_t> members;
        std::vector<std::uint64_t> bits;
        std::uint64_t nnz = 0;
        bool alive = true;
    };

    // The source's order (packing.py pack_matrix): the lowest-indexed group that has any allowed
    // partner merges with its partner of fewest rows empty in both (ties: lowest index), then
    // the pairs are recomputed. A merge only grows a group, and growing never turns a disallowed
    // pair allowed (size and conflicts only rise), so a group left without partners keeps none:
    // one pass over the groups in order, each absorbing partners until it has none left.
    void merge_first_group() {
        for (std::size_t i = 0; i < m_groups.size(); ++i) {
            if (!m_groups[i].alive) continue;
            for (find_best(i); m_best[i] != kNone; find_best(i)) absorb(i, m_best[i]);
        }
    }

    // The globally best pair: the allowed pair with the fewest rows empty in both, ties to the
    // lowest (first, second) index. Each group caches its best later partner; a merge only
    // changes pairs that involve the merged group.
    void merge_best_pair() {
        const std::size_t n = m_groups.size();
        for (std::size_t i = 0; i < n; ++i) find_best(i);
        for (;;) {
            std::size_t i = kNone;
            for (std::size_t k = 0; k < n; ++k)
                if (m_groups[k].alive && m_best[k] != kNone && (i == kNone || m_best_empty[k] < m_best_empty[i])) i = k;
            if (i == kNone) break;
            const std::size_t j = m_best[i];
            absorb(i, j);
            find_best(i);
            for (std::size_t k = 0; k < j; ++k) {
                if (!m_groups[k].alive || k == i) continue;
                if (m_best[k] == i || m_best[k] == j) {
                    find_best(k);
                } else if (k < i) {
                    std::uint64_t empty = 0;
                    if (allowed(k, i, empty) &&
                        (m_best[k] == kNone || empty < m_best_empty[k] || (empty == m_best_empty[k] && i < m_best[k]))) {
                        m_best[k] = i;
                        m_best_empty[k] = empty;
                    }
                }
            }
        }
    }

    void absorb(std::size_t i, std::size_t j) {
        Group& a = m_groups[i];
        Group& b = m_groups[j];
        for (std::size_t w = 0; w < m_words; ++w) a.bits[w] |= b.bits[w];
        a.nnz += b.nnz;
        a.members.insert(a.members.end(), b.members.begin(), b.members.end());
        b.alive = false;
    }

    bool allowed(std::size_t i, std::size_t j, std::uint64_t& empty) const {
        const Group& a = m_groups[i];
        const Group& b = m_groups[j];
        if (a.members.size() + b.members.size() > m_alpha) return false;
        std::uint64_t either = 0;
        for (std::size_t w = 0; w < m_words; ++w) either += popcount(a.bits[w] | b.bits[w]);
        if (a.nnz + b.nnz - either > m_limit) return false;
        empty = m_rows - either;
        return true;
    }

    void find_best(std::size_t i) {
        m_best[i] = kNone;
        for (std::size_t j = i + 1; j < m_groups.size(); ++j) {
            if (!m_groups[j].alive) continue;
            std::uint64_t empty = 0;
            if (allowed(i, j, empty) && (m_best[i] == kNone || empty < m_best_empty[i])) {
                m_best[i] = j;
                m_best_empty[i] = empty;
            }
        }
    }

    std::uint32_t m_rows;
    std::size_t m_words;
    std::uint32_t m_alpha;
    std::uint64_t m_limit;
    std::vector<Group> m_groups;
    std::vector<std::size_t> m_best;
    std::vector<std::uint64_t> m_best_empty;
};

}  // namespace

PackedMatrix combine_columns(std::uint32_t rows, std::uint32_t cols, const std::vector<std::uint8_t>& nonzero,
                             const std::vector<double>& magnitude, const CombineOptions& o) {
    const std::size_t size = static_cast<std::size_t>(rows) * cols;
    if (nonzero.size() != size || (!magnitude.empty() && magnitude.size() != size))
        throw InternalError("combine_columns: matrix of " + std::to_string(rows) + " x " + std::to_string(cols) +
                            " given " + std::to_string(nonzero.size()) + " structure entries");
    if (o.alpha < 1 || o.gamma < 0 || o.section_cols < 1) throw InternalError("combine_columns: bad options");
    PackedMatrix p;
    p.rows = rows;
    p.cols = cols;
    for (std::uint32_t s = 0; s < cols; s += o.section_cols) {
        SectionPacker section(rows, o);
        for (std::uint32_t c = s; c < std::min<std::uint64_t>(cols, static_cast<std::uint64_t>(s) + o.section_cols); ++c)
            section.add_column(c, nonzero, cols);
        for (auto& g : section.merge(o.order)) p.groups.push_back(std::move(g));
    }
    // Column-combine pruning: one weight per (row, group), the largest magnitude, lowest column on ties.
    const std::size_t ng = p.groups.size();
    p.select.assign(static_cast<std::size_t>(rows) * ng, -1);
    for (std::uint32_t r = 0; r < rows; ++r)
        for (std::size_t g = 0; g < ng; ++g) {
            std::int32_t best = -1;
            double best_mag = 0;
            for (std::size_t k = 0; k < p.groups[g].size(); ++k) {
                const std::size_t idx = static_cast<std::size_t>(r) * cols + p.groups[g][k];
                if (!nonzero[idx]) continue;
                ++p.nonzeros;
                const double mag = magnitude.empty() ? 0 : std::fabs(magnitude[idx]);
                if (best < 0 || mag > best_mag) {
                    best = static_cast<std::int32_t>(k);
                    best_mag = mag;
                }
            }
            p.select[static_cast<std::size_t>(r) * ng + g] = best;
            if (best >= 0) ++p.kept;
        }
    return p;
}

}  // namespace skipsim
