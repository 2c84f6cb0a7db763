#include "aie_compiler.h"

#include <algorithm>

// Code generation: the compiled tiling as LOAD .. WRITE instructions with their lock chains.
namespace skipsim {

namespace {

LockRef core_lock(std::uint8_t id, std::uint32_t period = 1, std::uint32_t at = 0) {
    return LockRef{LockTile::core, id, 1, period, at};
}
LockRef mt_lock(std::uint8_t id, std::uint8_t n = 1) { return LockRef{LockTile::memtile, id, n, 1, 0}; }

}  // namespace

void AiePlan::generate() {
    using namespace aie_lock;
    const Layer& l = m_layer;
    const std::uint32_t P = l.out_h(), npc = m_npc;
    const std::uint64_t mt_act = 0, mt_wgt = m_mt.act, mt_ofm = m_mt.act + m_mt.wgt;
    const std::uint64_t core_in = 0, core_out = 2 * m_core_in, core_w = core_out + 2 * m_core_out;
    struct Group {
        std::uint32_t row0, n;
        const char* name;
    };
    auto groups_of = [&](Range rows) {
        std::vector<Group> g;
        std::uint32_t prev_top = ~0u, prev_bottom = ~0u;
        for (std::uint32_t x = rows.lo; x < rows.hi; ++x) {
            const std::int64_t h = x % P, first = h * l.stride_h - static_cast<std::int64_t>(l.pad_top);
            const std::uint32_t top = static_cast<std::uint32_t>(std::max<std::int64_t>(0, -first));
            const std::uint32_t bottom =
                static_cast<std::uint32_t>(std::max<std::int64_t>(0, first + m_span_h - static_cast<std::int64_t>(l.in_h)));
            if (g.empty() || top != prev_top || bottom != prev_bottom)
                g.push_back({x, 0, top ? "head" : bottom ? "tail" : "body"});
            ++g.back().n;
            prev_top = top;
            prev_bottom = bottom;
        }
        return g;
    };
    auto add = [&](AieOp op, const AiePass& pass, std::uint32_t iters) -> AieInstr& {
        AieInstr i;
        i.op = op;
        i.grp = pass.grp;
        i.band = pass.band;
        i.pass = static_cast<std::uint32_t>(&pass - m_passes.data());
        i.iterations = iters;
        m_program.push_back(std::move(i));
        return m_program.back();
    };
    // An instruction of one core work piece: group g's rows, w-piece wp, k-piece k, from c-step s0.
    auto add_piece = [&](AieOp op, const AiePass& pass, std::uint32_t iters, const Group& g, std::uint32_t wp,
                         std::uint32_t k, std::uint32_t s0) -> AieInstr& {
        AieInstr& i = add(op, pass, iters);
        i.group = g.name;
        i.row0 = g.row0;
        i.wpiece = wp;
        i.kpiece = k;
        i.step0 = s0;
        return i;
    };
    for (const AiePass& pass : m_passes) {
        const Range rows = band(pass.band);
        const bool first_of_band =
            &pass == m_passes.data() || (&pass - 1)->band != pass.band || (&pass - 1)->grp != pass.grp;
        if (first_of_band) {
            AieInstr& i = add(AieOp::load, pass, 1);
            i.bytes = load_bytes(0, pass.band);
            i.ddr_addr = m_p.ddr_input_base + static_cast<std::uint64_t>(rows.lo) * l.stride_h * l.in_w * l.in_channels;
            i.mt_addr = mt_act;
            i.enter = {mt_lock(act_free)};
            i.leave = {mt_lock(act_full)};
        }
        {
            AieInstr& i = add(AieOp::loadw, pass, 1);
            i.kpiece = pass.k0;
            i.step0 = pass.s0;
            i.bytes = loadw_bytes(0, pass);
            i.ddr_addr = m_p.ddr_weight_base + static_cast<std::uint64_t>(pass.k0) * m_kt * m_cp * l.kernel_h * l.kernel_w;
            i.mt_addr = mt_wgt;
            i.enter = {mt_lock(wgt_free)};
            i.leave = {mt_lock(wgt_full)};
        }
        const std::uint32_t s0 = pass.step_pass ? pass.s0 : 0, s1 = pass.step_pass ? pass.s1 : npc;
        for (std::uint32_t k = pass.k0; k < pass.k1; ++k) {
            if (npc == 1) {
                AieInstr& w = add(AieOp::loadwm, pass, 1);
                w.kpiece = k;
                w.bytes = loadwm_bytes(0, k, 0, pass.grp);
                w.mt_addr = mt_wgt;
                w.core_addr = core_w;
                w.acquire = {core_lock(w_free)};
                w.release = {core_lock(w_full)};
            }
            for (std::uint32_t wp = 0; wp < m_npw; ++wp)
                for (const Group& g : groups_of(rows)) {
                    const std::uint32_t iters = g.n * (s1 - s0);
                    if (npc > 1) {
                        AieInstr& w = add_piece(AieOp::loadwm, pass, iters, g, wp, k, s0);
                        w.bytes = loadwm_bytes(0, k, s0, pass.grp);
                        w.mt_addr = mt_wgt;
                        w.core_addr = core_w;
                        w.acquire = {core_lock(w_free)};
                        w.release = {core_lock(w_full)};
                    }
                    AieInstr& f = add_piece(AieOp::loadfm, pass, iters, g, wp, k, s0);
                    f.bytes = loadfm_bytes(0, g.row0, wp, s0, pass.grp);
                    f.mt_addr = mt_act;
                    f.core_addr = core_in;
                    f.acquire = {core_lock(in_free)};
                    f.release = {core_lock(in_full)};
                    AieInstr& c = add_piece(AieOp::comp, pass, iters, g, wp, k, s0);
                    c.bytes = comp_macs(0, 0, wp, k, s0, pass.grp);
                    c.core_addr = core_in;
                    c.acquire = {core_lock(in_full), core_lock(out_free, npc, 0)};
                    c.release = {core_lock(in_free), core_lock(out_full, npc, npc - 1)};
                    if (npc > 1) {
                        c.acquire.push_back(core_lock(w_full));
                        c.release.push_back(core_lock(w_free));
                    }
                    if (pass.completes_outputs) {
                        AieInstr& o = add_piece(AieOp::writefm, pass, g.n, g, wp, k, 0);
                        o.bytes = writefm_bytes(0, 0, wp, k, pass.grp);
                        o.mt_addr = mt_ofm;
                        o.core_addr = core_out;
                        o.acquire = {core_lock(out_full)};
                        o.release = {core_lock(out_free)};
                    }
                }
        }
        if (pass.completes_outputs) {
            AieInstr& i = add(AieOp::write, pass, 1);
            i.bytes = write_bytes(0, pass);
            i.ddr_addr = m_p.ddr_output_base + static_cast<std::uint64_t>(rows.lo) * l.out_w() * l.out_channels;
            i.mt_addr = mt_ofm;
            const std::uint8_t n = static_cast<std::uint8_t>(m_p.rows);
            i.enter = {mt_lock(ofm_full, n)};
            i.leave = {mt_lock(ofm_free, n)};
        }
    }
    // Lock chains that span instructions: the first/last instruction of a band, pass or k-piece
    // takes/gives the mem-tile buffer or the core's weights.
    auto first_last = [&](AieOp op, auto key, auto on_first, auto on_last) {
        std::size_t n = m_program.size();
        for (std::size_t i = 0; i < n; ++i) {
            if (m_program[i].op != op) continue;
            bool first = true, last = true;
            for (std::size_t j = i; j-- > 0;)
                if (m_program[j].op == op) {
                    first = key(m_program[j]) != key(m_program[i]);
                    break;
                }
            for (std::size_t j = i + 1; j < n; ++j)
                if (m_program[j].op == op) {
                    last = key(m_program[j]) != key(m_program[i]);
                    break;
                }
            if (first) on_first(m_program[i]);
            if (last) on_last(m_program[i]);
        }
    };
    first_last(AieOp::loadfm, [](const AieInstr& i) { return (std::uint64_t(i.grp) << 32) | i.band; },
               [](AieInstr& i) { i.enter.push_back(mt_lock(act_full)); },
               [](AieInstr& i) { i.leave.push_back(mt_lock(act_free)); });
    first_last(AieOp::loadwm, [](const AieInstr& i) { return i.pass; },
               [](AieInstr& i) { i.enter.push_back(mt_lock(wgt_full)); },
               [](AieInstr& i) { i.leave.push_back(mt_lock(wgt_free)); });
    first_last(AieOp::writefm, [](const AieInstr& i) { return i.pass; },
               [](AieInstr& i) { i.enter.push_back(mt_lock(ofm_free)); },
               [](AieInstr& i) { i.leave.push_back(mt_lock(ofm_full)); });
    if (npc == 1)
        first_last(AieOp::comp, [](const AieInstr& i) { return (std::uint64_t(i.pass) << 32) | i.kpiece; },
                   [](AieInstr& i) { i.enter.push_back(core_lock(w_full)); },
                   [](AieInstr& i) { i.leave.push_back(core_lock(w_free)); });
}

}  // namespace skipsim
