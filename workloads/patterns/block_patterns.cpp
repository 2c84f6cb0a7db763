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

void block_mask(const Layer& l, WeightPieces& w, std::vector<std::uint8_t>& mask) {
    const BlockShape b = block_of(l);
    const std::string norm = l.sparsity.params.value("norm", std::string("l2"));
    const double ratio = l.sparsity.params.value("ratio", 0.5);
    const std::vector<double> score = block_scores(l, w, b, norm);
    const std::size_t prune = static_cast<std::size_t>(std::llround(ratio * static_cast<double>(score.size())));
    const std::vector<std::uint8_t> dead = lowest(score, prune);
    const std::size_t RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w, D = l.in_channels * RS, run = b.in * RS;
    const std::size_t kbs = l.out_channels / b.out;
    // The filters of a row of blocks keep the same weights, a run of b.in x R x S per block: the
    // row is built once and appended for each, to a mask whose memory a run keeps from layer to
    // layer (resizing it would first zero-fill what it grows by).
    mask.clear();
    std::vector<std::uint8_t> row(D);
    for (std::size_t kb = 0; kb < kbs; ++kb) {
        if (run % 8 == 0) {  // runs of whole words (8 channels of 1x1 kernels is one), not a call each
            for (std::size_t cb = 0; cb < D / run; ++cb) {
                const std::uint64_t word = 0x0101010101010101ull * !dead[cb * kbs + kb];
                for (std::size_t i = 0; i < run; i += 8) std::memcpy(row.data() + cb * run + i, &word, 8);
            }
        } else {
            for (std::size_t cb = 0; cb < D / run; ++cb) std::memset(row.data() + cb * run, !dead[cb * kbs + kb], run);
        }
        for (std::size_t k = 0; k < b.out; ++k) mask.insert(mask.end(), row.begin(), row.end());
    }
}

// Adds the sums a norm needs over one filter's run of a block: of |w| (l1), of w^2 (l2,
// variance) and of w (variance), exact in 64-bit integers.
void add_run_sums(const std::int16_t* v, std::size_t run, bool l1, bool variance, std::int64_t& sum,
                  std::int64_t& sum_sq) {
    std::int64_t s = 0, q = 0;
    if (l1)
        for (std::size_t i = 0; i < run; ++i) s += std::abs(v[i]);
    else
        for (std::size_t i = 0; i < run; ++i) q += v[i] * v[i];
    if (variance)
        for (std::size_t i = 0; i < run; ++i) s += v[i];
    sum += s;
    sum_sq += q;
}

// out[i] = f(w) (or += when `add`) for each weight w read as its offset byte w + 128.
template <class F>
void set_or_add(std::int32_t* out, const std::uint8_t* offset_bytes, std::size_t n, bool add, F f) {
    if (add)
        for (std::size_t i = 0; i < n; ++i) out[i] += f(static_cast<std::int32_t>(offset_bytes[i]) - 128);
    else
        for (std::size_t i = 0; i < n; ++i) out[i] = f(static_cast<std::int32_t>(offset_bytes[i]) - 128);
}

}  // namespace

std::vector<double> block_scores(const Layer& l, const std::vector<std::int16_t>& w, BlockShape b,
                                 const std::string& norm) {
    WeightPieces pieces(w);
    return block_scores(l, pieces, b, norm);
}

std::vector<double> block_scores(const Layer& l, WeightPieces& w, BlockShape b, const std::string& norm) {
    const std::size_t C = l.in_channels, K = l.out_channels, RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w;
    const std::size_t cbs = C / b.in, kbs = K / b.out, run = b.in * RS, D = C * RS;
    // Per block the sums its norm needs, exact in 64-bit integers. A filter's weights in one
    // block are one run of b.in x R x S; the filters of a row of blocks are read at once.
    const bool l1 = norm == "l1", variance = norm == "variance";
    // Generated 8-bit weights come as bytes w + 128: a position's sums over a row of blocks'
    // filters fit 32 bits (|w| <= 128, at most 1024 filters).
    const bool bytes = w.offset_bytes();
    std::vector<std::int32_t> pos_sum(bytes ? D : 0), pos_sum_sq(bytes ? D : 0);
    const double n = static_cast<double>(b.in) * b.out * RS;
    std::vector<double> score(cbs * kbs);
    std::vector<std::int64_t> sum(cbs), sum_sq(cbs);
    for (std::size_t kb = 0; kb < kbs; ++kb) {
        std::fill(sum.begin(), sum.end(), 0);
        std::fill(sum_sq.begin(), sum_sq.end(), 0);
        const std::size_t k0 = kb * b.out, k1 = k0 + b.out;
        const std::uint8_t* byte = bytes ? w.offset_bytes(k0 * D, k1 * D) : nullptr;
        const std::int16_t* value = bytes ? nullptr : w.values(k0 * D, k1 * D);
        if (bytes) {
            // Per reduction position its sums over the row's filters first (a pass along the
            // filters, which vectorizes), then the positions of each block's run. The first filter
            // sets the sums it adds to, and only the sums the norm uses are kept: clearing them
            // per row of blocks wrote as many bytes as the layer has weights.
            std::int32_t* ps = pos_sum.data();
            std::int32_t* pq = pos_sum_sq.data();
            for (std::size_t k = 0; k < b.out; ++k) {
                const std::uint8_t* v = byte + k * D;
                if (l1) set_or_add(ps, v, D, k > 0, [](std::int32_t d) { return std::abs(d); });
                else set_or_add(pq, v, D, k > 0, [](std::int32_t d) { return d * d; });
                if (variance) set_or_add(ps, v, D, k > 0, [](std::int32_t d) { return d; });
            }
            for (std::size_t cb = 0; cb < cbs; ++cb) {
                std::int64_t s = 0, q = 0;
                if (l1 || variance)
                    for (std::size_t i = cb * run; i < (cb + 1) * run; ++i) s += ps[i];
                if (!l1)
                    for (std::size_t i = cb * run; i < (cb + 1) * run; ++i) q += pq[i];
                sum[cb] += s;
                sum_sq[cb] += q;
            }
        } else {
            for (std::size_t k = 0; k < b.out; ++k)
                for (std::size_t cb = 0; cb < cbs; ++cb)
                    add_run_sums(value + k * D + cb * run, run, l1, variance, sum[cb], sum_sq[cb]);
        }
        for (std::size_t cb = 0; cb < cbs; ++cb) {
            const auto s = static_cast<double>(sum[cb]), q = static_cast<double>(sum_sq[cb]);
            double& out = score[cb * kbs + kb];
            if (l1) out = s;
            else if (variance) out = q / n - (s / n) * (s / n);
            else out = std::sqrt(q);
        }
    }
    return score;
}

static const Registration<PruningPattern> block_registration{
    {"block",
     "block sparsity (seed 003): whole 'block' [C_in, C_out] (default [8, 8]) blocks of bc x R x S x bk "
     "weights ranked by 'norm' (l2, l1, variance); the round('ratio' x blocks) lowest are zeroed",
     validate_block, mask_of_all_weights<block_mask>, true, PruningPattern::MaskFile::none, block_mask}};

}  // namespace skipsim
