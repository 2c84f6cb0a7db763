// AIE meshes end to end (seed 003):
// - the simulated time of every layer is never below the busiest core's compute or the DDR bound
//   computed on the same instruction stream (MODELS.md section 5's time rule is reported beside);
// - 50% 8x8-block sparsity beats dense inside the published band (about 1.2x to 1.8x), and its
//   compute_speedup compares each layer with its dense compile (what the dense run computes);
// - the report breaks each layer's time down by instruction category, --emit-program writes the
//   program with simulated times, and the trace has a track per DDR channel, mem-tile engine and core;
// - activations stay in the mem-tiles between layers when they fit, and a column's cores share
//   one write channel into their mem-tile (seed 003's logs).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

json run_report(const std::string& dir, const std::string& platform, const std::string& workload,
                const std::string& extra = "") {
    Result r = run_skipsim("run --quiet --platform platforms/" + platform + ".json --workload workloads/zoo/" + workload +
                           ".json --out '" + dir + "' " + extra);
    EXPECT_EQ(r.status, 0) << r.err;
    return r.status ? json() : json::parse(read_file(dir + "/report.json"));
}

TEST(Aie, LayersNeverBeatTheirComputeOrDdrBoundAndSparseBeatsDense) {
    const std::string dir = temp_dir("aie-bounds");
    for (const auto& [platform, net] : {std::pair{"aie_2x2", "resnet50"}, std::pair{"aie_8x8", "resnet50"},
                                        std::pair{"aie_3x3", "inception_v3"}}) {
        double total[2] = {0, 0};
        json reps[2];
        for (int sparse = 0; sparse < 2; ++sparse) {
            const std::string wl = std::string(net) + (sparse ? "_block8x8_50" : "");
            const json rep = run_report(dir + "/" + platform + wl, platform, wl);
            ASSERT_FALSE(rep.is_null());
            for (const json& l : rep["layers"]) {
                const auto cycles = l["cycles"].get<std::uint64_t>();
                const json& m = l["mapping"];
                EXPECT_GE(cycles, m["compute_bound_cycles"].get<std::uint64_t>()) << wl << " " << l["name"];
                EXPECT_GE(cycles, m["ddr_bound_cycles"].get<std::uint64_t>()) << wl << " " << l["name"];
                EXPECT_GT(m["seed_rule_cycles"].get<std::uint64_t>(), 0u);
                EXPECT_EQ(m["busy_ns_by_instruction"].size(), 7u);
                // The simulated cores' compute is the compiler's count for the busiest core.
                EXPECT_EQ(l["compute_cycles"], m["compute_bound_cycles"]) << wl << " " << l["name"];
                // LOADWM's blocking part is a part of its streaming; a layer's first weights
                // always block (no core computes before it has some).
                const double loadwm = m["busy_ns_by_instruction"]["LOADWM"].get<double>();
                const double blocking = m["loadwm_blocking_ns"].get<double>();
                EXPECT_LE(blocking, loadwm + 1e-6) << wl << " " << l["name"];
                if (loadwm > 0) {
                    EXPECT_GT(blocking, 0.0) << wl << " " << l["name"];
                }
            }
            total[sparse] = rep["totals"]["seconds"].get<double>();
            reps[sparse] = rep;
        }
        // The seed's Table 2 speedups lie between 1.27x and 1.76x.
        EXPECT_GT(total[0] / total[1], 1.2) << platform << " " << net;
        EXPECT_LT(total[0] / total[1], 1.85) << platform << " " << net;
        // A block-sparse layer's dense-equivalent compute is exactly what the dense network's run
        // computes for that layer (the first conv, never sparsified, is its own), so skipping half
        // the blocks shows as a compute speedup of up to about 2x.
        const json &dense = reps[0]["layers"], &sparse = reps[1]["layers"];
        ASSERT_EQ(dense.size(), sparse.size());
        for (std::size_t i = 0; i < dense.size(); ++i) {
            EXPECT_EQ(sparse[i]["dense_compute_cycles"], dense[i]["compute_cycles"]) << net << " " << sparse[i]["name"];
            EXPECT_EQ(dense[i]["compute_speedup"].get<double>(), 1.0);
            if (sparse[i]["mapping"].contains("compute_speedup")) {
                EXPECT_EQ(sparse[i]["mapping"]["compute_speedup"], sparse[i]["compute_speedup"]);
            }
        }
        const double speedup = reps[1]["totals"]["compute_speedup"].get<double>();
        EXPECT_GT(speedup, 1.5) << platform << " " << net;
        EXPECT_LE(speedup, 2.0) << platform << " " << net;
        EXPECT_EQ(reps[1]["totals"]["dense_compute_cycles"], reps[0]["totals"]["compute_cycles"]);
    }
}

// Seed 003's logs keep ResNet-50's activations in the mem-tiles on 4x4 (only the first layer
// reads and writes DDR) and let a column's cores share one write channel into the mem-tile.
TEST(Aie, ActivationsStayInTheMemtilesAndAColumnSharesItsWriteChannel) {
    const std::string dir = temp_dir("aie-residency");
    const json on = run_report(dir + "/on", "aie_4x4", "resnet50");
    const json off = run_report(dir + "/off", "aie_4x4", "resnet50",
                                "--set aie.memtile_residency=false --set aie.writefm_per_column=false");
    ASSERT_FALSE(on.is_null());
    ASSERT_FALSE(off.is_null());
    const json &a = on["layers"], &b = off["layers"];
    ASSERT_EQ(a.size(), b.size());
    std::uint64_t ddr_on = 0, ddr_off = 0;
    std::size_t resident = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const json &m = a[i]["mapping"], &n = b[i]["mapping"];
        ddr_on += m["ddr_bytes"].get<std::uint64_t>();
        ddr_off += n["ddr_bytes"].get<std::uint64_t>();
        EXPECT_FALSE(n["input_in_memtile"].get<bool>());
        EXPECT_FALSE(n["output_in_memtile"].get<bool>());
        // What one layer leaves in the mem-tiles the next one finds there.
        if (i + 1 < a.size()) {
            EXPECT_EQ(m["output_in_memtile"], a[i + 1]["mapping"]["input_in_memtile"]) << a[i]["name"];
        }
        if (m["input_in_memtile"].get<bool>()) {
            ++resident;
            EXPECT_EQ(m["busy_ns_by_instruction"]["LOAD"].get<double>(), 0.0) << a[i]["name"];
        }
        if (m["output_in_memtile"].get<bool>()) {
            EXPECT_EQ(m["busy_ns_by_instruction"]["WRITE"].get<double>(), 0.0) << a[i]["name"];
        }
        // The same cores' outputs through a quarter of the write channels (4 rows per column).
        const double wfm_on = m["busy_ns_by_instruction"]["WRITEFM"].get<double>();
        const double wfm_off = n["busy_ns_by_instruction"]["WRITEFM"].get<double>();
        EXPECT_GE(wfm_on, wfm_off) << a[i]["name"];
        EXPECT_LE(wfm_on, 4 * wfm_off + 1) << a[i]["name"];
    }
    // The image comes from DDR; every later layer's activations fit 4 x 512 KB.
    EXPECT_FALSE(a[0]["mapping"]["input_in_memtile"].get<bool>());
    EXPECT_FALSE(a[0]["mapping"]["output_in_memtile"].get<bool>());
    EXPECT_EQ(resident, a.size() - 2);
    EXPECT_LT(ddr_on, ddr_off);
    EXPECT_LT(on["totals"]["seconds"].get<double>(), off["totals"]["seconds"].get<double>());
}

TEST(Aie, EmitsTheProgramWithSimulatedTimesAndTracesEveryEngine) {
    const std::string dir = temp_dir("aie-program");
    const json rep = run_report(dir + "/run", "aie_2x2", "aie_tiny", "--trace --emit-program '" + dir + "/prog.txt'");
    ASSERT_FALSE(rep.is_null());
    const std::string prog = read_file(dir + "/prog.txt");
    std::size_t layers = 0, lines = 0, timed = 0;
    for (std::size_t a = 0, b; a < prog.size(); a = b + 1) {
        b = prog.find('\n', a);
        const std::string line = prog.substr(a, b - a);
        if (line.rfind("# layer", 0) == 0) ++layers;
        else if (!line.empty() && line[0] != '#') ++lines, timed += line.find(" start_ns ") != std::string::npos;
    }
    EXPECT_EQ(layers, rep["layers"].size());
    EXPECT_GT(lines, 0u);
    EXPECT_EQ(timed, lines);
    for (const char* op : {"LOAD ", "LOADW ", "LOADFM ", "LOADWM ", "COMP ", "WRITEFM ", "WRITE "})
        EXPECT_NE(prog.find(std::string("\n") + op), std::string::npos) << op;
    const std::string trace = read_file(dir + "/run/trace.json");
    for (const char* track : {"top.ddr_0", "top.ddr_1", "top.aie.memtile_0_loadfm", "top.aie.shim_1_load",
                              "top.aie.core_1_1", "top.aie.core_0_1_writefm", "top.aie.memtile_row_1_loadwm"})
        EXPECT_NE(trace.find(track), std::string::npos) << track;
}

}  // namespace
}  // namespace skipsim::e2e
