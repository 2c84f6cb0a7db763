#include "pairs_patterns.h"

#include <algorithm>

#include "base/error.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

constexpr int kSide = 3;
constexpr int kCells = kSide * kSide;

// Window cells (stride 1) that no kept position of any kernel copy lands on.
int skipped_cells(const std::vector<std::uint8_t>& keep, int window) {
    const int copies = window - kSide + 1;
    int skipped = 0;
    for (int y = 0; y < window; ++y)
        for (int x = 0; x < window; ++x) {
            bool used = false;
            for (int a = 0; a < copies && !used; ++a)
                for (int b = 0; b < copies && !used; ++b) {
                    const int r = y - a, s = x - b;
                    used = r >= 0 && r < kSide && s >= 0 && s < kSide && keep[r * kSide + s];
                }
            if (!used) ++skipped;
        }
    return skipped;
}

// Index of the candidate keeping the most of `energy` (per kernel position), first on ties.
std::size_t best_candidate(const std::vector<std::vector<std::uint8_t>>& cands, const std::vector<std::int64_t>& energy) {
    std::size_t best = 0;
    std::int64_t best_kept = -1;
    for (std::size_t i = 0; i < cands.size(); ++i) {
        std::int64_t kept = 0;
        for (int p = 0; p < kCells; ++p) kept += cands[i][p] ? energy[p] : 0;
        if (kept > best_kept) {
            best_kept = kept;
            best = i;
        }
    }
    return best;
}

void pairs_mask(const Layer& l, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& mask) {
    const auto& prm = l.sparsity.params;
    const auto cands = pairs_candidates(prm.value("mask", 1), prm.value("window", 4));
    const std::string gran = prm.value("granularity", std::string("layer"));
    const std::size_t K = l.out_channels, C = l.channels_per_group();
    // Channels [g * span, (g + 1) * span) share one pattern (all filters); "kernel" is per kernel.
    const std::size_t span = gran == "layer" ? C : gran == "array" ? static_cast<std::size_t>(prm.value("channels_per_array", 1)) : 1;
    const std::size_t blocks = (C + span - 1) / span;
    mask.assign(w.size(), 0);
    auto sq = [](std::int16_t v) { return static_cast<std::int64_t>(v) * v; };
    if (gran == "kernel") {
        std::vector<std::int64_t> e(kCells);
        for (std::size_t kc = 0; kc < K * C; ++kc) {
            for (int p = 0; p < kCells; ++p) e[p] = sq(w[kc * kCells + p]);
            const auto& pick = cands[best_candidate(cands, e)];
            std::copy(pick.begin(), pick.end(), mask.begin() + static_cast<std::ptrdiff_t>(kc * kCells));
        }
        return;
    }
    for (std::size_t b = 0; b < blocks; ++b) {
        std::vector<std::int64_t> e(kCells, 0);
        const std::size_t c1 = std::min(C, (b + 1) * span);
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t c = b * span; c < c1; ++c)
                for (int p = 0; p < kCells; ++p) e[p] += sq(w[(k * C + c) * kCells + p]);
        const auto& pick = cands[best_candidate(cands, e)];
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t c = b * span; c < c1; ++c)
                std::copy(pick.begin(), pick.end(), mask.begin() + static_cast<std::ptrdiff_t>((k * C + c) * kCells));
    }
}

void validate_pairs(StrictObject& s, const Layer& l) {
    s.get_int("mask", 1, 5);
    s.get_int("window", 4, kSide + 1, 64);
    const std::string gran = s.get_choice("granularity", "layer", {"layer", "array", "kernel"});
    if (gran == "array") s.get_int("channels_per_array", 1, 1 << 20);
    else if (s.has("channels_per_array"))
        throw InputError(s.file(), s.where("channels_per_array"), "expected 'channels_per_array' only with granularity 'array'");
    if (l.kernel_h != kSide || l.kernel_w != kSide)
        throw InputError(s.file(), s.pointer(),
                         "expected a 3x3 kernel for the 'pairs' pattern, layer '" + l.name + "' has " +
                             std::to_string(l.kernel_h) + "x" + std::to_string(l.kernel_w));
}

}  // namespace

std::vector<std::vector<std::uint8_t>> pairs_candidates(int pruned, int window) {
    std::vector<std::vector<std::uint8_t>> best;
    int best_skip = -1;
    // Every choice of `pruned` positions, in lexicographic order.
    std::vector<std::uint8_t> choose(kCells, 0);
    std::fill(choose.begin(), choose.begin() + pruned, 1);
    do {
        std::vector<std::uint8_t> keep(kCells);
        for (int p = 0; p < kCells; ++p) keep[p] = choose[p] ? 0 : 1;
        const int skip = skipped_cells(keep, window);
        if (skip > best_skip) {
            best_skip = skip;
            best.clear();
        }
        if (skip == best_skip) best.push_back(keep);
    } while (std::prev_permutation(choose.begin(), choose.end()));
    return best;
}

static const Registration<PruningPattern> pairs_registration{
    {"pairs",
     "PAIRS (seed 004): 3x3 kernels lose 'mask' (1..5) entries in the pattern, among those that skip the most "
     "SDK rows under a 'window' (default 4) window, keeping the largest sum of squared weights; one pattern "
     "per layer, per 'array' of 'channels_per_array' input channels, or per 'kernel' ('granularity')",
     validate_pairs, pairs_mask, true}};

}  // namespace skipsim
