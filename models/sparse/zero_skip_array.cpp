#include "zero_skip_array.h"

#include <algorithm>

#include "common/register_model.h"

namespace skipsim {

using sc_core::sc_time;


ZeroSkipArray::ZeroSkipArray(const sc_core::sc_module_name& name, const ZeroSkipParams& params, BuildContext& ctx)
    : IoBufferedAccelerator(name, kKind, ctx, params,
                            {"activation-slice reads from the input buffer", "result writes to the output buffer",
                             "drains of the output buffer",
                             "stored weight streams read from DRAM, one pass of filters at a time"}),
      m_params(params),
      s_passes(stat("passes", "passes", "passes of `lanes` filters")),
      s_blocks(stat("blocks", "blocks", "blocks of up to vector_width output pixels, per pass")),
      s_entries(stat("lane_entries", "entries", "stored entries lanes stepped through (one per lane cycle)")),
      s_fillers(stat("rle_fillers", "entries", "rle filler entries stored (runs longer than the run field)")),
      s_macs(stat("macs", "MACs", "MAC slots used: entries x block pixels")),
      s_idle_lane_cycles(stat("idle_lane_cycles", "cycles", "lane cycles spent waiting for the group's slowest lane")),
      s_weight_bytes(stat("weight_bytes", "bytes", "stored weight bytes read from DRAM (values and metadata)")),
      s_metadata_bytes(stat("metadata_bytes", "bytes", "of which format metadata (bitmaps, run fields, entry counts)")) {
    m_shape.lanes = params.lanes;
    m_shape.vector_width = params.vector_width;
    m_shape.group_size = params.group_size;
    m_shape.slice_channels = params.slice_channels;
    m_shape.sync_cycles = params.sync_cycles;
    m_shape.format = weight_format_from(params.format);
    m_shape.run_bits = params.run_bits;
    m_shape.lane_weight_bytes = params.lane_weight_bytes;
    m_shape.output_bytes = params.output_bytes;
    energy_family("mac_int<b>", "one b-bit multiply-accumulate (b = wider operand)");
    energy_event("lane_buffer_read", "one stored entry read and decoded from a lane's weight buffer");
    if (ctx.fidelity == Fidelity::cycle) {
        SC_HAS_PROCESS(ZeroSkipArray);
        SC_THREAD(cycle_process);
    }
}

std::uint64_t ZeroSkipArray::peak_macs_per_cycle() const {
    return static_cast<std::uint64_t>(m_params.lanes) * m_params.vector_width;
}

ZeroSkipPlan ZeroSkipArray::plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const {
    ZeroSkipPlan plan = plan_zero_skip_layer(layer, mask && !mask->empty() ? mask : nullptr, m_shape,
                                             input_half(), output_half());
    if (!plan.error.empty())
        param_error("lanes", "expected buffers that hold one output row of layer '" + layer.name + "': " + plan.error);
    if (plan.largest_stream > m_params.lane_weight_bytes)
        param_error("lane_weight_bytes", "expected at least " + std::to_string(plan.largest_stream) +
                                             " bytes (the largest stored filter of layer '" + layer.name + "'), got " +
                                             std::to_string(m_params.lane_weight_bytes));
    return plan;
}

void ZeroSkipArray::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    m_checked.keep(layer, plan_layer(layer, &mask));
}

void ZeroSkipArray::count_macs(const Layer& layer, std::uint64_t macs) {
    count_mac_energy(layer, macs);
    s_macs += macs;
}

void ZeroSkipArray::run_layer(const LayerJob& job, sc_time& delay) {
    const Layer& layer = *job.layer;
    std::optional<ZeroSkipPlan> checked = m_checked.take(layer);
    const ZeroSkipPlan plan = checked ? std::move(*checked) : plan_layer(layer, job.mask);
    if (job.outcome) describe(layer, plan, *job.outcome);

    const bool functional = m_ctx.fidelity == Fidelity::cycle;
    if (functional) {
        if (!job.tensors) throw InternalError(path() + ": cycle mode needs the layer's tensors");
        job.tensors->output.assign(static_cast<std::size_t>(layer.batch) * layer.out_channels * layer.out_h() *
                                       layer.out_w(), 0);
        m_compute = std::make_unique<ZeroSkipCompute>(layer, m_shape, job.tensors->input, job.tensors->weights, job.mask);
        m_output_tensor = &job.tensors->output;
    }

    StepHooks hooks;
    hooks.fetch = [&](std::size_t i, const sc_time& at) { return fetch_io(plan.steps[i], at); };
    hooks.ports = [&](std::size_t i, const sc_time& start) { return ports_io(plan.steps[i], start); };
    hooks.compute = [&](std::size_t i, const sc_time& start, sc_time& end) {
        const ZeroSkipStep& s = plan.steps[i];
        const LanePass& pass = plan.passes[s.pass];
        if (functional) {
            sc_core::wait(start - sc_core::sc_time_stamp());
            m_step = &s;
            m_layer = &layer;
            if (s.batch == 0 && s.row0 == 0 && m_compute->load_pass(pass.k0, pass.k1) != pass.weight_bytes)
                throw InternalError(path() + ": encoded weight streams differ in size from the plan's");
            m_run_event.notify(sc_core::SC_ZERO_TIME);
            sc_core::wait(m_done_event);
            end = sc_core::sc_time_stamp();
            return m_step_cycles;
        }
        end = start + to_time(s.compute);
        s_entries += s.blocks * pass.entries;
        s_idle_lane_cycles += s.blocks * pass.idle_lane_cycles;
        m_energy.add("lane_buffer_read", s.blocks * pass.entries);
        count_macs(layer, pass.entries * (s.row1 - s.row0) * layer.out_w());
        return s.compute;
    };
    hooks.finished = [&](std::size_t i, const sc_time& start, const sc_time& end, Cycles compute) {
        const ZeroSkipStep& s = plan.steps[i];
        const LanePass& pass = plan.passes[s.pass];
        s_blocks += s.blocks;
        if (s.weight_fill) {
            ++s_passes;
            s_weight_bytes += pass.weight_bytes;
            s_metadata_bytes += pass.metadata_bytes;
            s_fillers += pass.fillers;
        }
        if (tracing())
            trace("blocks", "compute", start, end,
                  {{"pass", s.pass}, {"rows", {s.row0, s.row1}}, {"blocks", s.blocks}, {"cycles", compute}});
    };
    hooks.drain = [&](std::size_t i, const sc_time& end) { return drain_io(plan.steps[i], end); };
    run_step_pipeline(plan.steps.size(), hooks, delay);
    m_compute.reset();
}

void ZeroSkipArray::describe(const Layer& l, const ZeroSkipPlan& plan, LayerOutcome& outcome) const {
    OrderedJson& out = outcome.mapping;
    std::uint64_t entries = 0, idle = 0, fillers = 0;
    Bytes stored = 0, metadata = 0;
    for (const LanePass& p : plan.passes) {
        entries += p.entries;
        idle += p.idle_lane_cycles;
        fillers += p.fillers;
        stored += p.weight_bytes;
        metadata += p.metadata_bytes;
    }
    const FormatSpec f = layer_format(l, m_shape, plan.masked);
    out["format"] = f.format == WeightFormat::dense ? "dense" : f.format == WeightFormat::bitmap ? "bitmap" : "rle";
    // Lanes step only through stored weights: zeros are used whenever the format compresses them.
    outcome.sparsity_use = !plan.masked ? SparsityUse{false, "the layer has no zero weights"}
                           : f.format == WeightFormat::dense
                               ? SparsityUse{false, "format 'dense' stores and steps through every weight"}
                               : SparsityUse{true, ""};
    out["passes"] = plan.passes.size();
    out["slices"] = plan.slices;
    out["blocks_per_row"] = plan.blocks_per_row;
    out["lane_entries_per_block"] = entries;
    out["rle_fillers"] = fillers;
    // Of the lane cycles of a block, the share spent waiting for the group's slowest lane.
    out["imbalance"] = entries + idle ? static_cast<double>(idle) / static_cast<double>(entries + idle) : 0.0;
    out["weight_bytes_dense"] = ceil_div(l.weight_count() * static_cast<std::uint64_t>(l.quant.weight_bits), 8);
    out["weight_bytes_stored"] = stored;
    out["metadata_bytes"] = metadata;
    out["compute_cycles"] = plan.compute_cycles;
    outcome.dense_compute_cycles = plan.dense_compute_cycles;
    out["dense_compute_cycles"] = plan.dense_compute_cycles;
}

// The array's one process in cycle mode: the lanes step through the blocks of one band; each
// wait is one block of the slowest group.
void ZeroSkipArray::cycle_process() {
    for (;;) {
        sc_core::wait(m_run_event);
        const ZeroSkipStep& s = *m_step;
        const Layer& l = *m_layer;
        m_step_cycles = 0;
        ZeroSkipCounts counts;
        for (std::uint32_t row = s.row0; row < s.row1; ++row)
            for (std::uint32_t q0 = 0; q0 < l.out_w(); q0 += m_params.vector_width) {
                const Cycles c = m_compute->run_block(s.batch, row, q0, std::min(l.out_w(), q0 + m_params.vector_width),
                                                      *m_output_tensor, counts);
                m_step_cycles += c;
                if (c) sc_core::wait(to_time(c));
            }
        s_entries += counts.entries;
        s_idle_lane_cycles += counts.idle_lane_cycles;
        m_energy.add("lane_buffer_read", counts.entries);
        count_macs(l, counts.macs);
        m_done_event.notify(sc_core::SC_ZERO_TIME);
    }
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    ZeroSkipArray, ZeroSkipParams, "sparse",
    "zero-skipping MAC array: lanes of vector MACs, one filter each, stepping only through their stored (compressed) "
    "weights, synchronized in groups at every activation slice, between input/output SRAM buffers and DDR")
