#include <algorithm>
#include <cctype>

#include "aie_array.h"
#include "aie_engine.h"
#include "aie_time_rule.h"

namespace skipsim {

using sc_core::sc_time;

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
        for (const Waiting& w : m_waiting)
            if (w.lock) w.lock->changed.notify(sc_core::SC_ZERO_TIME);
        m_done.notify(sc_core::SC_ZERO_TIME);
        return;
    }
    engine_done();
}

void AieArray::run_instruction(AieEngine& e, AieInstr& in, std::uint32_t instance) {
    ++s_instructions;
    auto take = [&](const LockRef& l) {
        const bool weights = e.op == AieOp::comp && l.tile == LockTile::core && l.id == aie_lock::w_full;
        const sc_time t0 = sc_core::sc_time_stamp();
        for (AieLock* k : resolve(e, instance, l)) acquire(e, *k, l.n);
        if (!weights || m_weight_loads[instance].empty()) return;
        // Blocked by LOADWM: the wait from when these weights started streaming in.
        const sc_time t1 = sc_core::sc_time_stamp(), from = std::max(t0, m_weight_loads[instance].front());
        m_weight_loads[instance].pop_front();
        if (t1 > from) e.weight_block_ns += (t1 - from).to_seconds() * 1e9;
    };
    for (const LockRef& l : in.enter) take(l);
    sc_time first = sc_core::SC_ZERO_TIME;
    for (std::uint32_t i = 0; i < in.iterations; ++i) {
        const std::uint32_t s = in.step0 + i;
        for (const LockRef& l : in.acquire)
            if (s % l.period == l.at) take(l);
        const sc_time start = sc_core::sc_time_stamp();
        if (i == 0) first = start;
        const std::uint64_t cycles = act(e, in, instance, s);
        sc_time end = start + to_time(cycles);
        if (end > start) sc_core::wait(end - start);
        // Another process failed while this one waited (on DDR or compute): the layer is gone.
        if (m_aborted) throw AieDeadlock("aborted");
        e.busy_ns += (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
        ++s_iterations;
        if (tracing() && sc_core::sc_time_stamp() > start) {
            // The category is the instruction's (load, loadw, ..., comp, writefm, write).
            std::string category = to_string(in.op);
            std::transform(category.begin(), category.end(), category.begin(), [](unsigned char ch) { return std::tolower(ch); });
            m_ctx.trace->complete(e.track, to_string(in.op), category, start.to_seconds() * 1e9,
                                  (sc_core::sc_time_stamp() - start).to_seconds() * 1e9,
                                  {{"band", in.band}, {"pass", in.pass}, {"group", in.group}, {"step", s}});
        }
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
    *m_memtile_access_events += (bytes + 7) / 8;
    const sc_time ddr_end = transfer(*ddr[col % ddr.size()], cmd, addr, bytes, start);
    return std::max(shim_end, ddr_end);
}

namespace {
// Which weight piece an instruction's iteration uses: a core's double-buffered weights are found
// by it (pass, group, k-piece, c-piece).
std::uint64_t weight_key(const AieInstr& in, std::uint32_t cpiece) {
    return (static_cast<std::uint64_t>(in.pass) << 40) ^ (static_cast<std::uint64_t>(in.grp) << 28) ^
           (static_cast<std::uint64_t>(in.kpiece) << 14) ^ cpiece;
}
}  // namespace

// Performs one iteration of `in` for `instance`; returns its cycles (DMA to DDR: waits itself
// and returns 0).
std::uint64_t AieArray::act(AieEngine&, const AieInstr& in, std::uint32_t instance, std::uint32_t step) {
    const AiePlan& plan = *m_plan;
    const std::uint32_t C = m_params.cols, npc = plan.cpieces();
    const std::uint32_t cpiece = step % npc, row = in.row0 + step / npc;
    const sc_time now = sc_core::sc_time_stamp();
    auto stream = [&](std::uint64_t bytes, std::uint64_t copies) {
        s_stream_bytes += bytes * copies;
        *m_memtile_access_events += (bytes + 7) / 8;
        *m_core_access_events += copies * ((bytes + 7) / 8);
        return transfer_cycles(bytes, m_params.stream_bytes_per_cycle);
    };
    switch (in.op) {
        case AieOp::load: {
            if (plan.input_resident()) return 0;  // the input is in the mem-tiles already
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
            if (bytes == 0) return 0;  // the outputs stay in the mem-tiles
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
                for (std::uint32_t c = 0; c < C; ++c) {
                    CoreState& cs = m_cores[instance * C + c];
                    const std::size_t b = cs.w_wr++ % plan.weight_buffers();
                    cs.w[b] = pack_weights(plan, m_tensors->weights, plan.kpart(instance, c), in.kpiece, cpiece, in.grp);
                    cs.w_key[b] = weight_key(in, cpiece);
                }
            for (std::uint32_t c = 0; c < C; ++c) m_weight_loads[instance * C + c].push_back(now);
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
                const std::uint64_t key = weight_key(in, cpiece);
                if (cs.w_key[0] != key && cs.w_key[1] != key)
                    throw InternalError(path() + ": a core computes on weights no LOADWM brought");
                accumulate(plan, cs.in[cs.in_rd++ % 2], cs.w[cs.w_key[0] == key ? 0 : 1], row, plan.width(plan.wpart(c), in.wpiece),
                           plan.channels(plan.kpart(r, c), in.kpiece, in.grp), in.grp, acc);
                if (cpiece == npc - 1) ++cs.out_wr;
            }
            const std::uint64_t cycles = plan.comp_cycles(macs);
            s_macs += macs;
            m_core_cycles[instance] += cycles;
            *m_mac_events += macs;
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
            *m_memtile_access_events += (bytes + 7) / 8;
            *m_core_access_events += (bytes + 7) / 8;
            const std::uint64_t cycles = transfer_cycles(bytes, m_params.stream_bytes_per_cycle);
            if (!m_params.writefm_per_column) return cycles;
            // The column's cores take turns on the mem-tile's one write channel.
            sc_time& free = m_writefm_free[c];
            const sc_time end = std::max(now, free) + to_time(cycles);
            free = end;
            if (end > now) sc_core::wait(end - now);
            return 0;
        }
    }
    return 0;
}

}  // namespace skipsim
