#include "bitserial_plan.h"

#include <algorithm>

#include "base/error.h"

namespace skipsim {

Cycles activation_period(int activation_bits, std::uint32_t accumulator_bits, std::uint32_t mac_units) {
    return std::max<Cycles>(static_cast<Cycles>(activation_bits), ceil_div(accumulator_bits, mac_units));
}

Cycles weight_load_cycles(std::uint64_t rows, int weight_bits, std::uint32_t control_bits, std::uint32_t mux_inputs) {
    return rows * ceil_div(static_cast<std::uint64_t>(weight_bits) + control_bits, mux_inputs);
}

Cycles stream_cycles(std::uint64_t pixels, std::uint64_t rows_used, std::uint32_t cols, Cycles period,
                     std::uint32_t accumulator_bits) {
    if (pixels == 0 || rows_used == 0) return 0;
    return (pixels - 1) * period + accumulator_bits + rows_used + cols - 2;
}

LayerPacking pack_layer(const Layer& layer, const std::vector<std::uint8_t>& mask,
                        const std::vector<std::int32_t>* weights, const CombineOptions& options) {
    const GemmShape g = layer.gemm();
    if (!mask.empty() && mask.size() != layer.weight_count())
        throw InternalError("pack_layer: mask of " + std::to_string(mask.size()) + " entries for layer '" + layer.name + "'");
    LayerPacking out;
    std::vector<std::uint8_t> nz(g.n * g.d);
    std::vector<double> mag;
    for (std::uint32_t grp = 0; grp < g.groups; ++grp) {
        const std::size_t base = static_cast<std::size_t>(grp) * g.n * g.d;
        for (std::size_t i = 0; i < nz.size(); ++i) nz[i] = mask.empty() ? 1 : mask[base + i];
        if (weights) {
            mag.resize(nz.size());
            for (std::size_t i = 0; i < nz.size(); ++i) mag[i] = static_cast<double>((*weights)[base + i]);
        }
        PackedMatrix p = combine_columns(static_cast<std::uint32_t>(g.n), static_cast<std::uint32_t>(g.d), nz, mag, options);
        out.nonzeros += p.nonzeros;
        out.kept += p.kept;
        out.columns += g.d;
        for (const auto& grp_cols : p.groups) out.nonzero_columns += grp_cols.size();
        out.packed_cols += p.packed_cols();
        out.cells += p.cells();
        out.control_bits = std::max(out.control_bits, p.control_bits());
        out.groups.push_back(std::move(p));
    }
    return out;
}

TileEvents tile_events(const Tile& t, const TileWork& w, int activation_bits, std::uint32_t accumulator_bits,
                       std::uint32_t alpha) {
    const std::uint64_t cells = t.n_len * t.d_len, ab = static_cast<std::uint64_t>(activation_bits);
    TileEvents e;
    e.weight_loads = cells;
    e.multiply_steps = w.kept * t.m_len * ab;
    e.accumulate_steps = cells * t.m_len * accumulator_bits;
    e.mux_selects = alpha > 1 ? e.multiply_steps : 0;
    return e;
}

BitserialPlan plan_bitserial_layer(const Layer& layer, const LayerPacking& packing, const BitserialShape& shape,
                                   const BufferCapacities& caps) {
    BitserialPlan plan;
    const GemmShape g = layer.gemm();
    const int wb = layer.quant.weight_bits, ab = layer.quant.activation_bits;
    const int acc = static_cast<int>(shape.accumulator_bits);
    const std::uint64_t rs = static_cast<std::uint64_t>(layer.kernel_h) * layer.kernel_w;
    const std::uint64_t cg = layer.channels_per_group();
    const std::uint64_t plane = static_cast<std::uint64_t>(layer.batch) * layer.in_h * layer.in_w;
    const Bytes ifmap_group = packed_bytes(plane * cg, ab);
    const Bytes ofmap_group = packed_bytes(g.m * g.n, ab);
    const std::uint32_t ctrl = packing.control_bits;
    plan.period = activation_period(ab, shape.accumulator_bits, shape.mac_units);
    plan.ifmap_resident = ifmap_group <= caps.ifmap;
    plan.psums_resident = packed_bytes(g.m * std::min<std::uint64_t>(shape.rows, g.n), acc) <= caps.ofmap;
    Bytes filter_addr = 0;
    std::vector<std::uint8_t> channel_used(cg);
    for (std::uint32_t grp = 0; grp < g.groups; ++grp) {
        const PackedMatrix& pm = packing.groups[grp];
        const auto nfs = folds(g.n, shape.rows);
        // A group with nothing left to compute still streams its pixels to write zero outputs.
        auto cfs = folds(pm.packed_cols(), shape.cols);
        if (cfs.empty()) cfs.push_back({0, 0});
        for (std::size_t ni = 0; ni < nfs.size(); ++ni)
            for (std::size_t ci = 0; ci < cfs.size(); ++ci) {
                Tile t;
                TileWork w;
                t.group = grp;
                t.m0 = 0;
                t.m_len = g.m;
                t.n0 = nfs[ni].start;
                t.n_len = nfs[ni].len;
                t.d0 = cfs[ci].start;
                t.d_len = cfs[ci].len;
                std::fill(channel_used.begin(), channel_used.end(), 0);
                for (std::uint64_t c = t.d0; c < t.d0 + t.d_len; ++c) {
                    w.streams += pm.groups[c].size();
                    for (std::uint32_t col : pm.groups[c]) channel_used[col / rs] = 1;
                    for (std::uint64_t r = t.n0; r < t.n0 + t.n_len; ++r) w.kept += pm.cell(static_cast<std::uint32_t>(r), c) >= 0;
                }
                w.load = weight_load_cycles(t.n_len, wb, ctrl, shape.mux_inputs);
                w.stream = stream_cycles(g.m, t.n_len, shape.cols, plan.period, shape.accumulator_bits);
                t.compute = w.load + w.stream;
                t.dense_macs = w.kept * g.m;
                t.filter_fill = packed_bytes(t.n_len * t.d_len, wb + static_cast<int>(ctrl));
                t.filter_reads = t.filter_fill;
                t.filter_addr = filter_addr;
                filter_addr += t.filter_fill;
                const std::uint64_t channels = static_cast<std::uint64_t>(std::count(channel_used.begin(), channel_used.end(), 1));
                if (!plan.ifmap_resident) t.ifmap_fill = packed_bytes(plane * channels, ab);
                else if (ni == 0 && ci == 0) t.ifmap_fill = ifmap_group;
                t.ifmap_addr = grp * ifmap_group;
                t.ifmap_reads = packed_bytes(g.m * w.streams, ab);
                // Partial sums of a filter fold accumulate across its column folds.
                const std::uint64_t outputs = g.m * t.n_len;
                const bool first = ci == 0, last = ci + 1 == cfs.size();
                accumulate_outputs(t, outputs, first, last, plan.psums_resident, ab, acc);
                t.ofmap_addr = grp * ofmap_group + packed_bytes(g.m * t.n0, ab);
                plan.compute_cycles += t.compute;
                plan.tiles.push_back(t);
                plan.work.push_back(w);
            }
    }
    return plan;
}

}  // namespace skipsim
