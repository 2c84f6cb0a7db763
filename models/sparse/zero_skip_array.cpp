#include "zero_skip_array.h"

#include <algorithm>

#include "common/register_model.h"
#include "memory/sram_buffer.h"

namespace skipsim {

using sc_core::sc_time;

ZeroSkipArray::ZeroSkipArray(const sc_core::sc_module_name& name, const ZeroSkipParams& params, BuildContext& ctx)
    : ModelBase(name, "zero_skip_array", ctx, params.clock_ghz),
      control("control"),
      input_port("input_port"), input_dma("input_dma"),
      output_port("output_port"), output_dma("output_dma"),
      weight_dma("weight_dma"),
      m_params(params),
      s_passes(m_stats.counter("passes")),
      s_blocks(m_stats.counter("blocks")),
      s_entries(m_stats.counter("lane_entries")),
      s_fillers(m_stats.counter("rle_fillers")),
      s_macs(m_stats.counter("macs")),
      s_idle_lane_cycles(m_stats.counter("idle_lane_cycles")),
      s_weight_bytes(m_stats.counter("weight_bytes")),
      s_metadata_bytes(m_stats.counter("metadata_bytes")) {
    m_shape.lanes = params.lanes;
    m_shape.vector_width = params.vector_width;
    m_shape.group_size = params.group_size;
    m_shape.slice_channels = params.slice_channels;
    m_shape.sync_cycles = params.sync_cycles;
    m_shape.format = weight_format_from(params.format);
    m_shape.run_bits = params.run_bits;
    m_shape.lane_weight_bytes = params.lane_weight_bytes;
    m_shape.output_bytes = params.output_bytes;
    control.register_b_transport(this, &ZeroSkipArray::control_b_transport);
    expose_target("control", control);
    expose_initiator("input_port", input_port);
    expose_initiator("input_dma", input_dma);
    expose_initiator("output_port", output_port);
    expose_initiator("output_dma", output_dma);
    expose_initiator("weight_dma", weight_dma);
    m_energy.define("lane_buffer_read", ctx.energy ? ctx.energy->lookup("zero_skip_array", "lane_buffer_read") : 0);
    if (ctx.fidelity == Fidelity::cycle) {
        SC_HAS_PROCESS(ZeroSkipArray);
        SC_THREAD(cycle_process);
    }
}

void ZeroSkipArray::on_bound(const std::string& initiator, ModelBase& peer) {
    auto* sram = dynamic_cast<SramBuffer*>(&peer);
    if (!sram) return;
    if (initiator.rfind("input", 0) == 0) m_input = sram;
    if (initiator.rfind("output", 0) == 0) m_output = sram;
}

std::uint64_t ZeroSkipArray::peak_macs_per_cycle() const {
    return static_cast<std::uint64_t>(m_params.lanes) * m_params.vector_width;
}

void ZeroSkipArray::control_b_transport(tlm::tlm_generic_payload& p, sc_time& delay) {
    serve_layer_job(p, delay, [this](const LayerJob& job, sc_time& d) { run_layer(job, d); });
}

ZeroSkipPlan ZeroSkipArray::plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const {
    if (!m_input || !m_output)
        throw InternalError(path() + ": input and output sockets must be bound to sram_buffer components");
    ZeroSkipPlan plan = plan_zero_skip_layer(layer, mask && !mask->empty() ? mask : nullptr, m_shape,
                                             m_input->usable_per_buffer(), m_output->usable_per_buffer());
    const std::string where = std::string(basename()) + ".params.";
    if (!plan.error.empty())
        throw InputError(m_ctx.platform_file, where + "lanes",
                         "expected buffers that hold one output row of layer '" + layer.name + "': " + plan.error);
    if (plan.largest_stream > m_params.lane_weight_bytes)
        throw InputError(m_ctx.platform_file, where + "lane_weight_bytes",
                         "expected at least " + std::to_string(plan.largest_stream) + " bytes (the largest stored filter of layer '" +
                             layer.name + "'), got " + std::to_string(m_params.lane_weight_bytes));
    return plan;
}

void ZeroSkipArray::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    m_checked.insert_or_assign(&layer, plan_layer(layer, &mask));
}

sc_time ZeroSkipArray::fetch(const ZeroSkipStep& s, const sc_time& at) {
    sc_time done = at;
    done = std::max(done, transfer(weight_dma, tlm::TLM_READ_COMMAND, m_params.ddr_weight_base + s.weight_addr,
                                   s.weight_fill, at));
    done = std::max(done, transfer(input_dma, tlm::TLM_READ_COMMAND, m_params.ddr_input_base + s.input_addr,
                                   s.input_fill, at));
    return done;
}

void ZeroSkipArray::count_macs(const Layer& layer, std::uint64_t macs) {
    const int bits = std::max(layer.quant.weight_bits, layer.quant.activation_bits);
    const std::string event = "mac_int" + std::to_string(bits);
    if (!m_energy.prices().count(event))
        m_energy.define(event, m_ctx.energy ? m_ctx.energy->lookup("zero_skip_array", event) : 0);
    m_energy.add(event, macs);
    s_macs += macs;
}

void ZeroSkipArray::run_layer(const LayerJob& job, sc_time& delay) {
    const Layer& layer = *job.layer;
    auto checked = m_checked.find(&layer);
    const ZeroSkipPlan plan = checked != m_checked.end() ? std::move(checked->second) : plan_layer(layer, job.mask);
    if (checked != m_checked.end()) m_checked.erase(checked);
    if (job.mapping) describe(layer, plan, *job.mapping);

    const bool functional = m_ctx.fidelity == Fidelity::cycle;
    if (functional) {
        if (!job.tensors) throw InternalError(path() + ": cycle mode needs the layer's tensors");
        job.tensors->output.assign(static_cast<std::size_t>(layer.batch) * layer.out_channels * layer.out_h() *
                                       layer.out_w(), 0);
        m_compute = std::make_unique<ZeroSkipCompute>(layer, m_shape, job.tensors->input, job.tensors->weights, job.mask);
        m_output_tensor = &job.tensors->output;
    }

    StepHooks hooks;
    hooks.fetch = [&](std::size_t i, const sc_time& at) { return fetch(plan.steps[i], at); };
    hooks.ports = [&](std::size_t i, const sc_time& start) {
        const ZeroSkipStep& s = plan.steps[i];
        sc_time ports = start;
        ports = std::max(ports, transfer(input_port, tlm::TLM_READ_COMMAND, 0, s.input_reads, start));
        return std::max(ports, transfer(output_port, tlm::TLM_WRITE_COMMAND, 0, s.output_writes, start));
    };
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
    hooks.drain = [&](std::size_t i, const sc_time& end) {
        const ZeroSkipStep& s = plan.steps[i];
        return transfer(output_dma, tlm::TLM_WRITE_COMMAND, m_params.ddr_output_base + s.output_addr, s.output_drain, end);
    };
    run_step_pipeline(plan.steps.size(), hooks, delay);
    m_compute.reset();
}

void ZeroSkipArray::describe(const Layer& l, const ZeroSkipPlan& plan, OrderedJson& out) const {
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

using skipsim::NamedDoc;
SKIPSIM_REGISTER_MODEL(
    ZeroSkipArray, ZeroSkipParams, "zero_skip_array", "sparse",
    "zero-skipping MAC array: lanes of vector MACs, one filter each, stepping only through their stored (compressed) "
    "weights, synchronized in groups at every activation slice, between input/output SRAM buffers and DDR",
    (std::vector<NamedDoc>{{"control", "target: one LayerJob per layer from the driver"},
                           {"input_port", "initiator: activation-slice reads from the input sram_buffer 'port'"},
                           {"input_dma", "initiator: fills of the input sram_buffer ('dma')"},
                           {"output_port", "initiator: result writes to the output sram_buffer"},
                           {"output_dma", "initiator: drains of the output sram_buffer"},
                           {"weight_dma", "initiator: stored weight streams read from DDR, one pass of filters at a time"}}),
    (std::vector<NamedDoc>{{"layers", "layers run"},
                           {"passes", "passes of `lanes` filters"},
                           {"blocks", "blocks of up to vector_width output pixels, per pass"},
                           {"lane_entries", "stored entries lanes stepped through (one per lane cycle)"},
                           {"rle_fillers", "rle filler entries stored (runs longer than the run field)"},
                           {"macs", "MAC slots used: entries x block pixels"},
                           {"idle_lane_cycles", "lane cycles spent waiting for the group's slowest lane"},
                           {"weight_bytes", "stored weight bytes read from DDR (values and metadata)"},
                           {"metadata_bytes", "of which format metadata (bitmaps, run fields, entry counts)"},
                           {"compute_cycles", "cycles the lanes computed"},
                           {"stall_cycles", "cycles waiting for buffers or DDR"},
                           {"busy_cycles", "cycles from a layer's start to its last drain"}}),
    (std::vector<NamedDoc>{{"mac_int<b>", "one b-bit multiply-accumulate (b = wider operand)"},
                           {"lane_buffer_read", "one stored entry read and decoded from a lane's weight buffer"}}))
