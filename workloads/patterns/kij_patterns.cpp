#include "kij_patterns.h"

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "workloads/npy.h"
#include "workloads/pruning.h"

namespace skipsim {

std::uint64_t round_half_even(double x) {
    const double lo = std::floor(x), frac = x - lo;  // exact for the magnitudes of stick counts
    const bool up = frac > 0.5 || (frac == 0.5 && std::fmod(lo, 2.0) != 0);
    return static_cast<std::uint64_t>(up ? lo + 1 : lo);
}

std::uint64_t sticks_to_prune(const OrderedJson& params, std::uint64_t count) {
    // The source computes round(ratio * count) in Python: one double product, then round half to
    // even on it (ratio 0.5 of 9 positions prunes 4, not 5).
    if (params.contains("schedule")) {
        std::uint64_t n = 0;
        for (const auto& inc : params["schedule"]) n += round_half_even(inc.get<double>() * static_cast<double>(count));
        return n;
    }
    return round_half_even(params.value("ratio", 0.0) * static_cast<double>(count));
}

namespace {

// Reads `ratio` or `schedule` and checks the schedule does not prune every stick of a group of
// `count` sticks.
void validate_amount(StrictObject& s, std::uint64_t count, const char* unit) {
    const bool has_ratio = s.has("ratio"), has_schedule = s.has("schedule");
    if (has_ratio == has_schedule)
        throw InputError(s.file(), s.pointer(), "expected exactly one of 'ratio' or 'schedule'");
    OrderedJson params;
    if (has_ratio) {
        const double r = s.get_number("ratio", 0, 0, 1);
        if (r >= 1) throw InputError(s.file(), s.where("ratio"), "expected a ratio in [0, 1), got " + format_number(r));
        params["ratio"] = r;
    } else {
        const OrderedJson& sched = s.require("schedule");
        if (!sched.is_array() || sched.empty())
            throw InputError(s.file(), s.where("schedule"), "expected a non-empty array of increments");
        for (std::size_t i = 0; i < sched.size(); ++i)
            json_to_number(sched[i], s.file(), pointer_join(s.where("schedule"), i), 0, 1);
        params["schedule"] = sched;
    }
    const std::uint64_t pruned = sticks_to_prune(params, count);
    if (pruned >= count)
        throw InputError(s.file(), s.where(has_ratio ? "ratio" : "schedule"),
                         "prunes " + std::to_string(pruned) + " of " + std::to_string(count) + " " + unit +
                             " (expected at least one kept)");
}

// Norms of integer weights are exact in 64-bit integers (L2 is compared squared: same order).
std::int64_t stick_norm(std::int16_t w, bool l2) {
    return l2 ? static_cast<std::int64_t>(w) * w : (w < 0 ? -static_cast<std::int64_t>(w) : w);
}

std::vector<double> to_scores(const std::vector<std::int64_t>& v) { return std::vector<double>(v.begin(), v.end()); }

void ws_kij_mask(const Layer& l, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& mask) {
    const std::size_t K = l.out_channels, C = l.channels_per_group(), RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w;
    if (!l.sparsity.mask_file.empty()) {
        mask = read_mask_npy(l.sparsity.mask_file);
        return;
    }
    const bool l2 = l.sparsity.params.value("norm", "l1") == "l2";
    const std::uint64_t prune = sticks_to_prune(l.sparsity.params, RS);
    mask.resize(w.size());
    std::vector<std::int64_t> score(RS);
    for (std::size_t k = 0; k < K; ++k) {
        std::fill(score.begin(), score.end(), 0);
        const std::int16_t* wk = &w[k * C * RS];
        for (std::size_t c = 0; c < C; ++c) {
            const std::int16_t* wc = wk + c * RS;
            if (l2)
                for (std::size_t p = 0; p < RS; ++p) score[p] += static_cast<std::int64_t>(wc[p]) * wc[p];
            else
                for (std::size_t p = 0; p < RS; ++p) score[p] += wc[p] < 0 ? -static_cast<std::int64_t>(wc[p]) : wc[p];
        }
        auto order = ascending_order(to_scores(score));
        std::vector<std::uint8_t> keep(RS, 1);
        for (std::size_t i = 0; i < prune; ++i) keep[order[i]] = 0;
        for (std::size_t c = 0; c < C; ++c) std::copy(keep.begin(), keep.end(), mask.begin() + static_cast<long>((k * C + c) * RS));
    }
}

void os_kij_mask(const Layer& l, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& mask) {
    const std::size_t K = l.out_channels, C = l.channels_per_group(), RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w;
    const std::size_t Kg = l.filters_per_group();
    const bool l2 = l.sparsity.params.value("norm", "l1") == "l2";
    mask.assign(w.size(), 1);
    // A stick is (group, input channel, kij); scored over the output channels of its group.
    const std::size_t sticks = static_cast<std::size_t>(l.groups) * C * RS;
    std::vector<std::int64_t> score(sticks, 0);
    for (std::size_t k = 0; k < K; ++k) {
        std::int64_t* sg = &score[(k / Kg) * C * RS];
        const std::int16_t* wk = &w[k * C * RS];
        for (std::size_t i = 0; i < C * RS; ++i) sg[i] += stick_norm(wk[i], l2);
    }
    const std::uint64_t prune = sticks_to_prune(l.sparsity.params, sticks);
    auto order = ascending_order(to_scores(score));
    for (std::size_t i = 0; i < prune; ++i) {
        const std::size_t s = order[i], g = s / (C * RS), cp = s % (C * RS);
        for (std::size_t k = g * Kg; k < (g + 1) * Kg; ++k) mask[k * C * RS + cp] = 0;
    }
}

void validate_ws_mask_file(StrictObject& s, const Layer& l) {
    const std::string file = l.sparsity.mask_file;
    NpyArray a = read_npy(file);
    const std::vector<std::uint64_t> shape = {l.out_channels, l.channels_per_group(), l.kernel_h, l.kernel_w};
    if ((a.dtype != "b1" && a.dtype != "u1") || a.shape != shape) {
        NpyArray e;
        e.shape = shape;
        throw InputError(file, "", "expected a bool or uint8 mask of shape " + e.shape_text() + ", got " + a.dtype +
                                       " " + a.shape_text());
    }
    // Under ws_kij every output channel keeps the same number of kernel positions: a position
    // is kept when any input channel keeps it.
    const std::size_t C = l.channels_per_group(), RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w;
    std::size_t first = 0;
    for (std::size_t k = 0; k < l.out_channels; ++k) {
        std::size_t kept = 0;
        for (std::size_t p = 0; p < RS; ++p) {
            bool any = false;
            for (std::size_t c = 0; c < C; ++c) any = any || a.values[(k * C + c) * RS + p] != 0;
            kept += any;
        }
        if (k == 0) first = kept;
        else if (kept != first)
            throw InputError(file, "", "expected every output channel to keep the same number of kernel positions "
                                       "under ws_kij; output channel 0 keeps " + std::to_string(first) +
                                       ", output channel " + std::to_string(k) + " keeps " + std::to_string(kept));
    }
    (void)s;
}

}  // namespace

static const Registration<PruningPattern> ws_kij_registration{
    {"ws_kij",
     "per output channel, prune the kernel positions (sticks over input channels) of smallest norm; "
     "'ratio' or 'schedule', optional 'norm' (l1 | l2), or an explicit mask 'file'",
     [](StrictObject& s, const Layer& l) {
         if (!l.sparsity.mask_file.empty()) return validate_ws_mask_file(s, l);
         validate_amount(s, static_cast<std::uint64_t>(l.kernel_h) * l.kernel_w, "kernel positions per output channel");
         s.get_choice("norm", "l1", {"l1", "l2"});
     },
     ws_kij_mask, true, PruningPattern::MaskFile::optional}};

static const Registration<PruningPattern> os_kij_registration{
    {"os_kij",
     "prune the (input channel, kernel position) sticks of smallest norm over output channels, across "
     "the layer; 'ratio' or 'schedule', optional 'norm' (l1 | l2)",
     [](StrictObject& s, const Layer& l) {
         validate_amount(s, static_cast<std::uint64_t>(l.groups) * l.channels_per_group() * l.kernel_h * l.kernel_w,
                         "(input channel, kernel position) sticks");
         s.get_choice("norm", "l1", {"l1", "l2"});
     },
     os_kij_mask, true}};

}  // namespace skipsim
