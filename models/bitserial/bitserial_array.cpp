#include "bitserial_array.h"

#include <algorithm>

#include "base/strict_object.h"
#include "common/register_model.h"
#include "systolic/operand_view.h"

namespace skipsim {

using sc_core::sc_time;

BitserialArray::BitserialArray(const sc_core::sc_module_name& name, const BitserialParams& params, BuildContext& ctx)
    : BufferedArray(name, kKind, ctx, params.clock_ghz,
                    {params.ddr_ifmap_base, params.ddr_filter_base, params.ddr_ofmap_base},
                    {"activation-stream reads from the ifmap buffer",
                     "packed weight and control-bit reads from the filter buffer",
                     "partial-sum writes/reads to the ofmap buffer"}),
      m_params(params),
      m_engine(params.rows, params.cols, params.mux_inputs, params.mac_units, params.accumulator_bits),
      m_engine_clock(m_engine, to_time(1)),
      s_tiles(stat("tiles", "tiles", "tiles (packed-matrix blocks of rows x cols) executed")),
      s_steps(stat("steps", "steps", "tile parts streamed through the buffers")),
      s_macs(stat("macs", "MACs", "multiply-accumulates with a kept weight")),
      s_pruned(stat("combine_pruned", "weights", "nonzero weights removed by column-combine pruning")),
      s_load_cycles(stat("load_cycles", "cycles", "cycles spent shifting weights and control bits into the cells")) {
    energy_event("multiply_step", "one activation bit applied to a cell's weight (serial-parallel multiply step)");
    energy_event("accumulate_step", "one bit of a cell's bit-serial accumulation (1-bit full add)");
    energy_event("mux_select", "one activation bit routed through a cell's alpha-input multiplexer");
    energy_event("weight_load", "one cell's weight and control-bit register written");
    if (ctx.fidelity == Fidelity::cycle) m_engine_clock.spawn("cycle_process");
}


std::uint64_t BitserialArray::peak_macs_per_cycle() const {
    const Cycles period = activation_period(8, m_params.accumulator_bits, m_params.mac_units);
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(m_params.rows) * m_params.cols / period);
}


double BitserialArray::cycle_mode_work(const Layer& layer) const {
    const Cycles period = activation_period(layer.quant.activation_bits, m_params.accumulator_bits, m_params.mac_units);
    return static_cast<double>(layer.dense_macs()) * static_cast<double>(period);
}

BitserialShape BitserialArray::shape() const {
    BitserialShape s;
    s.rows = m_params.rows;
    s.cols = m_params.cols;
    s.mux_inputs = m_params.mux_inputs;
    s.mac_units = m_params.mac_units;
    s.accumulator_bits = m_params.accumulator_bits;
    return s;
}

CombineOptions BitserialArray::combine_options(std::uint32_t alpha) const {
    CombineOptions o;
    o.alpha = alpha;
    o.gamma = m_params.gamma;
    o.section_cols = m_params.section_cols;
    o.order = m_params.merge_order == "best_pair" ? MergeOrder::best_pair : MergeOrder::first_group;
    return o;
}

void BitserialArray::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    if (layer.quant.weight_bits > static_cast<int>(m_params.weight_bits))
        param_error("weight_bits", "expected layers whose weights fit the cells' " + std::to_string(m_params.weight_bits) +
                                       "-bit weight register, got " + std::to_string(layer.quant.weight_bits) +
                                       "-bit weights (layer '" + layer.name + "')");
    if (layer.quant.activation_bits > static_cast<int>(m_params.accumulator_bits))
        param_error("accumulator_bits", "expected an accumulation at least as wide as the activations (" +
                                            std::to_string(layer.quant.activation_bits) + " bits, layer '" + layer.name +
                                            "'), got " + std::to_string(m_params.accumulator_bits));
    m_checked.keep(layer, pack_layer(layer, mask, nullptr, combine_options(m_params.alpha)));
}


void BitserialArray::count_tile(const Layer& layer, const Tile& t, const TileWork& w) {
    const TileEvents e = tile_events(t, w, layer.quant.activation_bits, m_params.accumulator_bits, m_params.alpha);
    m_energy.add("weight_load", e.weight_loads);
    m_energy.add("multiply_step", e.multiply_steps);
    m_energy.add("accumulate_step", e.accumulate_steps);
    m_energy.add("mux_select", e.mux_selects);
    s_macs += w.kept * t.m_len;
    s_load_cycles += w.load;
    ++s_tiles;
}

OrderedJson BitserialArray::plan_summary(const Layer& layer, const BitserialPlan& plan, std::uint32_t alpha) const {
    TileEvents sum;
    Bytes ddr = 0, sram = 0;
    for (std::size_t i = 0; i < plan.tiles.size(); ++i) {
        const Tile& t = plan.tiles[i];
        const TileEvents e = tile_events(t, plan.work[i], layer.quant.activation_bits, m_params.accumulator_bits, alpha);
        sum.weight_loads += e.weight_loads;
        sum.multiply_steps += e.multiply_steps;
        sum.accumulate_steps += e.accumulate_steps;
        sum.mux_selects += e.mux_selects;
        ddr += t.ifmap_fill + t.filter_fill + t.psum_fill + t.ofmap_drain;
        sram += t.ifmap_fill + t.filter_fill + t.psum_fill + t.ofmap_drain + t.ifmap_reads + t.filter_reads +
                t.ofmap_reads + t.ofmap_writes;
    }
    const auto& price = m_energy.prices();
    const double pj = static_cast<double>(sum.weight_loads) * price.at("weight_load") +
                      static_cast<double>(sum.multiply_steps) * price.at("multiply_step") +
                      static_cast<double>(sum.accumulate_steps) * price.at("accumulate_step") +
                      static_cast<double>(sum.mux_selects) * price.at("mux_select");
    return {{"tiles", plan.tiles.size()}, {"compute_cycles", plan.compute_cycles}, {"array_energy_pj", pj},
            {"planned_ddr_bytes", ddr}, {"planned_sram_bytes", sram}};
}

std::vector<std::uint8_t> BitserialArray::kept_mask(const Layer& layer, const LayerPacking& packing) {
    const GemmShape g = layer.gemm();
    std::vector<std::uint8_t> mask(layer.weight_count(), 0);
    for (std::uint32_t grp = 0; grp < g.groups; ++grp) {
        const PackedMatrix& p = packing.groups[grp];
        for (std::uint32_t r = 0; r < p.rows; ++r)
            for (std::uint64_t c = 0; c < p.packed_cols(); ++c) {
                const std::int64_t col = p.kept_column(r, c);
                if (col >= 0) mask[(static_cast<std::size_t>(grp) * g.n + r) * g.d + static_cast<std::size_t>(col)] = 1;
            }
    }
    return mask;
}

void BitserialArray::run_layer(const LayerJob& job, sc_time& delay) {
    const Layer& layer = *job.layer;
    static const std::vector<std::uint8_t> kDense;
    const std::vector<std::uint8_t>& mask = job.mask ? *job.mask : kDense;
    const bool functional = m_ctx.fidelity == Fidelity::cycle;
    LayerPacking packing;
    std::optional<LayerPacking> checked = m_checked.take(layer);
    if (functional) {
        // The cells keep the largest of each (row, group)'s weights; the grouping depends only
        // on the nonzero structure, so it is the one check_layer() made.
        if (!job.tensors) throw InternalError(path() + ": cycle mode needs the layer's tensors");
        packing = pack_layer(layer, mask, &job.tensors->weights, combine_options(m_params.alpha));
        job.tensors->accelerator_mask = kept_mask(layer, packing);
        job.tensors->output.assign(static_cast<std::size_t>(layer.batch) * layer.out_channels * layer.out_h() *
                                       layer.out_w(), 0);
    } else if (checked) {
        packing = std::move(*checked);
    } else {
        packing = pack_layer(layer, mask, nullptr, combine_options(m_params.alpha));
    }
    const BufferCapacities caps = capacities();
    const BitserialPlan plan = plan_bitserial_layer(layer, packing, shape(), caps);
    if (job.outcome) {
        describe_mapping(layer, packing, plan, mask, caps, *job.outcome);
        job.outcome->sparsity_use = sparsity_use(packing, job.mask != nullptr);
    }
    s_pruned += packing.nonzeros - packing.kept;

    const std::vector<Step> steps = split_steps(plan.tiles, caps);
    const TileEngine engine{[&](std::size_t t) { load_tile(plan.tiles[t], plan.work[t], packing, job); },
                            [&](std::size_t t) { store_tile(plan.tiles[t], job); },
                            [&](Cycles n, bool until_done) { return m_engine_clock.run(n, until_done); }};
    run_steps(steps, functional ? &engine : nullptr, [&](const Step& s, const sc_time& start, const sc_time& end, Cycles ran) {
        const TileWork& work = plan.work[s.tile];
        if (tracing()) {
            if (s.part == 0) {
                const sc_time loaded = std::min(end, start + to_time(work.load));
                trace("load weights", "fill", start, loaded, {{"tile", s.tile}, {"cycles", work.load}});
                trace("stream", "compute", loaded, end, {{"tile", s.tile}, {"part", s.part}, {"cycles", ran - std::min(ran, work.load)}});
            } else {
                trace("stream", "compute", start, end, {{"tile", s.tile}, {"part", s.part}, {"cycles", ran}});
            }
        }
        if (s.part == 0) count_tile(layer, plan.tiles[s.tile], work);
        ++s_steps;
    }, delay);
}

void BitserialArray::describe_mapping(const Layer& layer, const LayerPacking& packing, const BitserialPlan& plan,
                                      const std::vector<std::uint8_t>& mask, const BufferCapacities& caps,
                                      LayerOutcome& outcome) const {
    OrderedJson& out = outcome.mapping;
    out["alpha"] = m_params.alpha;
    out["gamma"] = m_params.gamma;
    out["merge_order"] = m_params.merge_order;
    out["columns"] = packing.columns;
    out["nonzero_columns"] = packing.nonzero_columns;
    out["packed_columns"] = packing.packed_cols;
    out["control_bits"] = packing.control_bits;
    out["nonzeros"] = packing.nonzeros;
    out["kept"] = packing.kept;
    out["combine_pruned"] = packing.nonzeros - packing.kept;
    outcome.effective_macs = packing.kept * layer.gemm().m;
    out["effective_macs"] = *outcome.effective_macs;
    out["utilization_efficiency"] = packing.cells ? static_cast<double>(packing.kept) / packing.cells : 0.0;
    out["activation_period"] = plan.period;
    out["tiles"] = plan.tiles.size();
    out["packed"] = plan_summary(layer, plan, m_params.alpha);
    // The same layer without column combining on the same array.
    const LayerPacking base = pack_layer(layer, mask, nullptr, combine_options(1));
    const BitserialPlan base_plan = plan_bitserial_layer(layer, base, shape(), caps);
    out["alpha1"] = plan_summary(layer, base_plan, 1);
    out["alpha1"]["packed_columns"] = base.packed_cols;
    out["alpha1"]["utilization_efficiency"] = base.cells ? static_cast<double>(base.kept) / base.cells : 0.0;
    outcome.dense_compute_cycles = base_plan.compute_cycles;
    out["dense_compute_cycles"] = base_plan.compute_cycles;
    out["tile_ratio"] = static_cast<double>(plan.tiles.size()) / static_cast<double>(base_plan.tiles.size());
    out["compute_speedup"] =
        plan.compute_cycles ? static_cast<double>(base_plan.compute_cycles) / static_cast<double>(plan.compute_cycles) : 1.0;
}

// Column combining drops the filter-matrix columns without a kept weight and packs sparse ones
// together: the layer's zeros are used when it needs fewer columns than the matrix has.
SparsityUse BitserialArray::sparsity_use(const LayerPacking& packing, bool masked) const {
    if (!masked) return {false, "the layer has no zero weights"};
    if (packing.packed_cols < packing.columns) return {true, ""};
    return {false, "no filter-matrix column is all zero and none combine under alpha " + std::to_string(m_params.alpha) +
                       " and gamma " + format_number(m_params.gamma)};
}

void BitserialArray::load_tile(const Tile& t, const TileWork& w, const LayerPacking& packing, const LayerJob& job) {
    const Layer& layer = *job.layer;
    const OperandView view(layer);
    const PackedMatrix& p = packing.groups[t.group];
    const std::uint32_t C = m_params.cols, L = m_params.mux_inputs;
    const auto& weights = job.tensors->weights;
    const auto& in = job.tensors->input;
    m_tile.rows_used = static_cast<std::uint32_t>(t.n_len);
    m_tile.weight.assign(static_cast<std::size_t>(m_params.rows) * C, 0);
    m_tile.select.assign(static_cast<std::size_t>(m_params.rows) * C, 0);
    for (std::uint64_t r = 0; r < t.n_len; ++r)
        for (std::uint64_t c = 0; c < t.d_len; ++c) {
            const std::int32_t sel = p.cell(static_cast<std::uint32_t>(t.n0 + r), t.d0 + c);
            if (sel < 0) continue;
            m_tile.select[r * C + c] = sel;
            m_tile.weight[r * C + c] = view.weight(weights, t.group, p.groups[t.d0 + c][static_cast<std::size_t>(sel)], t.n0 + r);
        }
    m_tile.pixels = t.m_len;
    m_tile.activation.assign(t.m_len * C * L, 0);
    for (std::uint64_t m = 0; m < t.m_len; ++m)
        for (std::uint64_t c = 0; c < t.d_len; ++c) {
            const auto& members = p.groups[t.d0 + c];
            for (std::size_t l = 0; l < members.size(); ++l)
                m_tile.activation[(m * C + c) * L + l] = view.input(in, t.group, m, members[l]);
        }
    m_tile.activation_bits = layer.quant.activation_bits;
    m_tile.activation_signed = layer.quant.activation_signed;
    m_tile.load = w.load;
    m_engine.start(m_tile);
}

void BitserialArray::store_tile(const Tile& t, const LayerJob& job) {
    const OperandView view(*job.layer);
    const auto& res = m_engine.results();
    auto& out = job.tensors->output;
    for (std::uint64_t m = 0; m < t.m_len; ++m)
        for (std::uint64_t r = 0; r < t.n_len; ++r) out[view.output_index(t.group, m, t.n0 + r)] += res[m * t.n_len + r];
}



}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    BitserialArray, BitserialParams, "bitserial",
    "R x C bit-serial systolic array (8-bit weights held in the cells, activations one bit per cycle LSB first, "
    "32-bit bit-serial accumulation, MAC units sharing the weight) with column combining: each cell's multiplexer "
    "selects one of alpha input streams; fed by double-buffered ifmap/filter/ofmap SRAMs")
