#include "zero_structure.h"

#include <algorithm>
#include <cmath>

namespace skipsim {

namespace {

constexpr std::uint32_t kBlock = 8;      // seed 003's block: 8 x 8 channels
constexpr std::uint64_t kSection = 256;  // seed 001 packs sections of 256 columns

// The most kept weights in any `m` consecutive weights of `row`.
std::uint32_t max_kept_in_runs(const std::uint8_t* row, std::uint64_t n, std::uint32_t m) {
    std::uint32_t most = 0;
    for (std::uint64_t i = 0; i < n; i += m) {
        std::uint32_t kept = 0;
        for (std::uint64_t j = i; j < std::min(n, i + m); ++j) kept += row[j];
        most = std::max(most, kept);
    }
    return most;
}

// Crossbar rows of one input channel that an SDK window of win_h x win_w cells can drop: a cell
// is dropped when every kernel copy maps a zero stick (kept by no filter) onto it.
std::uint64_t skippable_cells(const std::uint8_t* stick_kept, std::uint32_t R, std::uint32_t S, std::uint32_t win_h,
                              std::uint32_t win_w) {
    std::uint64_t skippable = 0;
    for (std::uint32_t y = 0; y < win_h; ++y)
        for (std::uint32_t x = 0; x < win_w; ++x) {
            bool used = false;
            for (std::uint32_t i = 0; i + R <= win_h && !used; ++i)
                for (std::uint32_t j = 0; j + S <= win_w && !used; ++j)
                    if (y >= i && y - i < R && x >= j && x - j < S) used = stick_kept[(y - i) * S + (x - j)];
            skippable += !used;
        }
    return skippable;
}

// Set bits of a word, without relying on a popcount instruction the build may not target.
std::uint64_t bits_set(std::uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (x * 0x0101010101010101ull) >> 56;
}

// Seed 001's packing estimated first-fit: in each section of 256 columns, a nonzero column joins
// the first group with fewer than alpha columns whose rows it overlaps in at most floor(gamma x
// rows) places, else starts a group. (The bit-serial array's own greedy pairwise packing, in its
// report mapping, packs at least as tightly on most layers.)
std::uint64_t first_fit_groups(const std::uint8_t* mask, std::uint64_t rows, std::uint64_t cols,
                               const std::vector<std::uint8_t>& live, std::uint32_t alpha, double gamma) {
    const std::uint64_t words = (rows + 63) / 64;
    std::vector<std::uint64_t> bits(cols * words, 0);
    for (std::uint64_t r = 0; r < rows; ++r)
        for (std::uint64_t c = 0; c < cols; ++c)
            if (mask[r * cols + c]) bits[c * words + r / 64] |= std::uint64_t{1} << (r % 64);
    const auto limit = static_cast<std::uint64_t>(std::floor(gamma * static_cast<double>(rows)));
    std::uint64_t groups = 0;
    std::vector<std::uint64_t> occupied, filled;  // per group: its rows, and how many
    std::vector<std::uint32_t> size;
    for (std::uint64_t s0 = 0; s0 < cols; s0 += kSection) {
        occupied.clear();
        filled.clear();
        size.clear();
        for (std::uint64_t c = s0; c < std::min(cols, s0 + kSection); ++c) {
            if (!live[c]) continue;
            const std::uint64_t* col = &bits[c * words];
            std::uint64_t ones = 0;
            for (std::uint64_t w = 0; w < words; ++w) ones += bits_set(col[w]);
            std::size_t g = 0;
            for (; g < size.size(); ++g) {
                // Two row sets overlap in at least |a| + |b| - rows places: most groups fail without a look.
                if (size[g] >= alpha || ones + filled[g] > rows + limit) continue;
                std::uint64_t conflicts = 0;
                for (std::uint64_t w = 0; w < words; ++w) conflicts += bits_set(occupied[g * words + w] & col[w]);
                if (conflicts <= limit) break;
            }
            if (g == size.size()) {
                size.push_back(0);
                filled.push_back(0);
                occupied.resize(occupied.size() + words, 0);
            }
            ++size[g];
            filled[g] = 0;
            for (std::uint64_t w = 0; w < words; ++w) filled[g] += bits_set(occupied[g * words + w] |= col[w]);
        }
        groups += size.size();
    }
    return groups;
}

void analyze_dense(const Layer& l, ZeroStructure& z) {
    const std::uint64_t rs = static_cast<std::uint64_t>(l.kernel_h) * l.kernel_w, d = l.channels_per_group() * rs;
    z.kept = z.weights;
    z.positions.min_kept = z.positions.max_kept = z.positions.per_channel;
    z.sticks.kept = z.sticks.total;
    z.blocks.kept = z.blocks.total;
    z.max_kept_of_4 = static_cast<std::uint32_t>(std::min<std::uint64_t>(4, d));
    z.max_kept_of_8 = static_cast<std::uint32_t>(std::min<std::uint64_t>(8, d));
    // Two dense columns overlap in every row: none combine (unless a group has one filter, when
    // even one overlap is too many).
    z.combining.columns = z.combining.groups = d * l.groups;
}

}  // namespace

ZeroStructure analyze_zeros(const Layer& l, const std::vector<std::uint8_t>& mask) {
    ZeroStructure z;
    const std::uint32_t R = l.kernel_h, S = l.kernel_w, Cg = l.channels_per_group(), Kg = l.filters_per_group();
    const std::uint64_t rs = static_cast<std::uint64_t>(R) * S, D = Cg * rs;
    z.weights = l.weight_count();
    z.positions.per_channel = static_cast<std::uint32_t>(rs);
    z.sticks.total = static_cast<std::uint64_t>(l.in_channels) * rs;
    const std::uint64_t kbs = (l.out_channels + kBlock - 1) / kBlock, cbs = (Cg + kBlock - 1) / kBlock;
    z.blocks.total = kbs * cbs;
    z.pim.h = std::min<std::uint32_t>(R + 1, l.in_h + l.pad_top + l.pad_bottom);
    z.pim.w = std::min<std::uint32_t>(S + 1, l.in_w + l.pad_left + l.pad_right);
    z.pim.rows = static_cast<std::uint64_t>(l.in_channels) * z.pim.h * z.pim.w;
    if (mask.empty()) {
        analyze_dense(l, z);
        return z;
    }
    std::vector<std::uint8_t> first_positions, positions(rs), stick_kept(D), block_kept(kbs * cbs, 0);
    z.positions.min_kept = static_cast<std::uint32_t>(rs);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        std::fill(stick_kept.begin(), stick_kept.end(), 0);
        for (std::uint64_t k = static_cast<std::uint64_t>(g) * Kg; k < static_cast<std::uint64_t>(g + 1) * Kg; ++k) {
            const std::uint8_t* row = &mask[k * D];
            std::fill(positions.begin(), positions.end(), 0);
            for (std::uint64_t c = 0; c < Cg; ++c) {
                std::uint8_t any = 0;
                for (std::uint64_t p = 0; p < rs; ++p) {
                    const std::uint8_t m = row[c * rs + p];
                    z.kept += m;
                    positions[p] |= m;
                    stick_kept[c * rs + p] |= m;
                    any |= m;
                }
                block_kept[(k / kBlock) * cbs + c / kBlock] |= any;
            }
            std::uint32_t kept_positions = 0;
            for (std::uint8_t p : positions) kept_positions += p;
            z.positions.min_kept = std::min(z.positions.min_kept, kept_positions);
            z.positions.max_kept = std::max(z.positions.max_kept, kept_positions);
            if (first_positions.empty()) first_positions = positions;
            else if (positions != first_positions) z.positions.same = false;
            z.max_kept_of_4 = std::max(z.max_kept_of_4, max_kept_in_runs(row, D, 4));
            z.max_kept_of_8 = std::max(z.max_kept_of_8, max_kept_in_runs(row, D, 8));
        }
        std::uint64_t live = 0;
        for (std::uint8_t s : stick_kept) live += s;
        z.sticks.kept += live;
        z.combining.columns += live;
        for (std::uint64_t c = 0; c < Cg; ++c) z.pim.skippable += skippable_cells(&stick_kept[c * rs], R, S, z.pim.h, z.pim.w);
        z.combining.groups += first_fit_groups(&mask[static_cast<std::uint64_t>(g) * Kg * D], Kg, D, stick_kept,
                                               z.combining.alpha, z.combining.gamma);
    }
    for (std::uint8_t b : block_kept) z.blocks.kept += b;
    return z;
}

OrderedJson to_json(const ZeroStructure& z) {
    OrderedJson j;
    j["weights"] = z.weights;
    j["kept"] = z.kept;
    j["density"] = z.density();
    j["kernel_positions"] = {{"per_output_channel", z.positions.per_channel},
                             {"kept_min", z.positions.min_kept},
                             {"kept_max", z.positions.max_kept},
                             {"same_in_every_output_channel", z.positions.same}};
    j["sticks"] = {{"total", z.sticks.total}, {"kept", z.sticks.kept}};
    j["blocks_8x8"] = {{"total", z.blocks.total}, {"kept", z.blocks.kept}};
    j["nm"] = {{"max_kept_of_4", z.max_kept_of_4}, {"max_kept_of_8", z.max_kept_of_8}};
    j["pim_rows"] = {{"window", {z.pim.h, z.pim.w}}, {"rows", z.pim.rows}, {"skippable", z.pim.skippable}};
    j["column_combining"] = {{"alpha", z.combining.alpha},
                             {"gamma", z.combining.gamma},
                             {"columns", z.combining.columns},
                             {"groups", z.combining.groups}};
    return j;
}

}  // namespace skipsim
