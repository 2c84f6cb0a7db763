#pragma once
// Column combining (MODELS.md section 3, after BradMcDanel/column-combine packing.py): the sparse
// columns of a filter matrix are merged greedily into groups of at most alpha columns, then in
// every (row, group) only the largest-magnitude weight is kept, so each packed cell holds one
// weight and control bits naming the column its multiplexer selects. Pure C++, deterministic.
#include <cstdint>
#include <vector>

namespace skipsim {

// Which allowed merge comes next. first_group is the source's (packing.py): the lowest-indexed
// group with any allowed partner merges with its best one. best_pair merges the allowed pair with
// the fewest rows empty in both across all groups (MODELS.md's reading); it can end with a
// different, sometimes smaller, set of groups.
enum class MergeOrder { first_group, best_pair };

struct CombineOptions {
    std::uint32_t alpha = 1;           // columns per group
    double gamma = 0;                  // conflicts per merge: at most int(gamma * rows), truncated as the source does
    std::uint32_t section_cols = 256;  // columns of different sections never merge
    MergeOrder order = MergeOrder::first_group;
};

struct PackedMatrix {
    std::uint32_t rows = 0, cols = 0;
    // Original columns of each packed column, ascending; packed columns ordered by their first.
    std::vector<std::vector<std::uint32_t>> groups;
    // Cell (r, g) at r * groups.size() + g: the position in groups[g] of the column whose weight
    // the cell keeps (its control bits), or -1 when the row has no nonzero in the group.
    std::vector<std::int32_t> select;
    std::uint64_t nonzeros = 0;  // nonzeros of the matrix before packing
    std::uint64_t kept = 0;      // weights kept after column-combine pruning (= cells holding one)

    std::uint64_t packed_cols() const { return groups.size(); }
    std::uint64_t cells() const { return static_cast<std::uint64_t>(rows) * groups.size(); }
    std::int32_t cell(std::uint32_t r, std::uint64_t g) const { return select[r * groups.size() + g]; }
    // The original column whose weight cell (r, g) keeps, or -1.
    std::int64_t kept_column(std::uint32_t r, std::uint64_t g) const {
        const std::int32_t s = cell(r, g);
        return s < 0 ? -1 : static_cast<std::int64_t>(groups[g][static_cast<std::size_t>(s)]);
    }
    // Kept weights per cell: 1 when nothing was packed.
    double utilization() const { return cells() ? static_cast<double>(kept) / static_cast<double>(cells()) : 0; }
    // Control bits a cell needs to address the widest group.
    std::uint32_t control_bits() const;
};

// Packs a rows x cols matrix whose nonzero structure is `nonzero` (row-major, 1 = nonzero).
// `magnitude` (row-major, same size, or empty) decides which weight of a (row, group) survives;
// ties and an empty `magnitude` keep the lowest column. Columns without nonzeros get no group.
PackedMatrix combine_columns(std::uint32_t rows, std::uint32_t cols, const std::vector<std::uint8_t>& nonzero,
                             const std::vector<double>& magnitude, const CombineOptions& options);

}  // namespace skipsim
