#include "pim_chip.h"

#include <algorithm>

#include "common/register_model.h"

namespace skipsim {

using sc_core::sc_time;


PimChip::PimChip(const sc_core::sc_module_name& name, const PimParams& params, BuildContext& ctx)
    : IoBufferedAccelerator(name, kKind, ctx, params,
                            {"input-vector reads from the input buffer",
                             "result writes (and partial-sum reads) to the output buffer",
                             "drains (and partial-sum refills) of the output buffer",
                             "weight reads from DRAM when a layer reprograms the crossbars"}),
      m_params(params),
      m_adc_event("adc_conversion_" + std::to_string(params.adc_bits) + "b"),
      s_windows(stat("windows", "windows", "window positions (input vectors) applied")),
      s_mvms(stat("mvms", "MVMs", "matrix-vector multiplies: windows x crossbars (the sources' computing cycles)")),
      s_rows_skipped(stat("rows_skipped", "rows", "crossbar rows dropped by row skipping (per layer mapping)")),
      s_dac_pulses(stat("dac_pulses", "pulses", "driven rows x input bits")),
      s_cell_reads(stat("cell_reads", "cells", "cells read: driven rows x used columns x input bits")),
      s_conversions(stat("adc_conversions", "conversions", "column conversions")),
      s_clipped(stat("adc_clipped", "conversions", "cycle mode: conversions whose column sum exceeded the ADC range")),
      s_shift_adds(stat("shift_adds", "operations", "shift-and-add operations on converted codes and slice combining")),
      s_program_cycles(stat("program_cycles", "cycles",
                            "cycles spent reprogramming crossbars (layers larger than the chip)")) {
    energy_event("dac_pulse", "one row driven for one input bit (1-bit DAC)");
    energy_event("cell_read", "one cell conducting for one input bit");
    energy_event(m_adc_event, "one column conversion by a " + std::to_string(params.adc_bits) + "-bit ADC");
    energy_event("shift_add", "one shift-and-add of a converted code");
    if (ctx.fidelity == Fidelity::cycle) {
        SC_HAS_PROCESS(PimChip);
        SC_THREAD(cycle_process);
    }
}

// In int8 MACs, as every family's peak: an 8-bit weight spans ceil(8 / cell_bits) columns, and an
// 8-bit input takes 8 pulses (1-bit DACs), each as long as an ADC converts its columns.
std::uint64_t PimChip::peak_macs_per_cycle() const {
    const std::uint64_t columns_per_weight = (8 + m_params.cell_bits - 1) / m_params.cell_bits;
    const std::uint64_t weights = static_cast<std::uint64_t>(m_params.arrays) * m_params.rows * (m_params.cols / columns_per_weight);
    const std::uint64_t cycles_per_input = 8ull * m_params.columns_per_adc * m_params.adc_cycles;
    return std::max<std::uint64_t>(1, weights / cycles_per_input);
}

void PimChip::on_bound(const std::string& initiator, ModelBase& peer) {
    IoBufferedAccelerator::on_bound(initiator, peer);
    if (initiator != "weight_dma") return;
    if (const auto* dram = dynamic_cast<const MemoryChannel*>(&peer)) {
        m_dram.bytes_per_cycle = dram->peak_bytes_per_ns() / clock().ghz;
        m_dram.pj_per_byte = dram->stream_pj_per_byte();
        m_dram.standby_pj_per_cycle = dram->standby_pj_per_ns() / clock().ghz;
    }
}

// padding=none maps the layer as the sources count it: windows over the unpadded input only.
Layer PimChip::mapped_layer(const Layer& l) const {
    if (m_params.padding == "zero" || l.pad_top + l.pad_bottom + l.pad_left + l.pad_right == 0) return l;
    if (m_ctx.fidelity == Fidelity::cycle)
        layer_param_error(l, "padding", "expected padding=zero in cycle mode (padding=none counts the windows of the "
                                        "unpadded input, which compute fewer outputs than the layer has), got none");
    const Layer u = unpadded(l);
    if (u.out_h() == 0 || u.out_w() == 0)
        layer_param_error(l, "padding", "expected an input at least as large as the kernel's span without padding, got " +
                                            std::to_string(l.in_h) + "x" + std::to_string(l.in_w) + " for a " +
                                            std::to_string(l.kernel_h) + "x" + std::to_string(l.kernel_w) + " kernel");
    return u;
}

CrossbarShape PimChip::crossbar_for(const Layer& l) const {
    CrossbarShape xb;
    xb.rows = m_params.rows;
    xb.cols = m_params.cols;
    xb.cols_per_weight = ceil_div(static_cast<std::uint64_t>(l.quant.weight_bits), m_params.cell_bits);
    if (l.kernel_h > 64 || l.kernel_w > 64)
        layer_param_error(l, "rows", "expected kernels of at most 64 x 64 on crossbars, got " + std::to_string(l.kernel_h) + "x" +
                            std::to_string(l.kernel_w));
    const std::uint64_t kernel_rows = static_cast<std::uint64_t>(l.kernel_h) * l.kernel_w;
    if (xb.rows < kernel_rows)
        layer_param_error(l, "rows", "expected at least " + std::to_string(kernel_rows) + " rows (one input channel's " +
                            std::to_string(l.kernel_h) + "x" + std::to_string(l.kernel_w) + " kernel), got " +
                            std::to_string(xb.rows));
    if (xb.cols < xb.cols_per_weight)
        layer_param_error(l, "cols", "expected at least " + std::to_string(xb.cols_per_weight) + " columns (one " +
                            std::to_string(l.quant.weight_bits) + "-bit weight in " + std::to_string(m_params.cell_bits) +
                            "-bit cells), got " + std::to_string(xb.cols));
    return xb;
}

WindowMapping PimChip::choose_mapping(const Layer& l, const CrossbarShape& xb, const ChannelPatterns* pats) const {
    const std::string& m = m_params.mapping;
    const PimMethod method = m == "im2col"     ? PimMethod::im2col
                             : m == "vw_sdk"   ? PimMethod::vw_sdk
                             : m == "sdk_skip" ? PimMethod::sdk_skip
                                               : PimMethod::sdk;
    if (m_params.window_h == 0) return m == "best" ? cheapest_mapping(l, xb, pats) : search_mapping(l, xb, pats, method);
    const std::uint32_t ch = copies_for_window(m_params.window_h, l.dilation_h * (l.kernel_h - 1) + 1, l.stride_h);
    const std::uint32_t cw = copies_for_window(m_params.window_w, l.dilation_w * (l.kernel_w - 1) + 1, l.stride_w);
    if (ch == 0 || cw == 0 || (method == PimMethod::im2col && ch * cw != 1))
        layer_param_error(l, "window_h", std::string("expected a window of kernel span + n x stride (") + to_string(method) + "), got " +
                                std::to_string(m_params.window_h) + "x" + std::to_string(m_params.window_w));
    WindowMapping w = evaluate_mapping(l, xb, pats, method, std::min(ch, l.out_h()), std::min(cw, l.out_w()));
    if (!w.valid)
        layer_param_error(l, "window_h", "expected a window whose rows of one channel and columns of one filter fit a " +
                                std::to_string(xb.rows) + " x " + std::to_string(xb.cols) + " crossbar");
    return w;
}

void PimChip::count_step(const Layer& l, const PimStep& s, const PimRound& r) {
    const PimEvents e = step_events(l, s, r);
    s_windows += s.windows();
    s_mvms += s.windows() * r.tiles.size();
    s_shift_adds += e.shift_adds;
    m_energy.add("shift_add", e.shift_adds);
    if (m_ctx.fidelity == Fidelity::cycle) return;  // the crossbars counted their own events
    count_crossbar_events(e.dac_pulses, e.cell_reads, e.conversions);
}

void PimChip::count_crossbar_events(std::uint64_t dac_pulses, std::uint64_t cell_reads, std::uint64_t conversions) {
    s_dac_pulses += dac_pulses;
    s_cell_reads += cell_reads;
    s_conversions += conversions;
    m_energy.add("dac_pulse", dac_pulses);
    m_energy.add("cell_read", cell_reads);
    m_energy.add(m_adc_event, conversions);
}

PimChip::Scheduled PimChip::schedule_mapping(const LayerPlan& p, const WindowMapping& m) const {
    Scheduled s;
    s.map = m;
    s.tiles = array_tiles(row_tile_heights(p.layer, p.xbar, p.skip(), m), column_tile_widths(p.layer, p.xbar, m));
    PimChipShape chip;
    chip.arrays = m_params.arrays;
    chip.adcs_per_array = m_params.cols / m_params.columns_per_adc;
    chip.adc_cycles = m_params.adc_cycles;
    chip.write_cycles_per_row = m_params.write_cycles_per_row;
    chip.cell_bits = m_params.cell_bits;
    chip.output_bytes = m_params.output_bytes;
    s.schedule = schedule_pim_layer(p.layer, m, s.tiles, chip, input_half(), output_half());
    if (s.schedule.error.empty()) {
        const auto& price = m_energy.prices();
        const PimPrices prices{price.at("dac_pulse"), price.at("cell_read"), price.at(m_adc_event), price.at("shift_add")};
        s.cost = layer_cost(p.layer, s.schedule, prices, m_dram);
    }
    return s;
}

// best_time: fewest estimated cycles, then fewest crossbar cycles; best_energy: least estimated
// energy (crossbars and DRAM), then fewest estimated cycles. Further ties keep the earlier of
// im2col, SDK, sdk_skip, VW-SDK.
void PimChip::choose_by_cost(LayerPlan& p) const {
    const bool time = m_params.mapping == "best_time";
    auto better = [time](const PimLayerCost& a, const PimLayerCost& b) {
        if (time)
            return a.estimated_cycles != b.estimated_cycles ? a.estimated_cycles < b.estimated_cycles
                                                            : a.crossbar_cycles < b.crossbar_cycles;
        return a.estimated_pj() != b.estimated_pj() ? a.estimated_pj() < b.estimated_pj()
                                                    : a.estimated_cycles < b.estimated_cycles;
    };
    for (const WindowMapping& m : candidate_mappings(p.layer, p.xbar, p.skip())) p.candidates.push_back(schedule_mapping(p, m));
    const Scheduled* best = nullptr;
    for (const Scheduled& c : p.candidates)
        if (c.schedule.error.empty() && (!best || better(c.cost, best->cost))) best = &c;
    if (!best) layer_param_error(p.layer, "mapping", p.candidates.front().schedule.error);
    p.chosen = *best;
}

PimChip::LayerPlan PimChip::plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const {
    LayerPlan p;
    p.layer = mapped_layer(layer);
    p.xbar = crossbar_for(p.layer);
    if (m_params.skip_rows && mask && !mask->empty()) p.patterns = channel_patterns(p.layer, *mask);
    if (m_params.mapping == "best_time" || m_params.mapping == "best_energy") {
        choose_by_cost(p);
        return p;
    }
    p.chosen = schedule_mapping(p, choose_mapping(p.layer, p.xbar, p.skip()));
    if (!p.chosen.schedule.error.empty()) layer_param_error(layer, "mapping", p.chosen.schedule.error);
    return p;
}

void PimChip::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    m_checked.keep(layer, plan_layer(layer, &mask));
}

void PimChip::run_layer(const LayerJob& job, sc_time& delay) {
    const Layer& layer = *job.layer;
    std::optional<LayerPlan> checked = m_checked.take(layer);
    const LayerPlan plan = checked ? std::move(*checked) : plan_layer(layer, job.mask);
    const CrossbarShape& xb = plan.xbar;
    const ChannelPatterns* pp = plan.skip();
    const WindowMapping& map = plan.chosen.map;
    const PimSchedule& sched = plan.chosen.schedule;
    if (job.outcome) {
        describe_mapping(plan, *job.outcome);
        job.outcome->sparsity_use = sparsity_use(map, job.mask != nullptr);
    }
    s_rows_skipped += map.skipped_rows;

    const bool functional = m_ctx.fidelity == Fidelity::cycle;
    CrossbarLayout layout;
    if (functional) {
        if (!job.tensors) throw InternalError(path() + ": cycle mode needs the layer's tensors");
        job.tensors->output.assign(static_cast<std::size_t>(layer.batch) * layer.out_channels * layer.out_h() *
                                       layer.out_w(), 0);
        layout = build_layout(layer, xb, pp, map);
        m_compute = std::make_unique<CrossbarCompute>(layer, layout, map, m_params.cell_bits, m_params.adc_bits,
                                                      job.tensors->input, job.tensors->weights);
        m_output_tensor = &job.tensors->output;
        m_bits = static_cast<std::uint32_t>(layer.quant.activation_bits);
    }

    StepHooks hooks;
    hooks.fetch = [&](std::size_t i, const sc_time& at) { return fetch_io(sched.steps[i], at); };
    hooks.ports = [&](std::size_t i, const sc_time& start) { return ports_io(sched.steps[i], start); };
    hooks.compute = [&](std::size_t i, const sc_time& start, sc_time& end) {
        const PimStep& s = sched.steps[i];
        if (functional) {
            sc_core::wait(start - sc_core::sc_time_stamp());
            m_step = &s;
            m_round = &sched.rounds[s.round];
            m_run_event.notify(sc_core::SC_ZERO_TIME);
            sc_core::wait(m_done_event);
            end = sc_core::sc_time_stamp();
        } else {
            end = start + to_time(s.program + s.compute);
        }
        return s.program + s.compute;
    };
    hooks.finished = [&](std::size_t i, const sc_time& start, const sc_time& end, Cycles) {
        const PimStep& s = sched.steps[i];
        s_program_cycles += s.program;
        count_step(layer, s, sched.rounds[s.round]);
        if (tracing()) {
            const sc_time compute_start = std::min(end, start + to_time(s.program));
            if (s.program) trace("program crossbars", "fill", start, compute_start, {{"round", s.round}, {"cycles", s.program}});
            trace("windows", "compute", compute_start, end,
                  {{"round", s.round}, {"window_row", s.wy}, {"windows", s.windows()}, {"cycles", s.compute}});
        }
    };
    hooks.drain = [&](std::size_t i, const sc_time& end) { return drain_io(sched.steps[i], end); };
    run_step_pipeline(sched.steps.size(), hooks, delay);
    m_compute.reset();
}

void PimChip::describe_mapping(const LayerPlan& p, LayerOutcome& outcome) const {
    const Layer& l = p.layer;
    const WindowMapping& m = p.chosen.map;
    OrderedJson& out = outcome.mapping;
    out["requested"] = m_params.mapping;
    // Fields that only non-default options add, so that default reports keep their bytes.
    if (m_params.mapping == "best") out["objective"] = "fewest MVMs of im2col, sdk and vw_sdk";
    if (m_params.mapping == "best_time")
        out["objective"] = "fewest estimated cycles (crossbar cycles or DRAM bytes at the channel's peak rate, "
                           "whichever is larger) of im2col, sdk, sdk_skip and vw_sdk";
    if (m_params.mapping == "best_energy")
        out["objective"] = "least estimated energy (crossbar events, and DRAM bytes and standby at the channel's "
                           "prices) of im2col, sdk, sdk_skip and vw_sdk";
    if (m_params.padding != "zero") {
        out["padding"] = m_params.padding;
        out["output"] = {l.out_h(), l.out_w()};
    }
    out["method"] = to_string(m.method);
    out["window"] = {m.window_h, m.window_w};
    out["kernel_copies"] = {m.copies_h, m.copies_w};
    out["windows"] = m.windows() * l.batch;
    out["rows"] = m.rows;
    out["rows_skipped"] = m.skipped_rows;
    out["row_tiles"] = m.row_tiles;
    out["col_tiles"] = m.col_tiles;
    out["arrays_used"] = m.arrays;
    out["rounds"] = p.chosen.schedule.rounds.size();
    out["computing_cycles"] = m.mvms;
    out["compute_cycles"] = p.chosen.schedule.compute_cycles;
    // The same layer mapped without skipping: SDK, and im2col.
    const WindowMapping sdk = search_mapping(l, p.xbar, nullptr, PimMethod::sdk);
    const WindowMapping im2col = search_mapping(l, p.xbar, nullptr, PimMethod::im2col);
    out["sdk_no_skip"] = {{"window", {sdk.window_h, sdk.window_w}}, {"computing_cycles", sdk.mvms}, {"arrays_used", sdk.arrays}};
    out["im2col"] = {{"computing_cycles", im2col.mvms}, {"arrays_used", im2col.arrays}};
    out["speedup_vs_sdk"] = m.mvms ? static_cast<double>(sdk.mvms) / static_cast<double>(m.mvms) : 1.0;
    out["speedup_vs_im2col"] = m.mvms ? static_cast<double>(im2col.mvms) / static_cast<double>(m.mvms) : 1.0;
    if (p.candidates.empty()) return;
    OrderedJson candidates = OrderedJson::array();
    for (const Scheduled& c : p.candidates) {
        OrderedJson j = {{"method", to_string(c.map.method)}, {"window", {c.map.window_h, c.map.window_w}},
                         {"computing_cycles", c.map.mvms}};
        if (!c.schedule.error.empty()) {
            j["error"] = c.schedule.error;
        } else {
            j["crossbar_cycles"] = c.cost.crossbar_cycles;
            j["dram_bytes"] = c.cost.dram_bytes;
            j["dram_cycles_at_peak"] = c.cost.dram_cycles;
            j["estimated_cycles"] = c.cost.estimated_cycles;
            j["crossbar_pj"] = c.cost.crossbar_pj;
            j["dram_pj"] = c.cost.dram_pj;
        }
        candidates.push_back(j);
    }
    out["candidates"] = candidates;
}

// PAIRS: an array row (input channel, window cell) is skipped when every kernel copy maps a zero
// onto it, in every output channel.
SparsityUse PimChip::sparsity_use(const WindowMapping& map, bool masked) const {
    if (!masked) return {false, "the layer has no zero weights"};
    if (!m_params.skip_rows) return {false, "skip_rows is off"};
    if (map.skipped_rows) return {true, ""};
    return {false, "no crossbar row is zero in every kernel copy and output channel: every row "
                   "is programmed and driven"};
}

// The chip's one process in cycle mode: each wait is one input-bit pulse of every crossbar of the
// round (as long as the busiest ADC converts), after the round's programming.
void PimChip::cycle_process() {
    for (;;) {
        sc_core::wait(m_run_event);
        const PimStep& s = *m_step;
        const PimRound& r = *m_round;
        if (s.wx0 == 0 && s.wy == 0 && s.batch == 0) {
            m_compute->program(r.tiles);
            if (s.program) sc_core::wait(to_time(s.program));
        }
        CrossbarCounts counts;
        for (std::uint64_t wx = s.wx0; wx < s.wx1; ++wx) {
            m_compute->begin_window(s.batch, s.wy, wx);
            for (std::uint32_t bit = 0; bit < m_bits; ++bit) {
                m_compute->pulse(bit, counts);
                if (r.pulse_cycles) sc_core::wait(to_time(r.pulse_cycles));
            }
            m_compute->finish_window(*m_output_tensor);
        }
        count_crossbar_events(counts.dac_pulses, counts.cell_reads, counts.conversions);
        s_clipped += counts.clipped;
        m_done_event.notify(sc_core::SC_ZERO_TIME);
    }
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    PimChip, PimParams, "pim",
    "processing-in-memory chip of AR x AC crossbars (bit-serial 1-bit DACs, shared ADCs, shift-add) with im2col, "
    "SDK (the published or a skip-aware window search) and VW-SDK weight mapping and PAIRS row skipping, between "
    "input/output SRAM buffers and DDR")
