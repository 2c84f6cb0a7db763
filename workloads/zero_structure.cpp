#include "zero_structure.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "pruning.h"

namespace skipsim {

namespace {

constexpr std::uint32_t kBlock = 8;      // seed 003's block: 8 x 8 channels
constexpr std::uint64_t kSection = 256;  // seed 001 packs sections of 256 columns

constexpr std::uint64_t kBytes = 0x0101010101010101ull;

std::uint64_t word_at(const std::uint8_t* p) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    return x;
}

// Masks hold 0 or 1, so eight of them are a word whose multiply by kBytes sums them in its top byte.
std::uint64_t count_ones(const std::uint8_t* p, std::uint64_t n) {
    std::uint64_t s = 0, i = 0;
    for (; i + 8 <= n; i += 8) s += (word_at(p + i) * kBytes) >> 56;
    for (; i < n; ++i) s += p[i];
    return s;
}

// The most kept weights in any run of 4 (`of_4`) and of 8 (`of_8`) consecutive weights of `row`,
// runs starting at its first weight.
void max_kept_in_runs(const std::uint8_t* row, std::uint64_t n, std::uint32_t& of_4, std::uint32_t& of_8) {
    std::uint64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const std::uint64_t x = word_at(row + i);
        const auto lo = static_cast<std::uint32_t>(((x & 0xffffffffull) * kBytes) >> 56);
        const auto all = static_cast<std::uint32_t>((x * kBytes) >> 56);
        of_4 = std::max({of_4, lo, all - lo});
        of_8 = std::max(of_8, all);
    }
    if (i == n) return;
    const auto head = static_cast<std::uint32_t>(count_ones(row + i, std::min<std::uint64_t>(4, n - i)));
    const auto tail = static_cast<std::uint32_t>(count_ones(row + i, n - i));
    of_4 = std::max({of_4, head, tail - head});
    of_8 = std::max(of_8, tail);
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

// The columns of a rows x cols mask as sets of rows, 64 rows a word: word w of column c is at
// [w * cols + c]. Eight rows are gathered into a byte per column first, so that both passes run
// along the mask's rows and vectorize.
std::vector<std::uint64_t> column_bits(const std::uint8_t* mask, std::uint64_t rows, std::uint64_t cols) {
    std::vector<std::uint64_t> bits((rows + 63) / 64 * cols, 0);
    std::vector<std::uint8_t> eight(cols);
    for (std::uint64_t r0 = 0; r0 < rows; r0 += 8) {
        std::fill(eight.begin(), eight.end(), 0);
        for (std::uint64_t r = r0; r < std::min(rows, r0 + 8); ++r) {
            const std::uint8_t* row = mask + r * cols;
            const auto bit = static_cast<std::uint8_t>(1u << (r - r0));
            for (std::uint64_t c = 0; c < cols; ++c) eight[c] |= static_cast<std::uint8_t>(0u - row[c]) & bit;
        }
        std::uint64_t* word = &bits[r0 / 64 * cols];
        const std::uint64_t shift = r0 % 64;
        for (std::uint64_t c = 0; c < cols; ++c) word[c] |= static_cast<std::uint64_t>(eight[c]) << shift;
    }
    return bits;
}

// Seed 001's packing estimated first-fit: in each section of 256 columns, a nonzero column joins
// the first group with fewer than alpha columns whose rows it overlaps in at most floor(gamma x
// rows) places, else starts a group. (The bit-serial array's own greedy pairwise packing, in its
// report mapping, packs at least as tightly on most layers.)
std::uint64_t first_fit_groups(const std::uint8_t* mask, std::uint64_t rows, std::uint64_t cols,
                               const std::vector<std::uint8_t>& live, std::uint32_t alpha, double gamma) {
    const std::uint64_t words = (rows + 63) / 64;
    const std::vector<std::uint64_t> bits = column_bits(mask, rows, cols);
    const auto limit = static_cast<std::uint64_t>(std::floor(gamma * static_cast<double>(rows)));
    std::uint64_t groups = 0;
    std::vector<std::uint64_t> col(words), occupied, filled;  // per group: its rows, and how many
    std::vector<std::uint32_t> size;
    for (std::uint64_t s0 = 0; s0 < cols; s0 += kSection) {
        occupied.clear();
        filled.clear();
        size.clear();
        for (std::uint64_t c = s0; c < std::min(cols, s0 + kSection); ++c) {
            if (!live[c]) continue;
            std::uint64_t ones = 0;
            for (std::uint64_t w = 0; w < words; ++w) ones += bits_set(col[w] = bits[w * cols + c]);
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
            const std::uint64_t kept = count_ones(row, D);
            z.kept += kept;
            for (std::uint64_t i = 0; i < D; ++i) stick_kept[i] |= row[i];
            // A kernel position is kept when any input channel keeps it.
            if (rs == 1) {
                positions[0] = kept != 0;
            } else {
                std::fill(positions.begin(), positions.end(), 0);
                for (std::uint64_t c = 0; c < Cg; ++c)
                    for (std::uint64_t p = 0; p < rs; ++p) positions[p] |= row[c * rs + p];
            }
            for (std::uint64_t b = 0; b < cbs; ++b) {
                const std::uint64_t begin = b * kBlock * rs, end = std::min<std::uint64_t>(Cg, (b + 1) * kBlock) * rs;
                block_kept[(k / kBlock) * cbs + b] |= any_kept(row + begin, end - begin);
            }
            const auto kept_positions = static_cast<std::uint32_t>(count_ones(positions.data(), rs));
            z.positions.min_kept = std::min(z.positions.min_kept, kept_positions);
            z.positions.max_kept = std::max(z.positions.max_kept, kept_positions);
            if (first_positions.empty()) first_positions = positions;
            else if (positions != first_positions) z.positions.same = false;
            max_kept_in_runs(row, D, z.max_kept_of_4, z.max_kept_of_8);
        }
        const std::uint64_t live = count_ones(stick_kept.data(), D);
        z.sticks.kept += live;
        z.combining.columns += live;
        for (std::uint64_t c = 0; c < Cg; ++c) z.pim.skippable += skippable_cells(&stick_kept[c * rs], R, S, z.pim.h, z.pim.w);
        z.combining.groups += first_fit_groups(&mask[static_cast<std::uint64_t>(g) * Kg * D], Kg, D, stick_kept,
                                               z.combining.alpha, z.combining.gamma);
    }
    z.blocks.kept = count_ones(block_kept.data(), block_kept.size());
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
