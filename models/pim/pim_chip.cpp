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

std::uint64_t PimChip::peak_macs_per_cycle() const {
    return static_cast<std::uint64_t>(m_params.arrays) * m_params.rows * m_params.cols /
           (static_cast<std::uint64_t>(m_params.columns_per_adc) * m_params.adc_cycles);
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
    const PimMethod method = m == "im2col" ? PimMethod::im2col : m == "vw_sdk" ? PimMethod::vw_sdk : PimMethod::sdk;
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
    const std::uint64_t w = s.windows(), bits = static_cast<std::uint64_t>(l.quant.activation_bits);
    s_windows += w;
    s_mvms += w * r.tiles.size();
    // Each conversion's code is shift-added, and each window combines its columns' slices once.
    const std::uint64_t shift_adds = w * r.conversions_per_pulse * (bits + 1);
    s_shift_adds += shift_adds;
    m_energy.add("shift_add", shift_adds);
    if (m_ctx.fidelity == Fidelity::cycle) return;  // the crossbars counted their own events
    s_dac_pulses += w * bits * r.rows_per_pulse;
    s_cell_reads += w * bits * r.cells_per_pulse;
    s_conversions += w * bits * r.conversions_per_pulse;
    m_energy.add("dac_pulse", w * bits * r.rows_per_pulse);
    m_energy.add("cell_read", w * bits * r.cells_per_pulse);
    m_energy.add(m_adc_event, w * bits * r.conversions_per_pulse);
}

PimChip::LayerPlan PimChip::plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const {
    LayerPlan p;
    p.xbar = crossbar_for(layer);
    if (m_params.skip_rows && mask && !mask->empty()) p.patterns = channel_patterns(layer, *mask);
    p.map = choose_mapping(layer, p.xbar, p.skip());
    p.tiles = array_tiles(row_tile_heights(layer, p.xbar, p.skip(), p.map), column_tile_widths(layer, p.xbar, p.map));
    PimChipShape chip;
    chip.arrays = m_params.arrays;
    chip.adcs_per_array = m_params.cols / m_params.columns_per_adc;
    chip.adc_cycles = m_params.adc_cycles;
    chip.write_cycles_per_row = m_params.write_cycles_per_row;
    chip.cell_bits = m_params.cell_bits;
    chip.output_bytes = m_params.output_bytes;
    p.schedule = schedule_pim_layer(layer, p.map, p.tiles, chip, input_half(), output_half());
    if (!p.schedule.error.empty()) layer_param_error(layer, "mapping", p.schedule.error);
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
    const WindowMapping& map = plan.map;
    const PimSchedule& sched = plan.schedule;
    if (job.outcome) {
        describe_mapping(layer, xb, map, sched, *job.outcome);
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

void PimChip::describe_mapping(const Layer& l, const CrossbarShape& xb, const WindowMapping& m,
                               const PimSchedule& sched, LayerOutcome& outcome) const {
    OrderedJson& out = outcome.mapping;
    out["requested"] = m_params.mapping;
    out["method"] = to_string(m.method);
    out["window"] = {m.window_h, m.window_w};
    out["kernel_copies"] = {m.copies_h, m.copies_w};
    out["windows"] = m.windows() * l.batch;
    out["rows"] = m.rows;
    out["rows_skipped"] = m.skipped_rows;
    out["row_tiles"] = m.row_tiles;
    out["col_tiles"] = m.col_tiles;
    out["arrays_used"] = m.arrays;
    out["rounds"] = sched.rounds.size();
    out["computing_cycles"] = m.mvms;
    out["compute_cycles"] = sched.compute_cycles;
    // The same layer mapped without skipping: SDK, and im2col.
    const WindowMapping sdk = search_mapping(l, xb, nullptr, PimMethod::sdk);
    const WindowMapping im2col = search_mapping(l, xb, nullptr, PimMethod::im2col);
    out["sdk_no_skip"] = {{"window", {sdk.window_h, sdk.window_w}}, {"computing_cycles", sdk.mvms}, {"arrays_used", sdk.arrays}};
    out["im2col"] = {{"computing_cycles", im2col.mvms}, {"arrays_used", im2col.arrays}};
    out["speedup_vs_sdk"] = m.mvms ? static_cast<double>(sdk.mvms) / static_cast<double>(m.mvms) : 1.0;
    out["speedup_vs_im2col"] = m.mvms ? static_cast<double>(im2col.mvms) / static_cast<double>(m.mvms) : 1.0;
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
        s_dac_pulses += counts.dac_pulses;
        s_cell_reads += counts.cell_reads;
        s_conversions += counts.conversions;
        s_clipped += counts.clipped;
        m_energy.add("dac_pulse", counts.dac_pulses);
        m_energy.add("cell_read", counts.cell_reads);
        m_energy.add(m_adc_event, counts.conversions);
        m_done_event.notify(sc_core::SC_ZERO_TIME);
    }
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    PimChip, PimParams, "pim",
    "processing-in-memory chip of AR x AC crossbars (bit-serial 1-bit DACs, shared ADCs, shift-add) with im2col, "
    "SDK and VW-SDK weight mapping and PAIRS row skipping, between input/output SRAM buffers and DDR")
