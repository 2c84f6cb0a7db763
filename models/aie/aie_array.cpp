#include "aie_array.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "aie_time_rule.h"
#include "common/register_model.h"
#include "memory/ddr_channel.h"

namespace skipsim {

using sc_core::sc_time;

namespace {
AieParams square_if_unset(AieParams p) {
    p.cols = p.mesh_cols();
    return p;
}
}  // namespace

// One DMA engine or core of the mesh: a SystemC process that runs the instructions of its kind.
class AieEngine : public sc_core::sc_module {
public:
    AieEngine(const sc_core::sc_module_name& name, AieArray& array, AieOp op, std::uint32_t index, std::size_t id)
        : sc_core::sc_module(name), array(array), op(op), index(index), id(id) {
        SC_HAS_PROCESS(AieEngine);
        SC_THREAD(run);
    }
    AieArray& array;
    AieOp op;
    std::uint32_t index;
    std::size_t id;  // creation order: deadlock reports list processes in this order
    double busy_ns = 0;

private:
    void run() {
        for (;;) {
            sc_core::wait(array.m_start);
            array.run_engine(*this);
        }
    }
};

AieArray::AieArray(const sc_core::sc_module_name& name, const AieParams& params, BuildContext& ctx)
    : ModelBase(name, "aie_array", ctx, params.clock_ghz),
      control("control"),
      m_params(square_if_unset(params)),
      s_layers(m_stats.counter("layers")),
      s_instructions(m_stats.counter("instructions")),
      s_iterations(m_stats.counter("iterations")),
      s_macs(m_stats.counter("macs")),
      s_compute_cycles(m_stats.counter("compute_cycles")),
      s_lock_waits(m_stats.counter("lock_waits")),
      s_stream_bytes(m_stats.counter("stream_bytes")),
      s_shim_bytes(m_stats.counter("shim_bytes")) {
    control.register_b_transport(this, &AieArray::control_b_transport);
    expose_target("control", control);
    for (std::uint32_t i = 0; i < params.ddr_channels; ++i) {
        const std::string n = "ddr_" + std::to_string(i);
        ddr.push_back(std::make_unique<tlm_utils::simple_initiator_socket<AieArray>>(n.c_str()));
        expose_initiator(n, *ddr.back());
    }
    for (const char* e : {"mac_int8", "core_access_64b", "memtile_access_64b"})
        m_energy.define(e, ctx.energy ? ctx.energy->lookup("aie_array", e) : 0);
    const std::uint32_t R = m_params.rows, C = m_params.cols;
    auto add = [&](const std::string& n, AieOp op, std::uint32_t i) {
        m_engines.push_back(std::make_unique<AieEngine>(n.c_str(), *this, op, i, m_engines.size()));
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
}

AieArray::~AieArray() = default;

void AieArray::on_bound(const std::string&, ModelBase& peer) {
    if (auto* d = dynamic_cast<DdrChannel*>(&peer)) {
        if (d->params().model == "unlimited") m_ddr_bytes_per_ns += 1e12;
        else m_ddr_bytes_per_ns += DdrChannelCore(d->params()).peak_bytes_per_cycle() * d->params().clock_ghz;
    }
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
    throw InputError(m_ctx.platform_file, std::string(basename()) + ".params." + plan->error_param(),
                     plan->error() + " (layer '" + layer.name + "')");
    return plan;
}

void AieArray::check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const {
    m_checked[&layer] = plan_layer(layer, mask);
}

void AieArray::control_b_transport(tlm::tlm_generic_payload& p, sc_time& delay) {
    serve_layer_job(p, delay, [this](const LayerJob& job, sc_time& d) {
        sc_core::wait(d);
        d = sc_core::SC_ZERO_TIME;
        auto it = m_checked.find(job.layer);
        static const std::vector<std::uint8_t> dense;
        std::unique_ptr<AiePlan> plan =
            it != m_checked.end() ? std::move(it->second) : plan_layer(*job.layer, job.mask ? *job.mask : dense);
        if (it != m_checked.end()) m_checked.erase(it);
        if (m_ctx.fidelity == Fidelity::cycle && !job.tensors)
            throw InternalError(path() + ": cycle mode needs the layer's tensors");
        const sc_time start = sc_core::sc_time_stamp();
        execute(*plan, m_ctx.fidelity == Fidelity::cycle ? job.tensors : nullptr);
        ++s_layers;
        if (job.mapping) describe(*plan, m_op_busy_ns, *job.mapping);
        if (m_ctx.emit_program) {
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
            m_program_log += skipsim::program_text(plan->program());
        }
    });
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
    for (AieLock& l : m_core_locks) l.value = l.init;
    for (AieLock& l : m_mt_locks) l.value = l.init;
    for (sc_time& t : m_shim_free) t = std::max(t, sc_core::sc_time_stamp());
    m_op_busy_ns.assign(kAieOps * m_engines.size(), 0);
    for (auto& e : m_engines) e->busy_ns = 0;
    m_active = m_engines.size();
    m_waiting.clear();
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
    s_compute_cycles += *std::max_element(m_core_cycles.begin(), m_core_cycles.end());
    return sc_core::sc_time_stamp();
}

void AieArray::run_engine(AieEngine& e) {
    try {
        for (AieInstr& in : m_plan->program()) {
            if (in.op != e.op) continue;
            if (e.op == AieOp::loadw) {
                for (std::uint32_t r = e.index; r < m_params.rows; r += m_params.cols) run_instruction(e, in, r);
            } else {
                run_instruction(e, in, e.index);
            }
        }
    } catch (const AieDeadlock&) {
        return;  // already reported; the process stays out of the layer
    } catch (...) {
        if (!m_failure) m_failure = std::current_exception();
        // The layer is lost: every other process unwinds at its next lock instead of waiting forever.
        m_aborted = true;
        for (const auto& [id, w] : m_waiting) w.first->changed.notify(sc_core::SC_ZERO_TIME);
        m_done.notify(sc_core::SC_ZERO_TIME);
        return;
    }
    engine_done();
}

void AieArray::engine_done() {
    --m_active;
    if (m_active == 0) m_done.notify(sc_core::SC_ZERO_TIME);
    else check_deadlock();
}

std::vector<AieLock*> AieArray::resolve(const AieEngine& e, std::uint32_t instance, const LockRef& l) {
    const std::uint32_t R = m_params.rows, C = m_params.cols;
    std::vector<AieLock*> v;
    if (l.tile == LockTile::core) {
        switch (e.op) {
            case AieOp::loadfm:
                for (std::uint32_t r = 0; r < R; ++r) v.push_back(&core_lock(r, instance, l.id));
                break;
            case AieOp::loadwm:
                for (std::uint32_t c = 0; c < C; ++c) v.push_back(&core_lock(instance, c, l.id));
                break;
            case AieOp::comp:
            case AieOp::writefm: v.push_back(&core_lock(instance / C, instance % C, l.id)); break;
            default: throw InternalError(std::string(to_string(e.op)) + " names a core lock");
        }
        return v;
    }
    std::uint32_t col = instance, id = l.id;
    if (e.op == AieOp::loadw || e.op == AieOp::loadwm) {
        col = instance % C;
        if (id >= aie_lock::wgt_free) id += 2 * (instance / C);
    } else if (e.op == AieOp::comp || e.op == AieOp::writefm) {
        col = instance % C;
    }
    v.push_back(&mt_lock(col, static_cast<std::uint8_t>(id)));
    return v;
}

void AieArray::acquire(AieEngine& e, AieLock& l, int n) {
    if (m_aborted) throw AieDeadlock("aborted");
    while (l.value < n) {
        ++s_lock_waits;
        m_waiting[e.id] = {&l, n};
        check_deadlock();
        sc_core::wait(l.changed);
        m_waiting.erase(e.id);
        if (m_aborted) throw AieDeadlock("aborted");
        if (!m_deadlock.empty()) throw AieDeadlock(m_deadlock);
    }
    l.value -= n;
}

void AieArray::release(AieLock& l, int n) {
    l.value += n;
    if (l.value > AieLock::max_value)
        throw InternalError(path() + ": lock " + l.name + " released beyond " + std::to_string(AieLock::max_value));
    l.changed.notify(sc_core::SC_ZERO_TIME);
}

// Every process still in the layer waits on a lock whose value is too low: nobody can release
// anything any more.
void AieArray::check_deadlock() {
    if (m_active == 0 || m_waiting.size() != m_active || !m_deadlock.empty()) return;
    for (const auto& [e, w] : m_waiting)
        if (w.first->value >= w.second) return;
    std::ostringstream o;
    o << path() << ": deadlock in layer '" << m_plan->layer().name << "' at " << sc_core::sc_time_stamp().to_seconds() * 1e9
      << " ns: " << m_waiting.size() << " processes wait on locks:";
    for (const auto& [e, w] : m_waiting)
        o << ' ' << m_engines[e]->basename() << " on " << w.first->name << " (value " << w.first->value << ", needs " << w.second
          << ")" << (&w == &m_waiting.rbegin()->second ? "" : ",");
    m_deadlock = o.str();
    // Wake the waiting processes so that they unwind (AieDeadlock) instead of staying blocked.
    for (const auto& [e, w] : m_waiting) w.first->changed.notify(sc_core::SC_ZERO_TIME);
    m_done.notify(sc_core::SC_ZERO_TIME);
}

void AieArray::run_instruction(AieEngine& e, AieInstr& in, std::uint32_t instance) {
    ++s_instructions;
    for (const LockRef& l : in.enter)
        for (AieLock* k : resolve(e, instance, l)) acquire(e, *k, l.n);
    sc_time first = sc_core::SC_ZERO_TIME;
    for (std::uint32_t i = 0; i < in.iterations; ++i) {
        const std::uint32_t s = in.step0 + i;
        for (const LockRef& l : in.acquire)
            if (s % l.period == l.at)
                for (AieLock* k : resolve(e, instance, l)) acquire(e, *k, l.n);
        const sc_time start = sc_core::sc_time_stamp();
        if (i == 0) first = start;
        const std::uint64_t cycles = act(e, in, instance, s);
        sc_time end = start + to_time(cycles);
        if (end > start) sc_core::wait(end - start);
        e.busy_ns += (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
        ++s_iterations;
        if (tracing() && sc_core::sc_time_stamp() > start)
            m_ctx.trace->complete(e.name(), to_string(in.op), "aie", start.to_seconds() * 1e9,
                                  (sc_core::sc_time_stamp() - start).to_seconds() * 1e9,
                                  {{"band", in.band}, {"pass", in.pass}, {"group", in.group}, {"step", s}});
        for (const LockRef& l : in.release)
            if (s % l.period == l.at)
                for (AieLock* k : resolve(e, instance, l)) release(*k, l.n);
    }
    for (const LockRef& l : in.leave)
        for (AieLock* k : resolve(e, instance, l)) release(*k, l.n);
    const double s_ns = first.to_seconds() * 1e9, e_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
    in.start_ns = in.start_ns < 0 ? s_ns : std::min(in.start_ns, s_ns);
    in.end_ns = std::max(in.end_ns, e_ns);
}

sc_time AieArray::shim_transfer(std::uint32_t col, int channel, tlm::tlm_command cmd, std::uint64_t addr,
                                std::uint64_t bytes, const sc_time& at) {
    sc_time& free = m_shim_free[2 * col + channel];
    const sc_time start = std::max(at, free);
    const sc_time shim_end = start + to_time(transfer_cycles(bytes, m_params.shim_bytes_per_cycle));
    free = shim_end;
    s_shim_bytes += bytes;
    m_energy.add("memtile_access_64b", (bytes + 7) / 8);
    const sc_time ddr_end = transfer(*ddr[col % ddr.size()], cmd, addr, bytes, start);
    return std::max(shim_end, ddr_end);
}

// Performs one iteration of `in` for `instance`; returns its cycles (DMA to DDR: waits itself
// and returns 0).
std::uint64_t AieArray::act(AieEngine&, const AieInstr& in, std::uint32_t instance, std::uint32_t step) {
    const AiePlan& plan = *m_plan;
    const std::uint32_t C = m_params.cols, npc = plan.cpieces();
    const std::uint32_t cpiece = step % npc, row = in.row0 + step / npc;
    const sc_time now = sc_core::sc_time_stamp();
    auto stream = [&](std::uint64_t bytes, std::uint64_t copies) {
        s_stream_bytes += bytes * copies;
        m_energy.add("memtile_access_64b", (bytes + 7) / 8);
        m_energy.add("core_access_64b", copies * ((bytes + 7) / 8));
        return transfer_cycles(bytes, m_params.stream_bytes_per_cycle);
    };
    switch (in.op) {
        case AieOp::load: {
            const sc_time end = shim_transfer(instance, 0, tlm::TLM_READ_COMMAND, in.ddr_addr,
                                              plan.load_bytes(instance, in.band), now);
            if (end > now) sc_core::wait(end - now);
            return 0;
        }
        case AieOp::loadw: {
            const sc_time end = shim_transfer(instance % C, 1, tlm::TLM_READ_COMMAND, in.ddr_addr,
                                              plan.loadw_bytes(instance, plan.passes()[in.pass]), now);
            if (end > now) sc_core::wait(end - now);
            return 0;
        }
        case AieOp::write: {
            const std::uint64_t bytes = plan.write_bytes(instance, plan.passes()[in.pass]);
            const sc_time a = shim_transfer(instance, 0, tlm::TLM_WRITE_COMMAND, in.ddr_addr, (bytes + 1) / 2, now);
            const sc_time b = shim_transfer(instance, 1, tlm::TLM_WRITE_COMMAND, in.ddr_addr + (bytes + 1) / 2, bytes / 2, now);
            const sc_time end = std::max(a, b);
            if (end > now) sc_core::wait(end - now);
            return 0;
        }
        case AieOp::loadfm: {
            if (m_tensors)
                for (std::uint32_t r = 0; r < m_params.rows; ++r) {
                    CoreState& cs = m_cores[r * C + instance];
                    cs.in[cs.in_wr++ % 2] = load_tile(plan, m_tensors->input, row, plan.width(plan.wpart(instance), in.wpiece),
                                                      plan.in_channels(cpiece, in.grp));
                }
            return stream(plan.loadfm_bytes(instance, row, in.wpiece, cpiece, in.grp), m_params.rows);
        }
        case AieOp::loadwm: {
            if (m_tensors)
                for (std::uint32_t c = 0; c < C; ++c)
                    m_cores[instance * C + c].w =
                        pack_weights(plan, m_tensors->weights, plan.kpart(instance, c), in.kpiece, cpiece, in.grp);
            const std::uint64_t bytes = plan.loadwm_bytes(instance, in.kpiece, cpiece, in.grp);
            return stream(bytes, plan.channel_mode() ? 1 : C);
        }
        case AieOp::comp: {
            const std::uint32_t r = instance / C, c = instance % C;
            const std::uint64_t macs = plan.comp_macs(r, c, in.wpiece, in.kpiece, cpiece, in.grp);
            if (m_tensors) {
                CoreState& cs = m_cores[instance];
                std::vector<std::int64_t>& acc = cs.acc[cs.out_wr % 2];
                if (cpiece == 0) std::fill(acc.begin(), acc.end(), 0);
                accumulate(plan, cs.in[cs.in_rd++ % 2], cs.w, row, plan.width(plan.wpart(c), in.wpiece),
                           plan.channels(plan.kpart(r, c), in.kpiece, in.grp), in.grp, acc);
                if (cpiece == npc - 1) ++cs.out_wr;
            }
            const std::uint64_t cycles = plan.comp_cycles(macs);
            s_macs += macs;
            m_core_cycles[instance] += cycles;
            m_energy.add("mac_int8", macs);
            return cycles;
        }
        case AieOp::writefm: {
            const std::uint32_t r = instance / C, c = instance % C;
            const std::uint32_t out_row = in.row0 + (step - in.step0);
            if (m_tensors) {
                const Layer& l = plan.layer();
                CoreState& cs = m_cores[instance];
                const std::vector<std::int64_t>& acc = cs.acc[cs.out_rd++ % 2];
                const Range k = plan.channels(plan.kpart(r, c), in.kpiece, in.grp), q = plan.width(plan.wpart(c), in.wpiece);
                const std::uint32_t b = out_row / l.out_h(), h = out_row % l.out_h();
                for (std::uint32_t kk = k.lo; kk < k.hi; ++kk)
                    for (std::uint32_t qq = q.lo; qq < q.hi; ++qq)
                        m_tensors->output[((static_cast<std::size_t>(b) * l.out_channels + kk) * l.out_h() + h) * l.out_w() + qq] =
                            acc[(kk - k.lo) * plan.w_t() + (qq - q.lo)];
            }
            const std::uint64_t bytes = plan.writefm_bytes(r, c, in.wpiece, in.kpiece, in.grp);
            s_stream_bytes += bytes;
            m_energy.add("memtile_access_64b", (bytes + 7) / 8);
            m_energy.add("core_access_64b", (bytes + 7) / 8);
            return transfer_cycles(bytes, m_params.stream_bytes_per_cycle);
        }
    }
    return 0;
}

void AieArray::describe(const AiePlan& plan, const std::vector<double>& busy, OrderedJson& out) const {
    const AieLayerFigures f = layer_figures(plan);
    const double ddr_per_cycle = m_ddr_bytes_per_ns / clock().ghz;
    out["mesh"] = {m_params.rows, m_params.cols};
    out["split"] = plan.channel_mode() ? "cout over the whole mesh (output narrower than the mesh)" : "w over columns, cout over rows";
    out["core_subvolume"] = {{"w", plan.w_t()}, {"k", plan.k_t()}, {"c", plan.c_t()}, {"rows", 1}};
    out["pieces"] = {{"w", plan.wpieces()}, {"k", plan.kpieces()}, {"c", plan.cpieces()}};
    out["core_buffers"] = {{"weights", plan.core_weight_buffer()}, {"input", 2 * plan.core_input_buffer()},
                           {"accumulators", 2 * plan.core_acc_buffer()}};
    out["memtile_bytes"] = plan.memtile_bytes_used();
    out["bands"] = plan.bands();
    out["band_rows"] = plan.band_rows();
    out["passes"] = plan.passes().size();
    out["spills"] = plan.bands() > 1 || plan.passes().size() > plan.bands();
    out["instructions"] = plan.program().size();
    OrderedJson by = OrderedJson::object();
    for (int op = 0; op < kAieOps; ++op) by[to_string(static_cast<AieOp>(op))] = busy.size() > std::size_t(op) ? busy[op] : 0.0;
    out["busy_ns_by_instruction"] = by;  // the busiest engine of each kind
    out["core_macs"] = f.macs;
    out["compute_bound_cycles"] = f.compute_bound;
    out["ddr_bytes"] = f.ddr_bytes;
    out["ddr_bound_cycles"] = static_cast<std::uint64_t>(std::ceil(f.ddr_bound(ddr_per_cycle > 0 ? ddr_per_cycle : 1e12)));
    out["seed_rule_cycles"] = f.seed_rule;
}

}  // namespace skipsim

using skipsim::NamedDoc;
SKIPSIM_REGISTER_MODEL(
    AieArray, AieParams, "aie_array", "aie",
    "AMD AIE2 core mesh (rows x cols cores, a mem-tile and a two-channel shim DMA per column) running compiled "
    "LOAD/LOADW/LOADFM/LOADWM/COMP/WRITEFM/WRITE programs with AIE2 locks; 8x8 block-sparse weights compacted",
    (std::vector<NamedDoc>{{"control", "target: one LayerJob per layer from the driver"},
                           {"ddr_<i>", "initiator: DDR channel i (columns c with c mod ddr_channels = i)"}}),
    (std::vector<NamedDoc>{{"layers", "layers run"},
                           {"instructions", "instruction instances executed (one per engine instance)"},
                           {"iterations", "iterations executed over all engines"},
                           {"macs", "MACs computed by the cores (nonzero blocks, channels padded to the block)"},
                           {"compute_cycles", "compute cycles of the busiest core of each layer, summed"},
                           {"lock_waits", "times a process blocked on a lock"},
                           {"stream_bytes", "bytes over the mem-tile <-> core stream ports"},
                           {"shim_bytes", "bytes over the shim DMA channels (DDR <-> mem-tile)"}}),
    (std::vector<NamedDoc>{{"mac_int8", "one int8 MAC of a core"},
                           {"core_access_64b", "64 bits written to or read from a core's data memory by a DMA"},
                           {"memtile_access_64b", "64 bits written to or read from a mem-tile"}}))
