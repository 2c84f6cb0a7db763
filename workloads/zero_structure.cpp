#include "zero_structure.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "kept_count.h"
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
        std::size_t open = 0;  // groups before it hold alpha columns: full for good
        // The group the last live column joined. A column equal to that one (block pruning makes
        // whole runs of them) starts its search there: every group before it turned the same rows
        // away and none of them has changed since.
        std::size_t last = 0;
        bool has_last = false;
        std::uint64_t ones = 0;
        for (std::uint64_t c = s0; c < std::min(cols, s0 + kSection); ++c) {
            if (!live[c]) continue;
            bool same = has_last;
            for (std::uint64_t w = 0; w < words; ++w) {
                const std::uint64_t x = bits[w * cols + c];
                same = same && x == col[w];
                col[w] = x;
            }
            if (!same) {
                ones = 0;
                for (std::uint64_t w = 0; w < words; ++w) ones += bits_set(col[w]);
            }
            while (open < size.size() && size[open] >= alpha) ++open;
            std::size_t g = same ? std::max(open, last) : open;
            for (; g < size.size(); ++g) {
                // Two row sets overlap in at least |a| + |b| - rows places: most groups fail without a look.
                if (size[g] >= alpha || ones + filled[g] > rows + limit) continue;
                // The group the equal column joined holds all its rows: they all conflict.
                std::uint64_t conflicts = same && g == last ? ones : 0;
                if (!(same && g == last))
                    for (std::uint64_t w = 0; w < words; ++w)
                        conflicts += bits_set(occupied[g * words + w] & col[w]);
                if (conflicts <= limit) break;
            }
            if (g == size.size()) {
                size.push_back(0);
                filled.push_back(0);
                occupied.resize(occupied.size() + words, 0);
            }
            ++size[g];
            const bool rows_held = same && g == last;  // then the group's rows do not change
            last = g;
            has_last = true;
            if (rows_held) continue;
            filled[g] = 0;
            for (std::uint64_t w = 0; w < words; ++w)
                filled[g] += bits_set(occupied[g * words + w] |= col[w]);
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

// One filter's mask row read once, a word (eight weights) at a time, for everything a row adds to
// the structure. Masks hold 0 or 1, so a word's bytes sum without carries.
struct RowScan {
    std::uint64_t rs = 1, cg = 1, full_blocks = 0, words = 0, tail = 0;
    std::uint32_t ceiling_4 = 0, ceiling_8 = 0;
    std::vector<std::uint64_t> position_words;  // eight channels of rs positions, ORed over the row's full blocks
    std::vector<std::uint8_t> positions;

    // Adds the row to the group's stick words, its blocks' liveness to `block_kept` (the row's
    // row of blocks); returns the kept weights and sets `positions`.
    std::uint64_t scan(const std::uint8_t* row, std::uint64_t* stick, std::uint8_t* block_kept, std::uint32_t& of_4,
                       std::uint32_t& of_8) {
        const bool runs = of_4 < ceiling_4 || of_8 < ceiling_8;  // once at their ceiling no row raises them
        std::uint64_t kept = 0;
        if (rs > 1) std::fill(position_words.begin(), position_words.end(), 0);
        // Once at their ceiling, only the kept weights are left to count.
        KeptCount ceiling_kept;
        auto add = [&](std::uint64_t x) {
            if (runs) {
                std::uint64_t s = x + (x >> 8);
                s += s >> 16;  // byte 0: bytes 0..3; byte 4: bytes 4..7
                const auto lo = static_cast<std::uint32_t>(s & 0xff), hi = static_cast<std::uint32_t>((s >> 32) & 0xff);
                of_4 = std::max({of_4, lo, hi});
                of_8 = std::max(of_8, lo + hi);
                kept += lo + hi;
            } else {
                ceiling_kept.add(x);
            }
        };
        // A full block of eight channels is rs words, word j of each block holding the same
        // kernel positions of its eight channels.
        std::uint64_t w = 0;
        for (std::uint64_t b = 0; b < full_blocks; ++b) {
            std::uint64_t any = 0;
            for (std::uint64_t j = 0; j < rs; ++j, ++w) {
                const std::uint64_t x = word_at(row + 8 * w);
                any |= x;
                stick[w] |= x;
                if (rs > 1) position_words[j] |= x;
                add(x);
            }
            block_kept[b] |= any != 0;
        }
        // The channels of a partial last block (fewer than eight), then the bytes after the last word.
        std::uint64_t any = 0;
        for (; w < words; ++w) {
            const std::uint64_t x = word_at(row + 8 * w);
            any |= x;
            stick[w] |= x;
            add(x);
        }
        if (tail) {
            const std::uint8_t* t = row + 8 * words;
            std::uint64_t x = 0;
            std::memcpy(&x, t, tail);
            any |= x;
            stick[words] |= x;
            const auto head = static_cast<std::uint32_t>(count_ones(t, std::min<std::uint64_t>(4, tail)));
            const auto all = static_cast<std::uint32_t>((x * kBytes) >> 56);
            of_4 = std::max({of_4, head, all - head});
            of_8 = std::max(of_8, all);
            kept += all;
        }
        kept += ceiling_kept.total();
        if (full_blocks * kBlock < cg) block_kept[full_blocks] |= any != 0;
        // A kernel position is kept when any input channel keeps it.
        if (rs == 1) {
            positions[0] = kept != 0;
            return kept;
        }
        std::fill(positions.begin(), positions.end(), 0);
        const auto* folded = reinterpret_cast<const std::uint8_t*>(position_words.data());
        if (full_blocks)
            for (std::uint64_t e = 0; e < kBlock; ++e)
                for (std::uint64_t p = 0; p < rs; ++p) positions[p] |= folded[e * rs + p];
        for (std::uint64_t c = full_blocks * kBlock; c < cg; ++c)
            for (std::uint64_t p = 0; p < rs; ++p) positions[p] |= row[c * rs + p];
        return kept;
    }
};

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
    RowScan scan;
    scan.rs = rs;
    scan.cg = Cg;
    scan.full_blocks = Cg / kBlock;
    scan.words = D / 8;
    scan.tail = D % 8;
    scan.ceiling_4 = static_cast<std::uint32_t>(std::min<std::uint64_t>(4, D));
    scan.ceiling_8 = static_cast<std::uint32_t>(std::min<std::uint64_t>(8, D));
    scan.position_words.assign(rs, 0);
    scan.positions.assign(rs, 0);
    std::vector<std::uint8_t> first_positions, stick_kept(D), block_kept(kbs * cbs, 0);
    std::vector<std::uint64_t> stick_words(scan.words + 1);
    z.positions.min_kept = static_cast<std::uint32_t>(rs);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        std::fill(stick_words.begin(), stick_words.end(), 0);
        for (std::uint64_t k = static_cast<std::uint64_t>(g) * Kg; k < static_cast<std::uint64_t>(g + 1) * Kg; ++k) {
            z.kept += scan.scan(&mask[k * D], stick_words.data(), &block_kept[(k / kBlock) * cbs], z.max_kept_of_4,
                                z.max_kept_of_8);
            const auto kept_positions = static_cast<std::uint32_t>(count_ones(scan.positions.data(), rs));
            z.positions.min_kept = std::min(z.positions.min_kept, kept_positions);
            z.positions.max_kept = std::max(z.positions.max_kept, kept_positions);
            if (first_positions.empty()) first_positions = scan.positions;
            else if (scan.positions != first_positions) z.positions.same = false;
        }
        // A stick is kept when any filter of the group keeps it: the bytes of the ORed words.
        std::memcpy(stick_kept.data(), stick_words.data(), D);
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
