#include "tile_plan.h"

#include <algorithm>

#include "base/error.h"

namespace skipsim {

Dataflow parse_dataflow(const std::string& s) {
    if (s == "ws") return Dataflow::ws;
    if (s == "os") return Dataflow::os;
    if (s == "is") return Dataflow::is;
    throw InternalError("unknown dataflow " + s);
}

const char* to_string(Dataflow d) {
    switch (d) {
        case Dataflow::ws: return "ws";
        case Dataflow::os: return "os";
        case Dataflow::is: return "is";
    }
    return "?";
}

Bytes packed_bytes(std::uint64_t elements, int bits) {
    // Narrow operands are packed densely in SRAM and DDR.
    return ceil_div(elements * static_cast<std::uint64_t>(bits), 8);
}

Cycles fold_compute_cycles(Dataflow df, std::uint32_t rows, std::uint32_t cols, const GemmShape& g) {
    // WS/IS: R cycles to shift the stationary operand in, then the streamed vectors enter with a
    // one-cycle skew per row and leave after crossing R rows and C columns.
    // OS: both operands stream for D cycles, skewed by row and column.
    switch (df) {
        case Dataflow::ws: return 2ull * rows + cols + g.m - 2;
        case Dataflow::is: return 2ull * rows + cols + g.n - 2;
        case Dataflow::os: return static_cast<Cycles>(rows) + cols + g.d - 2;
    }
    return 0;
}

std::vector<Extent> folds(std::uint64_t total, std::uint64_t size) {
    std::vector<Extent> v;
    for (std::uint64_t s = 0; s < total; s += size) v.push_back({s, std::min(size, total - s)});
    return v;
}

void accumulate_outputs(Tile& t, std::uint64_t outputs, bool first, bool last, bool resident, int out_bits,
                        int acc_bits) {
    if (resident) {
        if (last) t.ofmap_drain = packed_bytes(outputs, out_bits);
    } else {
        if (!first) t.psum_fill = packed_bytes(outputs, acc_bits);
        t.ofmap_drain = packed_bytes(outputs, last ? out_bits : acc_bits);
    }
    t.ofmap_writes = packed_bytes(outputs, acc_bits);
    t.ofmap_reads = first ? 0 : t.ofmap_writes;
}

namespace {

// Bytes of `total` before position `pos` of `whole`, so that the slices of a partition add up
// to `total` exactly.
Bytes prefix(Bytes total, std::uint64_t pos, std::uint64_t whole) {
    if (whole == 0) return 0;
    return static_cast<Bytes>(static_cast<unsigned __int128>(total) * pos / whole);
}

// The bytes of `total` that the slice [start, start + len) of `whole` owns.
Bytes slice(Bytes total, std::uint64_t start, std::uint64_t len, std::uint64_t whole) {
    return prefix(total, start + len, whole) - prefix(total, start, whole);
}

Tile make_tile_extents(std::uint32_t grp, Extent m, Extent d, Extent n) {
    Tile t;
    t.group = grp;
    t.m0 = m.start;
    t.m_len = m.len;
    t.d0 = d.start;
    t.d_len = d.len;
    t.n0 = n.start;
    t.n_len = n.len;
    t.dense_macs = m.len * d.len * n.len;
    return t;
}

}  // namespace

namespace {

// WS with the source's mapping: PE rows are input channels, PE columns output channels; each
// timestep every column holds its own next kept kernel position, all padded input pixels stream
// through once, and the special-function unit adds each column's partial sums shifted by its
// kernel offset.
void plan_kij_timestep(const Layer& layer, std::uint32_t rows, std::uint32_t cols, const BufferCapacities& caps,
                       const PlanOptions& opt, LayerPlan& plan) {
    const GemmShape g = layer.gemm();
    const int wb = layer.quant.weight_bits, ab = layer.quant.activation_bits;
    const int acc = static_cast<int>(opt.accumulator_bits);
    const std::uint64_t cg = layer.channels_per_group(), rs = static_cast<std::uint64_t>(layer.kernel_h) * layer.kernel_w;
    const std::uint64_t npix = static_cast<std::uint64_t>(layer.batch) * (layer.in_h + layer.pad_top + layer.pad_bottom) *
                               (layer.in_w + layer.pad_left + layer.pad_right);
    const Bytes ifmap_group = packed_bytes(static_cast<std::uint64_t>(layer.batch) * cg * layer.in_h * layer.in_w, ab);
    const Bytes filter_group = packed_bytes(g.d * g.n, wb);
    const Bytes ofmap_group = packed_bytes(g.m * g.n, ab);
    plan.ifmap_resident = ifmap_group <= caps.ifmap;
    plan.psums_resident = packed_bytes(g.m * std::min<std::uint64_t>(cols, g.n), acc) <= caps.ofmap;
    plan.dense_steps = rs;
    const auto cfs = folds(cg, rows), nfs = folds(g.n, cols);
    plan.tiles.reserve(g.groups * nfs.size() * cfs.size() * (opt.skip_pruned ? 1 : rs));
    for (std::uint32_t grp = 0; grp < g.groups; ++grp)
        for (std::size_t ni = 0; ni < nfs.size(); ++ni) {
            std::uint64_t steps = rs;
            if (opt.skip_pruned) {
                steps = 0;
                for (std::uint64_t c = 0; c < nfs[ni].len; ++c)
                    steps = std::max<std::uint64_t>(steps, opt.sparsity->kept_kij[grp * g.n + nfs[ni].start + c].size());
                steps = std::max<std::uint64_t>(steps, 1);  // an all-pruned fold still writes its zeros
            }
            plan.kept_steps = std::max(plan.kept_steps, steps);
            for (std::size_t ci = 0; ci < cfs.size(); ++ci) {
                const Bytes channel_slice = slice(ifmap_group, cfs[ci].start, cfs[ci].len, cg);
                for (std::uint32_t ts = 0; ts < steps; ++ts) {
                    Tile t = make_tile_extents(grp, {0, npix}, cfs[ci], nfs[ni]);
                    t.timestep = ts;
                    t.dense_macs = npix * t.d_len * t.n_len;
                    t.compute = 2ull * rows + cols + npix - 2;
                    t.filter_fill = packed_bytes(t.d_len * t.n_len, wb);
                    t.filter_addr = grp * filter_group + packed_bytes((t.n0 * cg + t.d0) * rs + ts * t.d_len * t.n_len, wb);
                    const bool fetch = plan.ifmap_resident ? (ni == 0 && ts == 0)
                                                           : (ts == 0 || channel_slice > caps.ifmap);
                    if (fetch) t.ifmap_fill = channel_slice;
                    t.ifmap_addr = grp * ifmap_group + prefix(ifmap_group, t.d0, cg);
                    const bool first = ci == 0 && ts == 0, last = ci + 1 == cfs.size() && ts + 1 == steps;
                    accumulate_outputs(t, g.m * t.n_len, first, last, plan.psums_resident, ab, acc);
                    t.ofmap_addr = grp * ofmap_group + packed_bytes(g.m * t.n0, ab);
                    t.ifmap_reads = packed_bytes(npix * t.d_len, ab);
                    t.filter_reads = t.filter_fill;
                    t.sfu_adds = g.m * t.n_len;
                    plan.tiles.push_back(t);
                }
            }
        }
}

}  // namespace

LayerPlan plan_layer(const Layer& layer, Dataflow df, std::uint32_t rows, std::uint32_t cols,
                     const BufferCapacities& caps, const PlanOptions& opt) {
    LayerPlan plan;
    plan.dataflow = df;
    plan.rows = rows;
    plan.cols = cols;
    plan.mapping = opt.mapping;
    if (opt.skip_pruned && !opt.sparsity)
        throw InternalError("plan_layer: skipping pruned work needs the layer's sparsity structure");
    if (opt.mapping == Mapping::kij_timestep) {
        if (df != Dataflow::ws) throw InternalError("the kij_timestep mapping is weight-stationary only");
        plan_kij_timestep(layer, rows, cols, caps, opt, plan);
        for (const Tile& t : plan.tiles) plan.compute_cycles += t.compute;
        return plan;
    }
    const std::uint32_t accumulator_bits = opt.accumulator_bits;
    const GemmShape g = layer.gemm();
    const int wb = layer.quant.weight_bits, ab = layer.quant.activation_bits;
    const int acc = static_cast<int>(accumulator_bits);
    // Unique (not im2col-duplicated) input bytes of one group.
    const Bytes ifmap_group = packed_bytes(static_cast<std::uint64_t>(layer.batch) *
                                               layer.channels_per_group() * layer.in_h * layer.in_w,
                                           ab);
    const Bytes filter_group = packed_bytes(g.d * g.n, wb);
    const Bytes ofmap_group = packed_bytes(g.m * g.n, ab);

    const auto make_tile = make_tile_extents;

    if (df == Dataflow::ws) {
        plan.ifmap_resident = ifmap_group <= caps.ifmap;
        plan.psums_resident = packed_bytes(g.m * std::min<std::uint64_t>(cols, g.n), acc) <= caps.ofmap;
        const auto dfs = folds(g.d, rows), nfs = folds(g.n, cols);
        plan.tiles.reserve(g.groups * nfs.size() * dfs.size());
        for (std::uint32_t grp = 0; grp < g.groups; ++grp)
            for (std::size_t ni = 0; ni < nfs.size(); ++ni)
                for (std::size_t di = 0; di < dfs.size(); ++di) {
                    Tile t = make_tile(grp, {0, g.m}, dfs[di], nfs[ni]);
                    t.compute = fold_compute_cycles(df, rows, cols, g);
                    t.filter_fill = packed_bytes(t.d_len * t.n_len, wb);
                    t.filter_addr = grp * filter_group + packed_bytes(t.n0 * g.d + t.d0 * t.n_len, wb);
                    if (!plan.ifmap_resident || ni == 0) t.ifmap_fill = slice(ifmap_group, t.d0, t.d_len, g.d);
                    t.ifmap_addr = grp * ifmap_group + prefix(ifmap_group, t.d0, g.d);
                    accumulate_outputs(t, g.m * t.n_len, di == 0, di + 1 == dfs.size(), plan.psums_resident, ab, acc);
                    t.ofmap_addr = grp * ofmap_group + packed_bytes(g.m * t.n0, ab);
                    t.ifmap_reads = packed_bytes(g.m * t.d_len, ab);
                    t.filter_reads = t.filter_fill;
                    plan.tiles.push_back(t);
                }
    } else if (df == Dataflow::os) {
        // Skipping: the reduction streams only the (input channel, kernel position) pairs some
        // filter of the group keeps, with the input reformatted to match.
        auto reduction = [&](std::uint32_t grp) -> std::uint64_t {
            if (!opt.skip_pruned) return g.d;
            return std::max<std::uint64_t>(opt.sparsity->kept_d[grp].size(), 1);
        };
        std::uint64_t kept_filter = 0;
        for (std::uint32_t grp = 0; grp < g.groups; ++grp) plan.kept_steps = std::max(plan.kept_steps, reduction(grp));
        kept_filter = packed_bytes(plan.kept_steps * g.n, wb);
        plan.dense_steps = g.d;
        plan.filter_resident = kept_filter <= caps.filter;
        const auto mfs = folds(g.m, rows), nfs = folds(g.n, cols);
        plan.tiles.reserve(g.groups * mfs.size() * nfs.size());
        for (std::uint32_t grp = 0; grp < g.groups; ++grp) {
            const std::uint64_t d = reduction(grp);
            GemmShape kept = g;
            kept.d = d;
            for (std::size_t mi = 0; mi < mfs.size(); ++mi) {
                const Bytes m_slice = slice(ifmap_group, mfs[mi].start, mfs[mi].len, g.m);
                const bool slice_resident = m_slice <= caps.ifmap;
                for (std::size_t ni = 0; ni < nfs.size(); ++ni) {
                    Tile t = make_tile(grp, mfs[mi], {0, d}, nfs[ni]);
                    t.compute = fold_compute_cycles(df, rows, cols, kept);
                    if (!slice_resident || ni == 0) t.ifmap_fill = m_slice;
                    t.ifmap_addr = grp * ifmap_group + prefix(ifmap_group, t.m0, g.m);
                    if (!plan.filter_resident || mi == 0) t.filter_fill = packed_bytes(d * t.n_len, wb);
                    t.filter_addr = grp * filter_group + packed_bytes(d * t.n0, wb);
                    t.ofmap_drain = packed_bytes(t.m_len * t.n_len, ab);
                    t.ofmap_addr = grp * ofmap_group + packed_bytes(t.m0 * g.n + t.n0 * t.m_len, ab);
                    t.ifmap_reads = packed_bytes(t.m_len * d, ab);
                    t.filter_reads = packed_bytes(d * t.n_len, wb);
                    t.ofmap_writes = t.ofmap_drain;
                    plan.tiles.push_back(t);
                }
            }
        }
        plan.ifmap_resident = ifmap_group <= caps.ifmap;
    } else {
        plan.filter_resident = filter_group <= caps.filter;
        plan.psums_resident = packed_bytes(std::min<std::uint64_t>(cols, g.m) * g.n, acc) <= caps.ofmap;
        const auto mfs = folds(g.m, cols), dfs = folds(g.d, rows);
        plan.tiles.reserve(g.groups * mfs.size() * dfs.size());
        for (std::uint32_t grp = 0; grp < g.groups; ++grp)
            for (std::size_t mi = 0; mi < mfs.size(); ++mi)
                for (std::size_t di = 0; di < dfs.size(); ++di) {
                    Tile t = make_tile(grp, mfs[mi], dfs[di], {0, g.n});
                    t.compute = fold_compute_cycles(df, rows, cols, g);
                    const Bytes m_slice = slice(ifmap_group, t.m0, t.m_len, g.m);
                    t.ifmap_fill = slice(m_slice, t.d0, t.d_len, g.d);
                    t.ifmap_addr = grp * ifmap_group + prefix(ifmap_group, t.m0, g.m) + prefix(m_slice, t.d0, g.d);
                    if (!plan.filter_resident || mi == 0) t.filter_fill = packed_bytes(t.d_len * g.n, wb);
                    t.filter_addr = grp * filter_group + packed_bytes(t.d0 * g.n, wb);
                    accumulate_outputs(t, t.m_len * g.n, di == 0, di + 1 == dfs.size(), plan.psums_resident, ab, acc);
                    t.ofmap_addr = grp * ofmap_group + packed_bytes(t.m0 * g.n, ab);
                    t.ifmap_reads = packed_bytes(t.d_len * t.m_len, ab);
                    t.filter_reads = packed_bytes(g.n * t.d_len, wb);
                    plan.tiles.push_back(t);
                }
        plan.ifmap_resident = false;
    }
    for (const Tile& t : plan.tiles) plan.compute_cycles += t.compute;
    return plan;
}

}  // namespace skipsim
