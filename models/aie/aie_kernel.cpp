#include "aie_kernel.h"

namespace skipsim {

CoreTile load_tile(const AiePlan& plan, const std::vector<std::int32_t>& input, std::uint32_t out_row, Range out_cols,
                   Range ch) {
    const Layer& l = plan.layer();
    CoreTile t;
    t.image = out_row / l.out_h();
    t.ch = ch;
    t.rows = plan.in_rows(out_row);
    t.cols = plan.in_cols(out_cols);
    t.data.resize(static_cast<std::size_t>(ch.size()) * t.rows.size() * t.cols.size());
    std::size_t i = 0;
    for (std::uint32_t c = ch.lo; c < ch.hi; ++c)
        for (std::uint32_t y = t.rows.lo; y < t.rows.hi; ++y)
            for (std::uint32_t x = t.cols.lo; x < t.cols.hi; ++x)
                t.data[i++] = input[((static_cast<std::size_t>(t.image) * l.in_channels + c) * l.in_h + y) * l.in_w + x];
    return t;
}

PackedWeights pack_weights(const AiePlan& plan, const std::vector<std::int32_t>& weights, std::uint32_t kpart,
                           std::uint32_t kpiece, std::uint32_t cpiece, std::uint32_t grp) {
    const Layer& l = plan.layer();
    const std::uint32_t bk = plan.params().block, RS = l.kernel_h * l.kernel_w, Cg = l.channels_per_group();
    PackedWeights p;
    p.blocks = plan.blocks(kpart, kpiece, cpiece, grp);
    p.data.assign(p.blocks.size() * bk * bk * RS, 0);
    std::size_t i = 0;
    for (const auto& [kb, cb] : p.blocks)
        for (std::uint32_t k = kb * bk; k < (kb + 1) * bk; ++k)
            for (std::uint32_t c = cb * bk; c < (cb + 1) * bk; ++c, i += RS)
                if (k < l.out_channels && c < Cg)  // partial blocks are zero-padded
                    for (std::uint32_t p2 = 0; p2 < RS; ++p2)
                        p.data[i + p2] = weights[(static_cast<std::size_t>(k) * Cg + c) * RS + p2];
    return p;
}

void accumulate(const AiePlan& plan, const CoreTile& in, const PackedWeights& w, std::uint32_t out_row, Range out_cols,
                Range kch, std::uint32_t grp, std::vector<std::int64_t>& acc) {
    const Layer& l = plan.layer();
    const std::uint32_t bk = plan.params().block, R = l.kernel_h, S = l.kernel_w;
    const std::int64_t h = out_row % l.out_h();
    const std::size_t rows = in.rows.size(), cols = in.cols.size();
    std::size_t blk = 0;
    for (const auto& [kb, cb] : w.blocks) {
        const std::int32_t* wb = w.data.data() + blk++ * bk * bk * R * S;
        for (std::uint32_t k = kb * bk; k < (kb + 1) * bk; ++k) {
            if (k < kch.lo || k >= kch.hi) continue;
            for (std::uint32_t q = out_cols.lo; q < out_cols.hi; ++q) {
                std::int64_t sum = 0;
                for (std::uint32_t c = cb * bk; c < (cb + 1) * bk; ++c) {
                    const std::uint32_t ca = grp * l.channels_per_group() + c;  // the input channel it multiplies
                    if (ca < in.ch.lo || ca >= in.ch.hi) continue;
                    const std::int32_t* wk = wb + ((k - kb * bk) * bk + (c - cb * bk)) * R * S;
                    for (std::uint32_t r = 0; r < R; ++r) {
                        const std::int64_t y = h * l.stride_h - l.pad_top + static_cast<std::int64_t>(r) * l.dilation_h;
                        if (y < in.rows.lo || y >= in.rows.hi) continue;  // zero padding
                        for (std::uint32_t s = 0; s < S; ++s) {
                            const std::int64_t x = static_cast<std::int64_t>(q) * l.stride_w - l.pad_left +
                                                   static_cast<std::int64_t>(s) * l.dilation_w;
                            if (x < in.cols.lo || x >= in.cols.hi) continue;
                            sum += static_cast<std::int64_t>(wk[r * S + s]) *
                                   in.data[((ca - in.ch.lo) * rows + (y - in.rows.lo)) * cols + (x - in.cols.lo)];
                        }
                    }
                }
                acc[(k - kch.lo) * plan.w_t() + (q - out_cols.lo)] += sum;
            }
        }
    }
}

}  // namespace skipsim
