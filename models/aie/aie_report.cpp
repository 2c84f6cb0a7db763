#include <cmath>

#include "aie_array.h"
#include "aie_time_rule.h"
#include "base/strict_object.h"

namespace skipsim {

using sc_core::sc_time;

// --emit-program: each layer's program with its simulated times, after a legend.
void AieArray::log_program(const LayerJob& job, const AiePlan& plan, const sc_time& start) {
    if (m_program_log.empty())
        m_program_log = "# " + path() + ": " + std::to_string(m_params.rows) + " x " + std::to_string(m_params.cols) +
                        " AIE2 mesh. One instruction per line, executed by every instance of its engine: op, band, "
                        "pass, [head|body|tail], iterations, first output row, w/k pieces, [first c-piece step], "
                        "bytes per iteration (instance 0), DDR / mem-tile / core addresses, locks (enter once, "
                        "acq/rel per iteration, @at%period: only on those steps, leave once), simulated start "
                        "(first iteration of the first instance) and end (last instance) in ns\n";
    m_program_log += "# layer " + std::to_string(job.index) + " '" + job.layer->name + "' start_ns " +
                     format_number(start.to_seconds() * 1e9) + " end_ns " +
                     format_number(sc_core::sc_time_stamp().to_seconds() * 1e9) + "\n";
    m_program_log += skipsim::program_text(plan.program());
}

void AieArray::describe(const AiePlan& plan, const AieLayerFigures& f, const std::vector<double>& busy,
                        OrderedJson& out) const {
    const double ddr_per_cycle = m_ddr_bytes_per_ns / clock().ghz;
    out["mesh"] = {m_params.rows, m_params.cols};
    out["split"] = plan.channel_mode() ? "cout over the whole mesh (output narrower than the mesh)" : "w over columns, cout over rows";
    out["core_subvolume"] = {{"w", plan.w_t()}, {"k", plan.k_t()}, {"c", plan.c_t()}, {"rows", 1}};
    out["pieces"] = {{"w", plan.wpieces()}, {"k", plan.kpieces()}, {"c", plan.cpieces()}};
    out["core_buffers"] = {{"weights", plan.core_weight_buffer()}, {"input", 2 * plan.core_input_buffer()},
                           {"accumulators", 2 * plan.core_acc_buffer()}};
    out["core_weight_buffers"] = plan.weight_buffers();
    out["memtile_bytes"] = plan.memtile_bytes_used();
    // Inter-layer residency: the input was left in the mem-tiles by the layer before (no LOAD),
    // the output stays there for the next (no WRITE).
    out["input_in_memtile"] = plan.input_resident();
    out["output_in_memtile"] = plan.output_resident();
    out["bands"] = plan.bands();
    out["band_rows"] = plan.band_rows();
    out["passes"] = plan.passes().size();
    out["spills"] = plan.bands() > 1 || plan.passes().size() > plan.bands();
    out["instructions"] = plan.program().size();
    OrderedJson by = OrderedJson::object();
    for (int op = 0; op < kAieOps; ++op) by[to_string(static_cast<AieOp>(op))] = busy.size() > std::size_t(op) ? busy[op] : 0.0;
    out["busy_ns_by_instruction"] = by;  // the busiest engine of each kind
    // LOADWM as seed 003's logs count it, only where it blocks compute: the longest time a core
    // waited for weights that were streaming in from the mem-tile.
    out["loadwm_blocking_ns"] = m_weight_block_ns;
    out["core_macs"] = f.macs;
    out["compute_bound_cycles"] = f.compute_bound;
    out["ddr_bytes"] = f.ddr_bytes;
    out["ddr_bound_cycles"] = static_cast<std::uint64_t>(std::ceil(f.ddr_bound(ddr_per_cycle > 0 ? ddr_per_cycle : 1e12)));
    out["seed_rule_cycles"] = f.seed_rule;
}

void AieArray::describe_dense_equivalent(const AiePlan& plan, std::uint64_t cycles, LayerOutcome& outcome) {
    const Layer& l = plan.layer();
    const std::array<std::uint32_t, 16> geometry{l.batch,    l.in_channels, l.in_h,       l.in_w,     l.out_channels, l.kernel_h,
                                                 l.kernel_w, l.stride_h,    l.stride_w,   l.pad_top,  l.pad_bottom,   l.pad_left,
                                                 l.pad_right, l.dilation_h, l.dilation_w, l.groups};
    auto it = m_dense.find(geometry);
    if (it == m_dense.end()) {
        static const std::vector<std::uint8_t> every_block;  // no mask: every block kept
        const AiePlan dense(l, m_params, every_block);
        DenseEquivalent d;
        d.error = dense.error();
        if (d.error.empty()) d.compute_cycles = layer_figures(dense).compute_bound;
        it = m_dense.emplace(geometry, std::move(d)).first;
    }
    OrderedJson& out = outcome.mapping;
    if (!it->second.error.empty()) {
        // The compacted weights fit where the dense ones cannot: no dense run to compare with.
        out["dense_compute_cycles"] = nullptr;
        out["dense_error"] = it->second.error;
        return;
    }
    const std::uint64_t dense_cycles = it->second.compute_cycles;
    outcome.dense_compute_cycles = dense_cycles;
    out["dense_compute_cycles"] = dense_cycles;
    out["compute_speedup"] = cycles ? static_cast<double>(dense_cycles) / static_cast<double>(cycles) : 1.0;
}

}  // namespace skipsim
