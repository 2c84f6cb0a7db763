#include "systolic_array.h"

#include <algorithm>

#include "common/register_model.h"
#include "operand_view.h"

namespace skipsim {

using sc_core::sc_time;

SystolicArray::SystolicArray(const sc_core::sc_module_name& name, const SystolicParams& params,
                             BuildContext& ctx)
    : BufferedArray(name, kKind, ctx, params.clock_ghz,
                    {params.ddr_ifmap_base, params.ddr_filter_base, params.ddr_ofmap_base},
                    {"operand reads from the ifmap buffer", "weight reads from the filter buffer",
                     "partial-sum writes/reads to the ofmap buffer"}),
      m_params(params),
      m_dataflow(parse_dataflow(params.dataflow)),
      m_mapping(params.mapping == "kij_timestep" ? Mapping::kij_timestep : Mapping::im2col),
      m_engine(params.rows, params.cols, ctx.threads),
      m_engine_clock(m_engine, to_time(1)),
      s_folds(stat("folds", "folds", "folds (tiles) executed")),
      s_steps(stat("steps", "steps", "fold parts streamed through the buffers")),
      s_macs(stat("macs", "MACs", "MAC slots with real operands (dense, zeros included)")),
      s_weight_loads(stat("stationary_loads", "loads", "PE register loads of the stationary operand")),
      s_sfu_adds(stat("sfu_adds", "additions",
                      "kij_timestep: shifted partial-sum additions in the special-function unit")) {
    energy_family("mac_int<b>", "one b-bit multiply-accumulate (b = wider operand)");
    energy_event("stationary_load", "one PE register write of a stationary operand");
    if (m_mapping == Mapping::kij_timestep) energy_event("sfu_add", "kij_timestep: one 32-bit shifted partial-sum addition");
    if (ctx.fidelity == Fidelity::cycle) m_engine_clock.spawn("cycle_process");
}

double SystolicArray::cycle_mode_work(const Layer& layer) const {
    PlanOptions opt;
    opt.mapping = m_mapping;
    opt.accumulator_bits = m_params.accumulator_bits;
    const Cycles cycles = plan_layer(layer, m_dataflow, m_params.rows, m_params.cols, capacities(), opt).compute_cycles;
    return static_cast<double>(cycles) * m_params.rows * m_params.cols;
}

void SystolicArray::run_layer(const LayerJob& job, sc_time& delay) {
    const Layer& layer = *job.layer;
    const BufferCapacities caps = capacities();
    PlanOptions opt;
    opt.mapping = m_mapping;
    opt.accumulator_bits = m_params.accumulator_bits;
    const bool structured = m_mapping == Mapping::kij_timestep || m_dataflow == Dataflow::os;
    static const std::vector<std::uint8_t> kDense;
    m_structure = analyze_sparsity(layer, job.mask && structured ? *job.mask : kDense, m_mapping == Mapping::kij_timestep,
                                   m_dataflow == Dataflow::os);
    opt.sparsity = &m_structure;
    opt.skip_pruned = m_params.skip_pruned && structured && job.mask != nullptr;
    const LayerPlan plan = plan_layer(layer, m_dataflow, m_params.rows, m_params.cols, caps, opt);
    if (job.outcome) {
        describe_mapping(layer, plan, caps, opt, *job.outcome);
        job.outcome->sparsity_use = sparsity_use(plan, job.mask != nullptr, *job.outcome);
    }
    const bool functional = m_ctx.fidelity == Fidelity::cycle;
    if (functional) {
        if (!job.tensors) throw InternalError(path() + ": cycle mode needs the layer's tensors");
        job.tensors->output.assign(static_cast<std::size_t>(layer.batch) * layer.out_channels *
                                       layer.out_h() * layer.out_w(), 0);
    }

    const std::vector<Step> steps = split_steps(plan.tiles, caps);

    std::uint64_t macs = 0, sfu_adds = 0, folds = 0;
    const TileEngine engine{[&](std::size_t t) { load_tile(plan.tiles[t], job); },
                            [&](std::size_t t) { store_tile(plan.tiles[t], job); },
                            [&](Cycles n, bool until_done) { return m_engine_clock.run(n, until_done); }};
    run_steps(steps, functional ? &engine : nullptr, [&](const Step& s, const sc_time& start, const sc_time& end, Cycles ran) {
        if (tracing()) {
            // WS and IS folds begin by shifting the stationary operand in (R cycles).
            sc_time stream_start = start;
            if (s.part == 0 && m_dataflow != Dataflow::os) {
                stream_start = std::min(end, start + to_time(m_params.rows));
                trace("stationary fill", "fill", start, stream_start, {{"tile", s.tile}, {"cycles", m_params.rows}});
            }
            trace("stream", "compute", stream_start, end,
                  {{"tile", s.tile}, {"part", s.part}, {"parts", s.parts}, {"cycles", ran}});
        }
        if (s.part == 0) {
            const Tile& tile = plan.tiles[s.tile];
            ++s_folds;
            macs += tile.dense_macs;
            sfu_adds += tile.sfu_adds;
            ++folds;
        }
        ++s_steps;
    }, delay);
    s_macs += macs;
    count_mac_energy(layer, macs);
    // Counted once per layer rather than per fold: the sums are the same.
    s_sfu_adds += sfu_adds;
    if (sfu_adds) m_energy.add("sfu_add", sfu_adds);
    const std::uint64_t stationary_loads = folds * m_params.rows * m_params.cols;
    s_weight_loads += stationary_loads;
    m_energy.add("stationary_load", stationary_loads);
}

void SystolicArray::describe_mapping(const Layer& layer, const LayerPlan& plan, const BufferCapacities& caps,
                                     const PlanOptions& opt, LayerOutcome& outcome) const {
    OrderedJson& out = outcome.mapping;
    out["mapping"] = m_params.mapping;
    out["dataflow"] = m_params.dataflow;
    out["folds"] = plan.tiles.size();
    out["compute_cycles"] = plan.compute_cycles;
    if (plan.dense_steps) {
        const bool kij = plan.mapping == Mapping::kij_timestep;
        out[kij ? "timesteps" : "reduction"] = {{"dense", plan.dense_steps}, {"kept", plan.kept_steps}};
        // The same layer without skipping, for the dense-vs-pruned speedup.
        PlanOptions dense = opt;
        dense.skip_pruned = false;
        const Cycles dense_cycles = plan_layer(layer, m_dataflow, m_params.rows, m_params.cols, caps, dense).compute_cycles;
        outcome.dense_compute_cycles = dense_cycles;
        out["dense_compute_cycles"] = dense_cycles;
        out["compute_speedup"] = plan.compute_cycles ? static_cast<double>(dense_cycles) / plan.compute_cycles : 1.0;
    }
}

// Whether the layer's zeros shortened its run: seed 000's schemes skip the kernel positions (WS
// kij_timestep) or reduction sticks (OS) that are zero in every channel sharing them; the im2col
// mapping of WS and IS computes every weight.
SparsityUse SystolicArray::sparsity_use(const LayerPlan& plan, bool masked, const LayerOutcome& outcome) const {
    if (!masked) return {false, "the layer has no zero weights"};
    if (!m_params.skip_pruned) return {false, "skip_pruned is off"};
    if (m_mapping == Mapping::im2col && m_dataflow != Dataflow::os)
        return {false, "the im2col mapping computes every weight (the kij_timestep mapping and the OS dataflow skip "
                       "pruned kernel positions)"};
    const bool kij = m_mapping == Mapping::kij_timestep;
    if (outcome.dense_compute_cycles.value_or(plan.compute_cycles) <= plan.compute_cycles)
        return {false, kij ? "every fold has an output channel that keeps all its kernel positions: every "
                             "timestep runs"
                           : "no (input channel, kernel position) stick is zero in every filter of its group: the "
                             "reduction runs in full"};
    std::size_t least = SIZE_MAX, most = 0;
    for (const auto& kept : m_structure.kept_kij) {
        least = std::min(least, kept.size());
        most = std::max(most, kept.size());
    }
    if (kij && least < most)
        return {true, "output channels keep " + std::to_string(least) + " to " + std::to_string(most) +
                          " kernel positions: each fold runs the largest count of its columns"};
    return {true, ""};
}

std::uint64_t SystolicArray::kernel_position(const Tile& t, std::uint64_t filter, const LayerJob& job) const {
    // Without skipping, timestep t is kernel position t; with it, the filter's t-th kept one
    // (R x S, i.e. none, once the filter has run out of kept positions).
    if (!(m_params.skip_pruned && job.mask)) return t.timestep;
    const auto& kept = m_structure.kept_kij[filter];
    return t.timestep < kept.size() ? kept[t.timestep] : static_cast<std::uint64_t>(job.layer->kernel_h) * job.layer->kernel_w;
}

void SystolicArray::load_tile(const Tile& t, const LayerJob& job) {
    const OperandView view(*job.layer);
    const std::uint32_t R = m_params.rows, C = m_params.cols;
    const auto& in = job.tensors->input;
    const auto& w = job.tensors->weights;
    const GemmShape g = job.layer->gemm();
    m_op_a.assign(static_cast<std::size_t>(R) * C, 0);
    if (m_mapping == Mapping::kij_timestep) {
        // Column c holds, for input channel row r, its filter's t-th kept kernel position.
        const Layer& L = *job.layer;
        const std::uint64_t rs = static_cast<std::uint64_t>(L.kernel_h) * L.kernel_w, cg = L.channels_per_group();
        for (std::uint64_t c = 0; c < t.n_len; ++c) {
            const std::uint64_t kij = kernel_position(t, t.group * g.n + t.n0 + c, job);
            if (kij >= rs) continue;
            for (std::uint64_t r = 0; r < t.d_len; ++r) m_op_a[r * C + c] = view.weight(w, t.group, (t.d0 + r) * rs + kij, t.n0 + c);
        }
        // Every padded input pixel streams once; rows are input channels (row r's queue: input
        // channel r of every pixel).
        const std::uint64_t hp = L.in_h + L.pad_top + L.pad_bottom, wp = L.in_w + L.pad_left + L.pad_right;
        m_op_b.assign(t.m_len * R, 0);
        for (std::uint64_t pix = 0; pix < t.m_len; ++pix) {
            const std::uint64_t b = pix / (hp * wp), y = (pix / wp) % hp, x = pix % wp;
            if (y < L.pad_top || x < L.pad_left || y >= L.pad_top + L.in_h || x >= L.pad_left + L.in_w) continue;
            for (std::uint64_t r = 0; r < t.d_len; ++r) {
                const std::uint64_t ch = t.group * cg + t.d0 + r;
                m_op_b[r * t.m_len + pix] = in[((b * L.in_channels + ch) * L.in_h + (y - L.pad_top)) * L.in_w + (x - L.pad_left)];
            }
        }
        m_engine.start_stationary_fold(m_op_a, m_op_b, t.m_len);
    } else if (m_dataflow == Dataflow::ws) {
        for (std::uint64_t c = 0; c < t.n_len; ++c) {
            const std::int32_t* f = view.filter(w, t.group, t.n0 + c) + t.d0;
            for (std::uint64_t r = 0; r < t.d_len; ++r) m_op_a[r * C + c] = f[r];
        }
        // Row r's queue: reduction index d0 + r of every output pixel (the gather writes every
        // entry of the tile's rows; the rows below it stay zero).
        m_op_b.resize(g.m * R);
        std::fill(m_op_b.begin() + static_cast<std::ptrdiff_t>(g.m * t.d_len), m_op_b.end(), 0);
        std::vector<std::uint64_t> ds(t.d_len);
        for (std::uint64_t r = 0; r < t.d_len; ++r) ds[r] = t.d0 + r;
        view.gather_inputs(in, t.group, 0, g.m, ds, m_op_b.data(), 1, g.m);
        m_engine.start_stationary_fold(m_op_a, m_op_b, g.m);
    } else if (m_dataflow == Dataflow::is) {
        std::vector<std::uint64_t> ds(t.d_len);
        for (std::uint64_t r = 0; r < t.d_len; ++r) ds[r] = t.d0 + r;
        view.gather_inputs(in, t.group, t.m0, t.m_len, ds, m_op_a.data(), 1, C);
        m_op_b.assign(g.n * R, 0);
        for (std::uint64_t n = 0; n < g.n; ++n)
            for (std::uint64_t r = 0; r < t.d_len; ++r) m_op_b[r * g.n + n] = view.weight(w, t.group, t.d0 + r, n);
        m_engine.start_stationary_fold(m_op_a, m_op_b, g.n);
    } else {
        // The reduction streams the kept (input channel, kernel position) pairs only when skipping.
        const auto& kept = m_structure.kept_d[t.group];
        const bool skip = t.d_len != g.d || (m_params.skip_pruned && job.mask);
        auto d_of = [&](std::uint64_t k) -> std::uint64_t { return skip ? (k < kept.size() ? kept[k] : g.d) : k; };
        const std::uint64_t D = t.d_len;
        m_op_a.assign(static_cast<std::size_t>(R) * D, 0);
        m_op_b.assign(D * C, 0);
        std::vector<std::uint64_t> ds(D);
        for (std::uint64_t k = 0; k < D; ++k) {
            ds[k] = d_of(k);
            if (ds[k] >= g.d) continue;
            for (std::uint64_t c = 0; c < t.n_len; ++c) m_op_b[k * C + c] = view.weight(w, t.group, ds[k], t.n0 + c);
        }
        view.gather_inputs(in, t.group, t.m0, t.m_len, ds, m_op_a.data(), D, 1);
        m_engine.start_output_stationary_fold(m_op_a, m_op_b, D);
    }
}

void SystolicArray::store_tile(const Tile& t, const LayerJob& job) {
    const OperandView view(*job.layer);
    const std::uint32_t C = m_params.cols;
    const auto& res = m_engine.results();
    auto& out = job.tensors->output;
    const GemmShape g = job.layer->gemm();
    if (m_mapping == Mapping::kij_timestep) {
        // The special-function unit adds each column's partial sums, shifted by the offset of the
        // kernel position that column held, into the output.
        const Layer& L = *job.layer;
        const std::uint64_t rs = static_cast<std::uint64_t>(L.kernel_h) * L.kernel_w;
        const std::uint64_t hp = L.in_h + L.pad_top + L.pad_bottom, wp = L.in_w + L.pad_left + L.pad_right;
        const std::uint64_t P = L.out_h(), Q = L.out_w();
        for (std::uint64_t c = 0; c < t.n_len; ++c) {
            const std::uint64_t kij = kernel_position(t, t.group * g.n + t.n0 + c, job);
            if (kij >= rs) continue;
            const std::uint64_t ki = kij / L.kernel_w, kj = kij % L.kernel_w;
            for (std::uint64_t b = 0; b < L.batch; ++b)
                for (std::uint64_t p = 0; p < P; ++p)
                    for (std::uint64_t q = 0; q < Q; ++q) {
                        const std::uint64_t pix = (b * hp + p * L.stride_h + ki * L.dilation_h) * wp + q * L.stride_w + kj * L.dilation_w;
                        out[view.output_index(t.group, (b * P + p) * Q + q, t.n0 + c)] += res[pix * C + c];
                    }
        }
    } else if (m_dataflow == Dataflow::ws) {
        const std::size_t plane = view.output_channel_stride();
        for (std::uint64_t m = 0; m < g.m; ++m) {
            const std::size_t at = view.output_index(t.group, m, t.n0);
            for (std::uint64_t c = 0; c < t.n_len; ++c) out[at + c * plane] += res[m * C + c];
        }
    } else if (m_dataflow == Dataflow::is) {
        for (std::uint64_t n = 0; n < g.n; ++n)
            for (std::uint64_t c = 0; c < t.m_len; ++c) out[view.output_index(t.group, t.m0 + c, n)] += res[n * C + c];
    } else {
        const std::size_t plane = view.output_channel_stride();
        for (std::uint64_t r = 0; r < t.m_len; ++r) {
            const std::size_t at = view.output_index(t.group, t.m0 + r, t.n0);
            for (std::uint64_t c = 0; c < t.n_len; ++c) out[at + c * plane] += res[r * C + c];
        }
    }
}



}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    SystolicArray, SystolicParams, "systolic",
    "R x C systolic array with SCALE-Sim's WS, OS and IS dataflows, WS kij-timestep skipping and OS "
    "reduction skipping, fed by double-buffered ifmap/filter/ofmap SRAMs")
