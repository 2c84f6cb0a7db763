#include "aie_array.h"

#include <algorithm>

#include "aie_engine.h"
#include "aie_time_rule.h"
#include "common/memory_model.h"
#include "common/register_model.h"

namespace skipsim {

using sc_core::sc_time;

namespace {
AieParams square_if_unset(AieParams p) {
    p.cols = p.mesh_cols();
    return p;
}
}  // namespace

void AieEngine::run() {
    for (;;) {
        sc_core::wait(array.m_start);
        array.run_engine(*this);
    }
}

AieArray::AieArray(const sc_core::sc_module_name& name, const AieParams& params, BuildContext& ctx)
    : AcceleratorModel(name, kKind, ctx, params.clock_ghz),
      m_params(square_if_unset(params)),
      s_layers(stat("layers", "layers", "layers run")),
      s_instructions(stat("instructions", "instructions", "instruction instances executed (one per engine instance)")),
      s_iterations(stat("iterations", "iterations", "iterations executed over all engines")),
      s_macs(stat("macs", "MACs", "MACs computed by the cores (nonzero blocks, channels padded to the block)")),
      s_compute_cycles(stat("compute_cycles", "cycles", "compute cycles of the busiest core of each layer, summed")),
      s_lock_waits(stat("lock_waits", "waits", "times a process blocked on a lock")),
      s_stream_bytes(stat("stream_bytes", "bytes", "bytes over the mem-tile <-> core stream ports")),
      s_shim_bytes(stat("shim_bytes", "bytes", "bytes over the shim DMA channels (DDR <-> mem-tile)")) {
    for (std::uint32_t i = 0; i < params.ddr_channels; ++i) {
        const std::string n = "ddr_" + std::to_string(i);
        ddr.push_back(std::make_unique<tlm_utils::simple_initiator_socket<AieArray>>(n.c_str()));
        expose_initiator(n, *ddr.back(), "DRAM channel " + std::to_string(i) + " (columns c with c mod ddr_channels = " +
                                             std::to_string(i) + ")", Role::dram);
    }
    m_mac_events = &energy_event("mac_int8", "one int8 MAC of a core");
    m_core_access_events = &energy_event("core_access_64b", "64 bits written to or read from a core's data memory by a DMA");
    m_memtile_access_events = &energy_event("memtile_access_64b", "64 bits written to or read from a mem-tile");
    const std::uint32_t R = m_params.rows, C = m_params.cols;
    auto add = [&](const std::string& n, AieOp op, std::uint32_t i) {
        m_engines.push_back(std::make_unique<AieEngine>(n.c_str(), *this, op, i, m_engines.size()));
        m_engines.back()->track = path() + "." + n;
    };
    for (std::uint32_t c = 0; c < C; ++c) {
        const std::string col = std::to_string(c);
        add("shim_" + col + "_load", AieOp::load, c);
        add("shim_" + col + "_loadw", AieOp::loadw, c);
        add("shim_" + col + "_write", AieOp::write, c);
        add("memtile_" + col + "_loadfm", AieOp::loadfm, c);
    }
    for (std::uint32_t r = 0; r < R; ++r) add("memtile_row_" + std::to_string(r) + "_loadwm", AieOp::loadwm, r);
    for (std::uint32_t r = 0; r < R; ++r)
        for (std::uint32_t c = 0; c < C; ++c) {
            const std::string core = "core_" + std::to_string(r) + "_" + std::to_string(c);
            add(core, AieOp::comp, r * C + c);
            add(core + "_writefm", AieOp::writefm, r * C + c);
        }
    static const char* core_names[] = {"in_free", "in_full", "out_free", "out_full", "w_free", "w_full"};
    static const int core_init[] = {2, 0, 2, 0, 1, 0};
    m_core_locks = std::vector<AieLock>(static_cast<std::size_t>(R) * C * aie_lock::core_locks);
    for (std::uint32_t r = 0; r < R; ++r)
        for (std::uint32_t c = 0; c < C; ++c)
            for (std::uint8_t id = 0; id < aie_lock::core_locks; ++id) {
                AieLock& l = core_lock(r, c, id);
                l.name = "core_" + std::to_string(r) + "_" + std::to_string(c) + "." + core_names[id];
                l.init = core_init[id];
            }
    const std::uint32_t served = (R + C - 1) / C;
    m_mt_lock_count = 4 + 2 * served;
    m_mt_locks = std::vector<AieLock>(static_cast<std::size_t>(C) * m_mt_lock_count);
    for (std::uint32_t c = 0; c < C; ++c)
        for (std::uint32_t id = 0; id < m_mt_lock_count; ++id) {
            AieLock& l = mt_lock(c, static_cast<std::uint8_t>(id));
            static const char* mt_names[] = {"act_free", "act_full", "ofm_free", "ofm_full"};
            const std::string base = "memtile_" + std::to_string(c) + ".";
            if (id < 4) {
                l.name = base + mt_names[id];
                l.init = id == aie_lock::act_free ? 1 : id == aie_lock::ofm_free ? static_cast<int>(R) : 0;
            } else {
                const std::uint32_t row = c + ((id - 4) / 2) * C;
                l.name = base + ((id - 4) % 2 ? "wgt_full_row" : "wgt_free_row") + std::to_string(row);
                l.init = (id - 4) % 2 ? 0 : 1;
            }
        }
    m_shim_free.assign(2 * C, sc_core::SC_ZERO_TIME);
    // Engine tracks grouped by engine type in the order data flows through the mesh, each group
    // by row and column.
    if (ctx.trace)
        for (AieOp op : {AieOp::load, AieOp::loadw, AieOp::loadfm, AieOp::loadwm, AieOp::comp, AieOp::writefm, AieOp::write})
            for (const auto& e : m_engines)
                if (e->op == op) ctx.trace->declare_track(e->track);
}

AieArray::~AieArray() = default;

void AieArray::on_bound(const std::string&, ModelBase& peer) {
    if (const auto* channel = dynamic_cast<const MemoryChannel*>(&peer)) m_ddr_bytes_per_ns += channel->peak_bytes_per_ns();
}

std::unique_ptr<AiePlan> AieArray::plan_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    auto plan = std::make_unique<AiePlan>(layer, m_params, mask);
    if (plan->error().empty()) return plan;
    if (plan->error_param().empty()) {
        const auto sep = layer.source_where.rfind(": ");
        throw InputError(sep == std::string::npos ? layer.source_where : layer.source_where.substr(0, sep),
                         sep == std::string::npos ? "" : layer.source_where.substr(sep + 2),
                         plan->error() + " (layer '" + layer.name + "')");
    }
    layer_param_error(layer, plan->error_param(), plan->error());
}

void AieArray::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    m_checked.keep(layer, plan_layer(layer, mask));
    m_order.push_back(&layer);
}

// Seed 003's logs place each layer's input and output either in DDR or in the mem-tiles' feature
// map buffer (cols x memtile_bytes); a layer runs from the mem-tiles when both fit there, except
// the network's first, whose input is the image in DDR.
bool AieArray::memtile_mode(std::size_t pos) const {
    if (!m_params.memtile_residency || pos == 0 || pos >= m_order.size()) return false;
    const Layer& l = *m_order[pos];
    const std::uint64_t in = static_cast<std::uint64_t>(l.batch) * l.in_channels * l.in_h * l.in_w;
    const std::uint64_t out = static_cast<std::uint64_t>(l.batch) * l.out_channels * l.out_h() * l.out_w();
    return in + out <= static_cast<std::uint64_t>(m_params.cols) * m_params.memtile_bytes;
}

void AieArray::run_layer(const LayerJob& job, sc_time& d) {
    sc_core::wait(d);
    d = sc_core::SC_ZERO_TIME;
    static const std::vector<std::uint8_t> dense;
    std::optional<std::unique_ptr<AiePlan>> checked = m_checked.take(*job.layer);
    std::unique_ptr<AiePlan> plan = checked ? std::move(*checked) : plan_layer(*job.layer, job.mask ? *job.mask : dense);
    {
        // The input stays in the mem-tiles when this layer and the one before run from them; the
        // output when this layer and the next do.
        const auto it = std::find(m_order.begin(), m_order.end(), job.layer);
        const std::size_t pos = static_cast<std::size_t>(it - m_order.begin());
        const bool here = it != m_order.end() && memtile_mode(pos);
        plan->set_residency(here && memtile_mode(pos - 1), here && memtile_mode(pos + 1));
    }
    if (m_ctx.fidelity == Fidelity::cycle && !job.tensors)
        throw InternalError(path() + ": cycle mode needs the layer's tensors");
    const sc_time start = sc_core::sc_time_stamp();
    execute(*plan, m_ctx.fidelity == Fidelity::cycle ? job.tensors : nullptr);
    ++s_layers;
    if (job.outcome) {
        const AieLayerFigures figures = layer_figures(*plan);
        describe(*plan, figures, m_op_busy_ns, job.outcome->mapping);
        job.outcome->sparsity_use = sparsity_use(*plan, job.mask != nullptr);
        if (job.mask) describe_dense_equivalent(*plan, figures.compute_bound, *job.outcome);
    }
    if (m_ctx.emit_program) log_program(job, *plan, start);
}

// Seed 003's compiler stores, moves and computes only the channel blocks holding a kept weight.
SparsityUse AieArray::sparsity_use(const AiePlan& plan, bool masked) const {
    if (!masked) return {false, "the layer has no zero weights"};
    if (plan.zero_blocks()) return {true, ""};
    const std::string b = std::to_string(m_params.block);
    return {false, "no block of " + b + "x" + b + " channels is all zero: every block is stored "
                   "and computed"};
}

sc_time AieArray::execute(AiePlan& plan, LayerTensors* tensors) {
    m_plan = &plan;
    m_tensors = tensors;
    m_cores.assign(static_cast<std::size_t>(m_params.rows) * m_params.cols, CoreState{});
    m_core_cycles.assign(m_cores.size(), 0);
    if (tensors) {
        const Layer& l = plan.layer();
        tensors->output.assign(static_cast<std::size_t>(l.batch) * l.out_channels * l.out_h() * l.out_w(), 0);
        for (CoreState& c : m_cores)
            for (auto& a : c.acc) a.assign(static_cast<std::size_t>(plan.k_t()) * plan.w_t(), 0);
    }
    for (std::size_t i = aie_lock::w_free; i < m_core_locks.size(); i += aie_lock::core_locks)
        m_core_locks[i].init = static_cast<int>(plan.weight_buffers());
    for (AieLock& l : m_core_locks) l.value = l.init;
    for (AieLock& l : m_mt_locks) l.value = l.init;
    for (sc_time& t : m_shim_free) t = std::max(t, sc_core::sc_time_stamp());
    m_writefm_free.assign(m_params.cols, sc_core::sc_time_stamp());
    m_op_busy_ns.assign(kAieOps * m_engines.size(), 0);
    for (auto& e : m_engines) e->busy_ns = e->weight_block_ns = 0;
    m_weight_loads.assign(m_cores.size(), {});
    m_active = m_engines.size();
    m_waiting.assign(m_engines.size(), Waiting{});
    m_waiting_count = 0;
    m_deadlock.clear();
    m_failure = nullptr;
    m_aborted = false;
    m_start.notify(sc_core::SC_ZERO_TIME);
    sc_core::wait(m_done);
    m_plan = nullptr;
    if (m_failure) std::rethrow_exception(m_failure);
    if (!m_deadlock.empty()) throw AieDeadlock(m_deadlock);
    for (const auto* locks : {&m_core_locks, &m_mt_locks})
        for (const AieLock& l : *locks)
            if (l.value != l.init)
                throw InternalError(path() + ": lock " + l.name + " ends layer '" + plan.layer().name + "' at " +
                                    std::to_string(l.value) + ", not at its initial " + std::to_string(l.init));
    std::vector<double> busy(kAieOps, 0);
    for (auto& e : m_engines) busy[static_cast<int>(e->op)] = std::max(busy[static_cast<int>(e->op)], e->busy_ns);
    m_op_busy_ns = busy;
    m_weight_block_ns = 0;
    for (auto& e : m_engines) m_weight_block_ns = std::max(m_weight_block_ns, e->weight_block_ns);
    s_compute_cycles += *std::max_element(m_core_cycles.begin(), m_core_cycles.end());
    return sc_core::sc_time_stamp();
}

}  // namespace skipsim

SKIPSIM_REGISTER_MODEL(
    AieArray, AieParams, "aie",
    "AMD AIE2 core mesh (rows x cols cores, a mem-tile and a two-channel shim DMA per column) running compiled "
    "LOAD/LOADW/LOADFM/LOADWM/COMP/WRITEFM/WRITE programs with AIE2 locks; 8x8 block-sparse weights compacted")
