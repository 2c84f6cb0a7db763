#include "block_patterns.h"

#include <cmath>
#include <cstring>

#include "base/error.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

BlockShape block_of(const Layer& l) {
    BlockShape b;
    const OrderedJson& p = l.sparsity.params;
    if (p.contains("block")) {
        b.in = p["block"][0].get<std::uint32_t>();
        b.out = p["block"][1].get<std::uint32_t>();
    }
    return b;
}

void validate_block(StrictObject& s, const Layer& l) {
    const double r = s.get_number("ratio", 0.5, 0, 1);
    if (r >= 1) throw InputError(s.file(), s.where("ratio"), "expected a ratio in [0, 1), got " + format_number(r));
    s.get_choice("norm", "l2", {"l2", "l1", "variance"});
    BlockShape b;
    if (const OrderedJson* v = s.optional("block")) {
        if (!v->is_array() || v->size() != 2)
            throw InputError(s.file(), s.where("block"), "expected [C_in block, C_out block], e.g. [8, 8]");
        b.in = static_cast<std::uint32_t>(json_to_int((*v)[0], s.file(), s.where("block") + "/0", 1, 1024));
        b.out = static_cast<std::uint32_t>(json_to_int((*v)[1], s.file(), s.where("block") + "/1", 1, 1024));
    }
    if (l.groups != 1)
        throw InputError(s.file(), s.pointer(), "expected groups = 1 for the 'block' pattern, layer '" + l.name +
                                                    "' has " + std::to_string(l.groups));
    if (l.in_channels % b.in || l.out_channels % b.out)
        throw InputError(s.file(), s.where("block"),
                         "expected block sizes that divide the channels (no padding of partial blocks): layer '" +
                             l.name + "' has C_in = " + std::to_string(l.in_channels) + ", C_out = " +
                             std::to_string(l.out_channels) + ", block " + std::to_string(b.in) + "x" +
                             std::to_string(b.out));
}

void block_mask(const Layer& l, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& mask) {
    const BlockShape b = block_of(l);
    const std::string norm = l.sparsity.params.value("norm", std::string("l2"));
    const double ratio = l.sparsity.params.value("ratio", 0.5);
    const std::vector<double> score = block_scores(l, w, b, norm);
    const std::size_t prune = static_cast<std::size_t>(std::llround(ratio * static_cast<double>(score.size())));
    const std::vector<std::uint8_t> dead = lowest(score, prune);
    const std::size_t RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w, D = l.in_channels * RS, run = b.in * RS;
    const std::size_t kbs = l.out_channels / b.out;
    mask.resize(w.size());
    for (std::size_t k = 0; k < l.out_channels; ++k) {
        std::uint8_t* row = mask.data() + k * D;
        // The filters of a row of blocks keep the same weights: a run of b.in x R x S per block.
        if (k % b.out) std::memcpy(row, row - D, D);
        else
            for (std::size_t cb = 0; cb < D / run; ++cb) std::memset(row + cb * run, !dead[cb * kbs + k / b.out], run);
    }
}

}  // namespace

std::vector<double> block_scores(const Layer& l, const std::vector<std::int16_t>& w, BlockShape b,
                                 const std::string& norm) {
    const std::size_t C = l.in_channels, K = l.out_channels, RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w;
    const std::size_t cbs = C / b.in, kbs = K / b.out, run = b.in * RS;
    // Per block the sums its norm needs, exact in 64-bit integers: of |w| (l1), of w^2 (l2,
    // variance) and of w (variance). A filter's weights in one block are one run of b.in x R x S.
    const bool l1 = norm == "l1", variance = norm == "variance";
    std::vector<std::int64_t> sum(cbs * kbs, 0), sum_sq(cbs * kbs, 0);
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t cb = 0; cb < cbs; ++cb) {
            const std::int16_t* v = &w[(k * C + cb * b.in) * RS];
            std::int64_t s = 0, q = 0;
            if (l1)
                for (std::size_t i = 0; i < run; ++i) s += std::abs(v[i]);
            else
                for (std::size_t i = 0; i < run; ++i) q += v[i] * v[i];
            if (variance)
                for (std::size_t i = 0; i < run; ++i) s += v[i];
            sum[cb * kbs + k / b.out] += s;
            sum_sq[cb * kbs + k / b.out] += q;
        }
    const double n = static_cast<double>(b.in) * b.out * RS;
    std::vector<double> score(cbs * kbs);
    for (std::size_t i = 0; i < score.size(); ++i) {
        const auto s = static_cast<double>(sum[i]), q = static_cast<double>(sum_sq[i]);
        if (l1) score[i] = s;
        else if (variance) score[i] = q / n - (s / n) * (s / n);
        else score[i] = std::sqrt(q);
    }
    return score;
}

static const Registration<PruningPattern> block_registration{
    {"block",
     "block sparsity (seed 003): whole 'block' [C_in, C_out] (default [8, 8]) blocks of bc x R x S x bk "
     "weights ranked by 'norm' (l2, l1, variance); the round('ratio' x blocks) lowest are zeroed",
     validate_block, block_mask, true}};

}  // namespace skipsim
