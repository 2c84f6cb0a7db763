// SystemC bench of the AIE mesh: compiled programs run by the engine processes and locks.
// - a program broken on purpose (its weight loads removed) ends with every process waiting: the
//   mesh reports the processes and the locks they wait on, instead of hanging;
// - a lock released beyond AIE2's 63 fails the layer, and no process is left blocked;
// - a correct program overlaps loads, compute and writes through the ping-pong locks: its time
//   lies between the busiest core's compute and the fully serialized sum of its steps.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "aie/aie_array.h"
#include "aie/aie_time_rule.h"
#include "memory/ddr_channel.h"

namespace skipsim {
namespace {

Layer conv_layer() {
    Layer l;
    l.name = "conv";
    l.in_channels = 32;
    l.out_channels = 32;
    l.in_h = l.in_w = 16;
    l.kernel_h = l.kernel_w = 3;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    return l;
}

struct Results {
    std::string deadlock, overflow;
    double ok_ns = -1;
    AieLayerFigures figures;
    std::uint64_t serial_cycles = 0;
};

struct Tester : sc_core::sc_module {
    AieArray* broken_mesh;
    AieArray* mesh;
    AieArray* overflow_mesh = nullptr;
    Results& out;
    Layer layer = conv_layer();
    // The control sockets must be bound; the bench drives execute() directly.
    tlm_utils::simple_initiator_socket<Tester> control_broken, control_ok, control_overflow;
    SC_HAS_PROCESS(Tester);
    Tester(const sc_core::sc_module_name& n, AieArray& broken, AieArray& ok, AieArray& overflow, Results& r)
        : sc_module(n), broken_mesh(&broken), mesh(&ok), overflow_mesh(&overflow), out(r),
          control_broken("control_broken"), control_ok("control_ok"), control_overflow("control_overflow") {
        control_broken.bind(broken.control);
        control_ok.bind(ok.control);
        control_overflow.bind(overflow.control);
        SC_THREAD(run);
    }
    void run() {
        AieParams p;
        p.rows = p.cols = 2;
        {
            AiePlan plan(layer, p, {});
            auto& prog = plan.program();
            prog.erase(std::remove_if(prog.begin(), prog.end(), [](const AieInstr& i) { return i.op == AieOp::loadw; }),
                       prog.end());
            try {
                broken_mesh->execute(plan, nullptr);
            } catch (const AieDeadlock& e) {
                out.deadlock = e.what();
            }
        }
        {
            // A LOAD that releases its mem-tile lock by 64: beyond AIE2's 63.
            AiePlan plan(layer, p, {});
            for (AieInstr& i : plan.program())
                if (i.op == AieOp::load) i.leave.front().n = 64;
            try {
                overflow_mesh->execute(plan, nullptr);
            } catch (const InternalError& e) {
                out.overflow = e.what();
            }
        }
        AiePlan plan(layer, p, {});
        out.figures = layer_figures(plan);
        // Every step of the busiest core (with its column's loads and its writes) one after another.
        for (const AieInstr& i : plan.program()) {
            if (i.op == AieOp::loadfm)
                for (std::uint32_t it = 0; it < i.iterations; ++it)
                    out.serial_cycles += transfer_cycles(plan.loadfm_bytes(0, i.row0 + it, i.wpiece, 0, 0), p.stream_bytes_per_cycle);
            if (i.op == AieOp::comp)
                out.serial_cycles += i.iterations * plan.comp_cycles(plan.comp_macs(0, 0, i.wpiece, i.kpiece, 0, 0));
            if (i.op == AieOp::writefm)
                out.serial_cycles += i.iterations * transfer_cycles(plan.writefm_bytes(0, 0, i.wpiece, i.kpiece, 0), p.stream_bytes_per_cycle);
        }
        const sc_core::sc_time t0 = sc_core::sc_time_stamp();
        mesh->execute(plan, nullptr);
        out.ok_ns = (sc_core::sc_time_stamp() - t0).to_seconds() * 1e9;
    }
};

Results& bench() {
    static Results r;
    static bool done = false;
    if (done) return r;
    done = true;
    static BuildContext ctx;
    ctx.clock.ghz = 1.0;
    AieParams p;
    p.rows = p.cols = 2;
    static DdrChannel ddr_a("ddr_a", DdrChannelParams{}, ctx), ddr_b("ddr_b", DdrChannelParams{}, ctx),
        ddr_c("ddr_c", DdrChannelParams{}, ctx);
    static AieArray broken("broken", p, ctx), ok("ok", p, ctx), overflow("overflow", p, ctx);
    broken.ddr[0]->bind(ddr_a.target);
    ok.ddr[0]->bind(ddr_b.target);
    overflow.ddr[0]->bind(ddr_c.target);
    ok.on_bound("ddr_0", ddr_b);
    static Tester t("tester", broken, ok, overflow, r);
    sc_core::sc_start();
    return r;
}

TEST(AieMesh, ABrokenProgramReportsTheWaitingProcessesAndLocks) {
    const std::string& d = bench().deadlock;
    EXPECT_NE(d.find("broken: deadlock in layer 'conv'"), std::string::npos) << d;
    EXPECT_NE(d.find("memtile_row_0_loadwm on memtile_0.wgt_full_row0 (value 0, needs 1)"), std::string::npos) << d;
    EXPECT_NE(d.find("core_0_0 on core_0_0.w_full (value 0, needs 1)"), std::string::npos) << d;
    EXPECT_NE(d.find("shim_0_write on memtile_0.ofm_full (value 0, needs 2)"), std::string::npos) << d;
}

// AIE2 lock values are 0..63; a failing process stops the layer and the others unwind.
TEST(AieMesh, ALockReleasedBeyond63IsAnInternalError) {
    EXPECT_EQ(bench().overflow, "overflow: lock memtile_0.act_full released beyond 63");
}

TEST(AieMesh, PingPongLocksOverlapLoadsComputeAndWrites) {
    const Results& r = bench();
    ASSERT_GT(r.ok_ns, 0);
    EXPECT_GE(r.ok_ns, static_cast<double>(r.figures.compute_bound));
    EXPECT_LT(r.ok_ns, static_cast<double>(r.serial_cycles));
}

}  // namespace
}  // namespace skipsim
