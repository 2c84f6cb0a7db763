#include "aie_compiler.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "workloads/pruning.h"

namespace skipsim {

namespace {

std::uint32_t cdiv(std::uint64_t a, std::uint64_t b) { return static_cast<std::uint32_t>((a + b - 1) / b); }
std::uint32_t round_up(std::uint32_t a, std::uint32_t m) { return cdiv(a, m) * m; }

// Candidate sizes from `full` down to `step`: full, then halvings rounded up to `step`.
std::vector<std::uint32_t> halvings(std::uint32_t full, std::uint32_t step) {
    std::vector<std::uint32_t> v{full};
    while (v.back() > step) {
        std::uint32_t next = std::max(step, round_up(cdiv(v.back(), 2), step));
        if (next >= v.back()) break;
        v.push_back(next);
    }
    return v;
}

}  // namespace

AiePlan::AiePlan(const Layer& layer, const AieParams& params, const std::vector<std::uint8_t>& mask)
    : m_layer(layer), m_p(params), m_mask(mask) {
    const Layer& l = m_layer;
    const std::uint32_t bk = m_p.block;
    if (l.out_h() == 0 || l.out_w() == 0) {
        m_error = "expected a layer with a non-empty output";
        return;
    }
    m_channel_mode = l.out_w() < m_p.cols;
    m_wparts = m_channel_mode ? 1 : m_p.cols;
    m_kparts = m_channel_mode ? m_p.rows * m_p.cols : m_p.rows;
    m_kg = l.filters_per_group();
    m_cg = l.channels_per_group();
    m_kc = round_up(cdiv(m_kg, m_kparts), bk);
    m_qw = cdiv(l.out_w(), m_wparts);
    m_cp = round_up(m_cg, bk);
    m_span_h = l.dilation_h * (l.kernel_h - 1) + 1;
    m_span_w = l.dilation_w * (l.kernel_w - 1) + 1;
    count_blocks();

    // The largest sub-volume with one weight buffer; a second (LOADWM fills one while COMP
    // computes on the other) where that sub-volume's weights fit twice.
    bool found = false;
    m_wbufs = 1;
    for (std::uint32_t ct : halvings(m_cp, bk)) {
        for (std::uint32_t kt : halvings(m_kc, bk)) {
            for (std::uint32_t wt : halvings(m_qw, 1))
                if (fits_core(kt, ct, wt)) {
                    found = true;
                    break;
                }
            if (found) break;
        }
        if (found) break;
    }
    if (found && m_p.core_weight_buffers > 1) {
        m_wbufs = m_p.core_weight_buffers;
        if (!fits_core(m_kt, m_ct, m_wt)) {
            m_wbufs = 1;
            fits_core(m_kt, m_ct, m_wt);
        }
    }
    if (!found) {
        m_error_param = "core_buffer_bytes";
        m_error = "expected core buffers of at least " + std::to_string(m_core_w + 2 * m_core_in + 2 * m_core_out) +
                  " bytes for one " + std::to_string(bk) + "-channel piece, have " + std::to_string(m_p.core_buffer_bytes);
        return;
    }
    choose_passes();
    if (!m_error.empty()) return;
    generate();
}

void AiePlan::count_blocks() {
    const Layer& l = m_layer;
    const std::uint32_t bk = m_p.block, kbs = cdiv(l.out_channels, bk), cbs = cdiv(m_cg, bk);
    m_block_live.assign(static_cast<std::size_t>(kbs) * cbs, m_mask.empty() ? 1 : 0);
    if (!m_mask.empty()) {
        // A filter's weights in one block are its block channels' R x S positions: one run of the
        // mask. The filters of a row of blocks are ORed a word at a time first (a pass that
        // vectorizes), then each block's run of the ORed row is looked at once.
        const std::size_t C = m_cg, RS = static_cast<std::size_t>(l.kernel_h) * l.kernel_w, D = C * RS;
        std::vector<std::uint8_t> row_any(D);
        for (std::size_t kb = 0; kb < kbs; ++kb) {
            const std::size_t k0 = kb * bk, k1 = std::min<std::size_t>(l.out_channels, k0 + bk);
            std::memcpy(row_any.data(), &m_mask[k0 * D], D);
            for (std::size_t k = k0 + 1; k < k1; ++k) {
                const std::uint8_t* row = &m_mask[k * D];
                for (std::size_t i = 0; i < D; ++i) row_any[i] |= row[i];
            }
            for (std::size_t cb = 0; cb < cbs; ++cb) {
                const std::size_t c0 = cb * bk, c1 = std::min<std::size_t>(C, c0 + bk);
                m_block_live[kb * cbs + cb] = any_kept(&row_any[c0 * RS], (c1 - c0) * RS);
            }
        }
    }
    const std::size_t w = cbs + 1;
    m_live_sums.assign((kbs + 1) * w, 0);
    for (std::size_t kb = 0; kb < kbs; ++kb)
        for (std::size_t cb = 0; cb < cbs; ++cb)
            m_live_sums[(kb + 1) * w + cb + 1] = m_block_live[kb * cbs + cb] + m_live_sums[kb * w + cb + 1] +
                                                 m_live_sums[(kb + 1) * w + cb] - m_live_sums[kb * w + cb];
}

std::uint64_t AiePlan::block_bytes() const {
    return static_cast<std::uint64_t>(m_p.block) * m_p.block * m_layer.kernel_h * m_layer.kernel_w;
}

bool AiePlan::fits_core(std::uint32_t kt, std::uint32_t ct, std::uint32_t wt) {
    m_kt = kt;
    m_ct = ct;
    m_wt = wt;
    m_npk = cdiv(m_kc, kt);
    m_npc = cdiv(m_cp, ct);
    m_npw = cdiv(m_qw, wt);
    const std::uint64_t in_cols = static_cast<std::uint64_t>(wt - 1) * m_layer.stride_w + m_span_w;
    m_core_in = static_cast<std::uint64_t>(ct) * m_span_h * std::min<std::uint64_t>(in_cols, m_layer.in_w);
    m_core_out = static_cast<std::uint64_t>(kt) * wt * 4;  // int32 accumulators
    const std::uint64_t dense_w = static_cast<std::uint64_t>(cdiv(kt, m_p.block)) * cdiv(ct, m_p.block) * block_bytes();
    const std::uint64_t rest = 2 * m_core_in + 2 * m_core_out, nw = m_wbufs;
    if (m_mask.empty()) {
        m_core_w = dense_w;
        return nw * dense_w + rest <= m_p.core_buffer_bytes;
    }
    // Compaction: the buffer holds only the nonzero blocks of the largest piece.
    std::uint32_t most = 0;
    for (std::uint32_t g = 0; g < m_layer.groups; ++g)
        for (std::uint32_t kp = 0; kp < m_kparts; ++kp)
            for (std::uint32_t k = 0; k < m_npk; ++k)
                for (std::uint32_t c = 0; c < m_npc; ++c) most = std::max(most, nonzero_blocks(kp, k, c, g));
    m_core_w = most * block_bytes();
    return nw * m_core_w + rest <= m_p.core_buffer_bytes;
}

Range AiePlan::channels(std::uint32_t kpart, std::uint32_t kpiece, std::uint32_t grp) const {
    const std::uint32_t base = kpart * m_kc, lo = base + kpiece * m_kt;
    const std::uint32_t hi = std::min({base + m_kc, lo + m_kt, m_kg});
    return {grp * m_kg + std::min(lo, hi), grp * m_kg + hi};
}

Range AiePlan::in_channels(std::uint32_t cpiece, std::uint32_t grp) const {
    const std::uint32_t lo = cpiece * m_ct, hi = std::min(lo + m_ct, m_cg);
    return {grp * m_cg + std::min(lo, hi), grp * m_cg + hi};
}

Range AiePlan::column_width(std::uint32_t wpart) const {
    const std::uint32_t lo = wpart * m_qw, hi = std::min(lo + m_qw, m_layer.out_w());
    return {std::min(lo, hi), hi};
}

Range AiePlan::width(std::uint32_t wpart, std::uint32_t wpiece) const {
    const Range col = column_width(wpart);
    const std::uint32_t lo = col.lo + wpiece * m_wt, hi = std::min(lo + m_wt, col.hi);
    return {std::min(lo, hi), hi};
}

Range AiePlan::in_rows(std::uint32_t out_row) const {
    const std::int64_t h = out_row % m_layer.out_h();
    const std::int64_t lo = h * m_layer.stride_h - m_layer.pad_top, hi = lo + m_span_h;
    return {static_cast<std::uint32_t>(std::max<std::int64_t>(lo, 0)),
            static_cast<std::uint32_t>(std::clamp<std::int64_t>(hi, 0, m_layer.in_h))};
}

Range AiePlan::in_cols(Range q) const {
    if (q.size() == 0) return {};
    const std::int64_t lo = static_cast<std::int64_t>(q.lo) * m_layer.stride_w - m_layer.pad_left;
    const std::int64_t hi = static_cast<std::int64_t>(q.hi - 1) * m_layer.stride_w - m_layer.pad_left + m_span_w;
    return {static_cast<std::uint32_t>(std::max<std::int64_t>(lo, 0)),
            static_cast<std::uint32_t>(std::clamp<std::int64_t>(hi, 0, m_layer.in_w))};
}

Range AiePlan::band(std::uint32_t b) const {
    const std::uint32_t lo = b * m_band_rows;
    return {lo, std::min(lo + m_band_rows, out_rows())};
}

std::uint32_t AiePlan::nonzero_blocks(std::uint32_t kpart, std::uint32_t kpiece, std::uint32_t cpiece,
                                      std::uint32_t grp) const {
    const Range k = channels(kpart, kpiece, grp), ca = in_channels(cpiece, grp);
    if (k.size() == 0 || ca.size() == 0) return 0;
    const Range c{ca.lo - grp * m_cg, ca.hi - grp * m_cg};  // blocks index channels within the group
    const std::uint32_t bk = m_p.block;
    const std::size_t w = cdiv(m_cg, bk) + 1, kb0 = k.lo / bk, kb1 = cdiv(k.hi, bk), cb0 = c.lo / bk, cb1 = cdiv(c.hi, bk);
    return m_live_sums[kb1 * w + cb1] - m_live_sums[kb0 * w + cb1] - m_live_sums[kb1 * w + cb0] + m_live_sums[kb0 * w + cb0];
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> AiePlan::blocks(std::uint32_t kpart, std::uint32_t kpiece,
                                                                     std::uint32_t cpiece, std::uint32_t grp) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> v;
    const Range k = channels(kpart, kpiece, grp), ca = in_channels(cpiece, grp);
    if (k.size() == 0 || ca.size() == 0) return v;
    const Range c{ca.lo - grp * m_cg, ca.hi - grp * m_cg};
    const std::uint32_t bk = m_p.block, cbs = cdiv(m_cg, bk);
    for (std::uint32_t kb = k.lo / bk; kb < cdiv(k.hi, bk); ++kb)
        for (std::uint32_t cb = c.lo / bk; cb < cdiv(c.hi, bk); ++cb)
            if (m_block_live[static_cast<std::size_t>(kb) * cbs + cb]) v.emplace_back(kb, cb);
    return v;
}

std::uint64_t AiePlan::loadfm_bytes(std::uint32_t col, std::uint32_t out_row, std::uint32_t wpiece,
                                    std::uint32_t cpiece, std::uint32_t grp) const {
    return static_cast<std::uint64_t>(in_channels(cpiece, grp).size()) * in_rows(out_row).size() *
           in_cols(width(wpart(col), wpiece)).size();
}

std::uint64_t AiePlan::loadwm_bytes(std::uint32_t row, std::uint32_t kpiece, std::uint32_t cpiece,
                                    std::uint32_t grp) const {
    if (!m_channel_mode) return nonzero_blocks(kpart(row, 0), kpiece, cpiece, grp) * block_bytes();
    std::uint64_t b = 0;  // unicast: every core of the row has its own channels
    for (std::uint32_t c = 0; c < m_p.cols; ++c) b += nonzero_blocks(kpart(row, c), kpiece, cpiece, grp) * block_bytes();
    return b;
}

std::uint64_t AiePlan::comp_macs(std::uint32_t r, std::uint32_t c, std::uint32_t wpiece, std::uint32_t kpiece,
                                 std::uint32_t cpiece, std::uint32_t grp) const {
    return static_cast<std::uint64_t>(width(wpart(c), wpiece).size()) * nonzero_blocks(kpart(r, c), kpiece, cpiece, grp) *
           m_p.block * m_p.block * m_layer.kernel_h * m_layer.kernel_w;
}

double AiePlan::efficiency() const {
    const std::uint32_t R = m_layer.kernel_h, S = m_layer.kernel_w;
    if (R == 1 && S == 1) return m_p.eff_1x1;
    if (R == 3 && S == 3) return m_p.eff_3x3;
    return m_p.eff_other;
}

std::uint64_t AiePlan::comp_cycles(std::uint64_t macs) const {
    if (macs == 0) return 0;
    const double rate = m_p.macs_per_cycle * efficiency();
    return static_cast<std::uint64_t>(static_cast<double>(macs) / rate + 0.999999);
}

std::uint64_t AiePlan::writefm_bytes(std::uint32_t r, std::uint32_t c, std::uint32_t wpiece, std::uint32_t kpiece,
                                     std::uint32_t grp) const {
    return static_cast<std::uint64_t>(width(wpart(c), wpiece).size()) * channels(kpart(r, c), kpiece, grp).size();
}

void AiePlan::set_residency(bool input, bool output) {
    m_in_resident = input;
    m_out_resident = output;
    for (AieInstr& i : m_program) {
        if (i.op == AieOp::load) i.bytes = load_bytes(0, i.band);
        if (i.op == AieOp::write) i.bytes = write_bytes(0, m_passes[i.pass]);
    }
}

std::uint64_t AiePlan::load_bytes(std::uint32_t col, std::uint32_t b) const {
    if (m_in_resident) return 0;
    const Range rows = band(b);
    const Range cols = in_cols(column_width(wpart(col)));
    // Input rows of the band, per image of the batch it touches.
    std::uint64_t in_rows_total = 0;
    const std::uint32_t P = m_layer.out_h();
    for (std::uint32_t x = rows.lo; x < rows.hi;) {
        const std::uint32_t image_end = std::min(rows.hi, (x / P + 1) * P);
        const Range first = in_rows(x), last = in_rows(image_end - 1);
        in_rows_total += last.hi > first.lo ? last.hi - first.lo : 0;
        x = image_end;
    }
    return static_cast<std::uint64_t>(m_cg) * in_rows_total * cols.size();
}

std::uint64_t AiePlan::loadw_bytes(std::uint32_t row, const AiePass& pass) const {
    std::uint64_t b = 0;
    for (std::uint32_t k = pass.k0; k < pass.k1; ++k) {
        const std::uint32_t s0 = pass.step_pass ? pass.s0 : 0, s1 = pass.step_pass ? pass.s1 : m_npc;
        for (std::uint32_t s = s0; s < s1; ++s) b += loadwm_bytes(row, k, s, pass.grp);
    }
    return b;
}

std::uint64_t AiePlan::write_bytes(std::uint32_t col, const AiePass& pass) const {
    if (!pass.completes_outputs || m_out_resident) return 0;
    std::uint64_t ch = 0;
    for (std::uint32_t r = 0; r < m_p.rows; ++r)
        for (std::uint32_t k = pass.k0; k < pass.k1; ++k) ch += channels(kpart(r, col), k, pass.grp).size();
    return ch * band(pass.band).size() * column_width(wpart(col)).size();
}

AiePlan::MemtileUse AiePlan::memtile_need(std::uint32_t band_rows, std::uint32_t kg, std::uint32_t steps) const {
    const std::uint64_t in_rows = std::min<std::uint64_t>(static_cast<std::uint64_t>(band_rows - 1) * m_layer.stride_h + m_span_h,
                                                          static_cast<std::uint64_t>(m_layer.in_h) * m_layer.batch);
    const std::uint64_t act = m_cg * in_rows * in_cols(column_width(0)).size();
    std::uint64_t wgt = 0;
    for (std::uint32_t c = 0; c < m_p.cols; ++c) {
        std::uint64_t mt = 0;
        for (std::uint32_t r = c; r < m_p.rows; r += m_p.cols) {
            std::uint64_t most = 0;
            for (std::uint32_t g = 0; g < m_layer.groups; ++g)
            for (std::uint32_t k0 = 0; k0 < m_npk; k0 += kg) {
                AiePass p;
                p.grp = g;
                p.k0 = k0;
                p.k1 = std::min(m_npk, k0 + kg);
                if (steps < m_npc) {
                    for (std::uint32_t s0 = 0; s0 < m_npc; s0 += steps) {
                        p.step_pass = true;
                        p.s0 = s0;
                        p.s1 = std::min(m_npc, s0 + steps);
                        most = std::max(most, loadw_bytes(r, p));
                    }
                } else {
                    most = std::max(most, loadw_bytes(r, p));
                }
            }
            mt += most;
        }
        wgt = std::max(wgt, mt);
    }
    const std::uint64_t ofm = static_cast<std::uint64_t>(band_rows) * m_qw * m_p.rows * kg * m_kt;
    return {act, wgt, ofm};
}

void AiePlan::choose_passes() {
    const std::uint32_t rows = out_rows();
    std::uint64_t total_w = 0;
    for (std::uint32_t g = 0; g < m_layer.groups; ++g)
        for (std::uint32_t r = 0; r < m_p.rows; ++r) {
            AiePass all;
            all.grp = g;
            all.k1 = m_npk;
            total_w += loadw_bytes(r, all);
        }
    std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
    std::uint32_t best_kg = 0, best_nb = 0;
    std::vector<std::uint32_t> kgs;
    for (std::uint32_t kg = m_npk; kg >= 1; kg = kg > 1 ? cdiv(kg, 2) : 0) {
        kgs.push_back(kg);
        if (kg == 1) break;
    }
    for (std::uint32_t kg : kgs) {
        std::uint32_t prev_band = 0;
        for (std::uint32_t nb = 1; nb <= rows; ++nb) {
            const std::uint32_t band_rows = cdiv(rows, nb);
            if (band_rows == prev_band) continue;
            prev_band = band_rows;
            const std::uint32_t bands = cdiv(rows, band_rows);
            if (memtile_need(band_rows, kg, m_npc).total() > m_p.memtile_bytes) continue;
            // DDR bytes: weights once per band, input re-read with its halo per band.
            const std::uint64_t halo = static_cast<std::uint64_t>(bands - 1) * (m_span_h > m_layer.stride_h ? m_span_h - m_layer.stride_h : 0);
            const std::uint64_t cost = bands * total_w + halo * m_cg * m_layer.in_w;
            if (cost < best) {
                best = cost;
                best_kg = kg;
                best_nb = band_rows;
            }
            break;  // more bands only cost more input halo and weight reloads
        }
    }
    std::uint32_t steps = m_npc;
    if (best_kg == 0) {
        // A single output position whose weights do not fit: split its c-pieces over passes.
        if (rows == 1 && m_npw == 1 && m_npc > 1) {
            for (steps = m_npc; steps >= 1; steps = steps > 1 ? cdiv(steps, 2) : 0) {
                if (memtile_need(1, 1, steps).total() <= m_p.memtile_bytes) break;
                if (steps == 1) {
                    steps = 0;
                    break;
                }
            }
            if (steps >= 1) {
                best_kg = 1;
                best_nb = 1;
            }
        }
        if (best_kg == 0) {
            m_error_param = "memtile_bytes";
            // The least any split needs: one output row, one channel piece, and every c-piece of
            // it at once unless the layer has a single output position to split over passes.
            const bool split_c = rows == 1 && m_npw == 1;
            m_error = "expected a mem-tile of at least " + std::to_string(memtile_need(1, 1, split_c ? 1 : m_npc).total()) +
                      " bytes for one output row of one channel piece" + (split_c ? "" : " with all its input channels") +
                      ", have " + std::to_string(m_p.memtile_bytes);
            return;
        }
    }
    m_band_rows = best_nb;
    m_bands = cdiv(rows, best_nb);
    m_mt = memtile_need(best_nb, best_kg, steps);
    for (std::uint32_t g = 0; g < m_layer.groups; ++g)
    for (std::uint32_t b = 0; b < m_bands; ++b)
        for (std::uint32_t k0 = 0; k0 < m_npk; k0 += best_kg) {
            if (steps < m_npc) {
                for (std::uint32_t s0 = 0; s0 < m_npc; s0 += steps) {
                    AiePass p;
                    p.grp = g;
                    p.band = b;
                    p.k0 = k0;
                    p.k1 = k0 + 1;
                    p.step_pass = true;
                    p.s0 = s0;
                    p.s1 = std::min(m_npc, s0 + steps);
                    p.completes_outputs = p.s1 == m_npc;
                    m_passes.push_back(p);
                }
            } else {
                AiePass p;
                p.grp = g;
                p.band = b;
                p.k0 = k0;
                p.k1 = std::min(m_npk, k0 + best_kg);
                m_passes.push_back(p);
            }
        }
}

}  // namespace skipsim
