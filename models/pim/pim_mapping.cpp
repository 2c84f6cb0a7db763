#include "pim_mapping.h"

#include <algorithm>
#include <map>

#include "base/error.h"

namespace skipsim {

const char* to_string(PimMethod m) {
    switch (m) {
        case PimMethod::im2col: return "im2col";
        case PimMethod::sdk: return "sdk";
        case PimMethod::sdk_skip: return "sdk_skip";
        case PimMethod::vw_sdk: return "vw_sdk";
    }
    return "?";
}

namespace {

std::uint32_t span(std::uint32_t kernel, std::uint32_t dilation) { return dilation * (kernel - 1) + 1; }

std::uint32_t window_size(std::uint32_t copies, std::uint32_t kernel, std::uint32_t dilation, std::uint32_t stride) {
    return span(kernel, dilation) + (copies - 1) * stride;
}

// For every cell of a window along one dimension: the kernel indices (bit r) that some copy
// places on it.
std::vector<std::uint64_t> reach(std::uint32_t copies, std::uint32_t kernel, std::uint32_t dilation,
                                 std::uint32_t stride) {
    std::vector<std::uint64_t> r(window_size(copies, kernel, dilation, stride), 0);
    for (std::uint32_t a = 0; a < copies; ++a)
        for (std::uint32_t k = 0; k < kernel; ++k) r[a * stride + k * dilation] |= std::uint64_t{1} << k;
    return r;
}

// Bit s of row r: kernel position (r, s) is kept by some filter.
std::vector<std::uint64_t> pattern_rows(const std::vector<std::uint8_t>& p, std::uint32_t R, std::uint32_t S) {
    std::vector<std::uint64_t> rows(R, 0);
    for (std::uint32_t r = 0; r < R; ++r)
        for (std::uint32_t s = 0; s < S; ++s)
            if (p[r * S + s]) rows[r] |= std::uint64_t{1} << s;
    return rows;
}

bool cell_kept(const std::vector<std::uint64_t>& nz_rows, std::uint64_t rmask, std::uint64_t smask) {
    for (std::uint32_t r = 0; rmask; ++r, rmask >>= 1)
        if ((rmask & 1) && (nz_rows[r] & smask)) return true;
    return false;
}

bool channel_tiled(PimMethod m) { return m == PimMethod::vw_sdk; }

// Window cells some kernel copy reaches (with stride > dilation x kernel some are never used
// and get no row).
std::uint64_t reachable_cells(const Layer& l, std::uint32_t ch, std::uint32_t cw) {
    std::uint64_t n = 0;
    for (std::uint64_t ym : reach(ch, l.kernel_h, l.dilation_h, l.stride_h))
        for (std::uint64_t xm : reach(cw, l.kernel_w, l.dilation_w, l.stride_w)) n += (ym && xm) ? 1 : 0;
    return n;
}

// Kept rows of every channel of group g under a window of ch x cw copies.
std::vector<std::uint64_t> kept_per_channel(const Layer& l, const ChannelPatterns* pats, std::uint32_t g,
                                            std::uint32_t ch, std::uint32_t cw,
                                            std::vector<std::int64_t>& skip_cache) {
    const std::uint64_t area = static_cast<std::uint64_t>(window_size(ch, l.kernel_h, l.dilation_h, l.stride_h)) *
                               window_size(cw, l.kernel_w, l.dilation_w, l.stride_w);
    const std::uint32_t Cg = l.channels_per_group();
    std::vector<std::uint64_t> kept(Cg, pats ? area : reachable_cells(l, ch, cw));
    if (!pats) return kept;
    for (std::uint32_t c = 0; c < Cg; ++c) {
        const std::uint32_t p = pats->of_channel[g * Cg + c];
        if (skip_cache[p] < 0)
            skip_cache[p] = static_cast<std::int64_t>(skipped_rows_of_pattern(l, pats->patterns[p], ch, cw));
        kept[c] = area - static_cast<std::uint64_t>(skip_cache[p]);
    }
    return kept;
}

}  // namespace

std::uint32_t copies_for_window(std::uint32_t window, std::uint32_t kspan, std::uint32_t stride) {
    if (window < kspan || (window - kspan) % stride != 0) return 0;
    return (window - kspan) / stride + 1;
}

Layer unpadded(const Layer& l) {
    Layer u = l;
    u.pad_top = u.pad_bottom = u.pad_left = u.pad_right = 0;
    return u;
}

ChannelPatterns channel_patterns(const Layer& l, const std::vector<std::uint8_t>& mask) {
    ChannelPatterns cp;
    cp.kernel_h = l.kernel_h;
    cp.kernel_w = l.kernel_w;
    const std::uint32_t Cg = l.channels_per_group(), Kg = l.filters_per_group(), RS = l.kernel_h * l.kernel_w;
    cp.of_channel.resize(static_cast<std::size_t>(l.groups) * Cg);
    std::map<std::vector<std::uint8_t>, std::uint32_t> index;
    std::vector<std::uint8_t> p(RS);
    for (std::uint32_t g = 0; g < l.groups; ++g)
        for (std::uint32_t c = 0; c < Cg; ++c) {
            std::fill(p.begin(), p.end(), mask.empty() ? 1 : 0);
            if (!mask.empty())
                for (std::uint32_t k = g * Kg; k < (g + 1) * Kg; ++k) {
                    const std::uint8_t* m = &mask[(static_cast<std::size_t>(k) * Cg + c) * RS];
                    for (std::uint32_t i = 0; i < RS; ++i) p[i] |= m[i];
                }
            auto [it, added] = index.emplace(p, static_cast<std::uint32_t>(cp.patterns.size()));
            if (added) cp.patterns.push_back(p);
            cp.of_channel[g * Cg + c] = it->second;
        }
    return cp;
}

std::uint64_t skipped_rows_of_pattern(const Layer& l, const std::vector<std::uint8_t>& pattern, std::uint32_t ch,
                                      std::uint32_t cw) {
    const auto ry = reach(ch, l.kernel_h, l.dilation_h, l.stride_h);
    const auto rx = reach(cw, l.kernel_w, l.dilation_w, l.stride_w);
    const auto nz = pattern_rows(pattern, l.kernel_h, l.kernel_w);
    std::uint64_t skipped = 0;
    for (std::uint64_t ym : ry)
        for (std::uint64_t xm : rx)
            if (!cell_kept(nz, ym, xm)) ++skipped;
    return skipped;
}

WindowMapping evaluate_mapping(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats, PimMethod method,
                               std::uint32_t ch, std::uint32_t cw) {
    WindowMapping m;
    m.method = method;
    if (method == PimMethod::im2col) ch = cw = 1;
    m.copies_h = ch;
    m.copies_w = cw;
    m.window_h = window_size(ch, l.kernel_h, l.dilation_h, l.stride_h);
    m.window_w = window_size(cw, l.kernel_w, l.dilation_w, l.stride_w);
    m.windows_h = ceil_div(l.out_h(), ch);
    m.windows_w = ceil_div(l.out_w(), cw);
    const std::uint64_t Kg = l.filters_per_group(), copies = static_cast<std::uint64_t>(ch) * cw;
    m.columns = copies * Kg * xb.cols_per_weight;
    if (channel_tiled(method)) {
        const std::uint64_t per_filter = copies * xb.cols_per_weight;
        if (per_filter > xb.cols) return m;
        m.col_tiles = ceil_div(Kg, xb.cols / per_filter);
    } else {
        m.col_tiles = ceil_div(m.columns, xb.cols);
    }
    m.rows = reachable_cells(l, ch, cw) * l.in_channels;
    std::uint64_t kept = 0;
    for (const auto& heights : row_tile_heights(l, xb, pats, m))
        for (std::uint64_t h : heights) {
            if (h > xb.rows) return m;  // one channel's window does not fit an array
            kept += h;
            ++m.row_tiles;
        }
    m.skipped_rows = m.rows - kept;
    m.arrays = m.row_tiles * m.col_tiles;
    m.mvms = static_cast<std::uint64_t>(l.batch) * m.windows() * m.arrays;
    m.valid = true;
    return m;
}

namespace {

// Rows a window programs in its fullest group, after skipping.
std::uint64_t fullest_group_rows(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats,
                                 const WindowMapping& m) {
    std::uint64_t most = 0;
    for (const auto& heights : row_tile_heights(l, xb, pats, m)) {
        std::uint64_t rows = 0;
        for (std::uint64_t h : heights) rows += h;
        most = std::max(most, rows);
    }
    return most;
}

// The published SDK search: the window grows while its rows and columns still fit the arrays
// im2col uses (dense), and a window is taken when it costs no more than the best so far. SDK
// counts a window's rows as the published code does, window area x channels; sdk_skip counts the
// rows it keeps after skipping, so that rows freed by pruning patterns can hold a larger window.
WindowMapping search_sdk(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats, PimMethod method) {
    const std::uint32_t P = l.out_h(), Q = l.out_w();
    const std::uint64_t Cg = l.channels_per_group(), Kg = l.filters_per_group();
    const std::uint64_t used_row = ceil_div(static_cast<std::uint64_t>(l.kernel_h) * l.kernel_w * Cg, xb.rows);
    const std::uint64_t used_col = ceil_div(Kg * xb.cols_per_weight, xb.cols);
    WindowMapping best = evaluate_mapping(l, xb, pats, method, 1, 1);
    for (std::uint32_t i = 2; i <= std::max(P, Q); ++i) {
        const std::uint32_t ch = std::min(i, P), cw = std::min(i, Q);
        WindowMapping m;
        std::uint64_t rows = 0;
        if (method == PimMethod::sdk_skip) {
            m = evaluate_mapping(l, xb, pats, method, ch, cw);
            rows = fullest_group_rows(l, xb, pats, m);
        } else {
            rows = static_cast<std::uint64_t>(window_size(ch, l.kernel_h, l.dilation_h, l.stride_h)) *
                   window_size(cw, l.kernel_w, l.dilation_w, l.stride_w) * Cg;
        }
        if (rows > xb.rows * used_row) break;
        if (static_cast<std::uint64_t>(ch) * cw * Kg * xb.cols_per_weight > xb.cols * used_col) break;
        if (method == PimMethod::sdk) m = evaluate_mapping(l, xb, pats, method, ch, cw);
        if (m.valid && m.mvms <= best.mvms) best = m;
    }
    return best;
}

}  // namespace

WindowMapping search_mapping(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats, PimMethod method) {
    const std::uint32_t P = l.out_h(), Q = l.out_w();
    if (method == PimMethod::im2col) return evaluate_mapping(l, xb, pats, method, 1, 1);
    if (method == PimMethod::sdk || method == PimMethod::sdk_skip) return search_sdk(l, xb, pats, method);
    WindowMapping best = evaluate_mapping(l, xb, pats, PimMethod::im2col, 1, 1);
    for (std::uint32_t ch = 1; ch <= P; ++ch)
        for (std::uint32_t cw = 1; cw <= Q; ++cw) {
            if (static_cast<std::uint64_t>(ch) * cw * xb.cols_per_weight > xb.cols) break;
            const WindowMapping m = evaluate_mapping(l, xb, pats, method, ch, cw);
            if (m.valid && m.mvms < best.mvms) best = m;
        }
    return best;
}

WindowMapping cheapest_mapping(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats) {
    WindowMapping best = search_mapping(l, xb, pats, PimMethod::im2col);
    for (PimMethod m : {PimMethod::sdk, PimMethod::vw_sdk}) {
        WindowMapping c = search_mapping(l, xb, pats, m);
        if (c.valid && c.mvms < best.mvms) best = c;
    }
    return best;
}

std::vector<WindowMapping> candidate_mappings(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats) {
    std::vector<WindowMapping> v;
    for (PimMethod m : {PimMethod::im2col, PimMethod::sdk, PimMethod::sdk_skip, PimMethod::vw_sdk}) {
        WindowMapping c = search_mapping(l, xb, pats, m);
        if (c.valid) v.push_back(c);
    }
    return v;
}

CrossbarLayout build_layout(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats,
                            const WindowMapping& m) {
    CrossbarLayout out;
    const auto ry = reach(m.copies_h, l.kernel_h, l.dilation_h, l.stride_h);
    const auto rx = reach(m.copies_w, l.kernel_w, l.dilation_w, l.stride_w);
    const std::uint32_t Cg = l.channels_per_group();
    std::vector<std::uint64_t> dense_rows(l.kernel_h, (std::uint64_t{1} << l.kernel_w) - 1);
    out.row_tiles.resize(l.groups);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        auto& tiles = out.row_tiles[g];
        std::vector<CrossbarRow> channel_rows;
        for (std::uint32_t c = 0; c < Cg; ++c) {
            const auto nz = pats ? pattern_rows(pats->patterns[pats->of_channel[g * Cg + c]], l.kernel_h, l.kernel_w)
                                 : dense_rows;
            channel_rows.clear();
            for (std::uint32_t y = 0; y < ry.size(); ++y)
                for (std::uint32_t x = 0; x < rx.size(); ++x)
                    if (cell_kept(nz, ry[y], rx[x])) channel_rows.push_back({c, y, x});
            if (channel_rows.empty()) continue;
            if (channel_tiled(m.method)) {
                if (tiles.empty() || tiles.back().size() + channel_rows.size() > xb.rows) tiles.emplace_back();
                tiles.back().insert(tiles.back().end(), channel_rows.begin(), channel_rows.end());
            } else {
                for (const CrossbarRow& r : channel_rows) {
                    if (tiles.empty() || tiles.back().size() == xb.rows) tiles.emplace_back();
                    tiles.back().push_back(r);
                }
            }
        }
    }
    const auto widths = column_tile_widths(l, xb, m);
    std::vector<CrossbarColumn> all;
    for (std::uint32_t k = 0; k < l.filters_per_group(); ++k)
        for (std::uint32_t a = 0; a < m.copies_h; ++a)
            for (std::uint32_t b = 0; b < m.copies_w; ++b)
                for (std::uint32_t s = 0; s < xb.cols_per_weight; ++s) all.push_back({k, a, b, s});
    std::size_t at = 0;
    for (std::uint64_t w : widths) {
        out.col_tiles.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(at),
                                   all.begin() + static_cast<std::ptrdiff_t>(at + w));
        at += w;
    }
    return out;
}

std::vector<std::vector<std::uint64_t>> row_tile_heights(const Layer& l, const CrossbarShape& xb,
                                                         const ChannelPatterns* pats, const WindowMapping& m) {
    std::vector<std::vector<std::uint64_t>> out(l.groups);
    std::vector<std::int64_t> skip_cache(pats ? pats->patterns.size() : 0, -1);
    for (std::uint32_t g = 0; g < l.groups; ++g) {
        const auto kept = kept_per_channel(l, pats, g, m.copies_h, m.copies_w, skip_cache);
        auto& h = out[g];
        if (channel_tiled(m.method)) {
            for (std::uint64_t k : kept) {
                if (k == 0) continue;
                if (h.empty() || h.back() + k > xb.rows) h.push_back(0);
                h.back() += k;
            }
        } else {
            std::uint64_t total = 0;
            for (std::uint64_t k : kept) total += k;
            for (; total > 0; total -= std::min(total, xb.rows)) h.push_back(std::min(total, xb.rows));
        }
    }
    return out;
}

std::vector<ArrayTile> array_tiles(const std::vector<std::vector<std::uint64_t>>& heights,
                                   const std::vector<std::uint64_t>& widths) {
    std::vector<ArrayTile> v;
    for (std::uint32_t g = 0; g < heights.size(); ++g)
        for (std::uint32_t r = 0; r < heights[g].size(); ++r)
            for (std::uint32_t c = 0; c < widths.size(); ++c) v.push_back({g, r, c, heights[g][r], widths[c]});
    return v;
}

std::vector<std::uint64_t> column_tile_widths(const Layer& l, const CrossbarShape& xb, const WindowMapping& m) {
    const std::uint64_t per_filter = static_cast<std::uint64_t>(m.copies_h) * m.copies_w * xb.cols_per_weight;
    const std::uint64_t per_tile = channel_tiled(m.method) ? (xb.cols / per_filter) * per_filter : xb.cols;
    std::vector<std::uint64_t> w;
    for (std::uint64_t left = l.filters_per_group() * per_filter; left > 0; left -= std::min(left, per_tile))
        w.push_back(std::min(left, per_tile));
    return w;
}

}  // namespace skipsim
