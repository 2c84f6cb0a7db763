// skipsim membench as a user runs it: its JSON fields, its figures against the analytical
// bounds, its bad-input messages; and the DDR channel's trace tracks nest.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

json membench(const std::string& args) {
    const std::string dir = temp_dir("membench") + "/out";
    Result r = run_skipsim("membench -p platforms/ddr4_3200_bench.json " + args + " --out '" + dir + "'");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("bandwidth"), std::string::npos) << r.out;
    return json::parse(read_file(dir + "/membench.json"));
}

TEST(Membench, WritesEveryFieldOfItsContract) {
    const json j = membench("--pattern mix --bytes 1000001 --seed 7");
    for (const char* f : {"pattern", "bytes", "seconds", "bandwidth_gbps", "avg_read_latency_ns", "activates",
                          "row_hits", "refreshes", "energy_pj"})
        EXPECT_TRUE(j.contains(f)) << f;
    EXPECT_EQ(j["pattern"], "mix");
    EXPECT_EQ(j["bytes"], 1000064);  // whole requests of 64 bytes
    EXPECT_NEAR(j["bandwidth_gbps"].get<double>(), j["bytes"].get<double>() / j["seconds"].get<double>() / 1e9, 1e-6);
    EXPECT_GT(j["avg_read_latency_ns"].get<double>(), 0);
    EXPECT_GT(j["energy_pj"].get<double>(), 0);
    EXPECT_GT(j["activates"].get<int>(), 0);
    // The same seed gives the same figures.
    EXPECT_EQ(membench("--pattern mix --bytes 1000001 --seed 7")["seconds"], j["seconds"]);
}

TEST(Membench, SequentialBeatsRandomAndNothingBeatsThePeak) {
    const json seq = membench("--pattern seq_read --bytes 4000000");
    const json rnd = membench("--pattern rand_read --bytes 4000000");
    const json wr = membench("--pattern seq_write --bytes 4000000 --request-bytes 4096");
    for (const json* j : {&seq, &rnd, &wr}) EXPECT_LT((*j)["bandwidth_gbps"].get<double>(), 25.6);
    EXPECT_GT(seq["bandwidth_gbps"].get<double>(), rnd["bandwidth_gbps"].get<double>());
    EXPECT_GT(seq["row_hits"].get<int>(), 60000);
    EXPECT_LT(rnd["row_hits"].get<int>(), 100);
    EXPECT_TRUE(wr["avg_read_latency_ns"].is_null());  // no reads
    // A preset swaps the whole device: HBM2's pseudo-channel peaks at 16 GB/s.
    const json hbm = membench("--pattern seq_read --bytes 1000000 --set ddr.preset=HBM2_8Gb_x64_2000");
    EXPECT_EQ(hbm["peak_gbps"], 16.0);
    EXPECT_EQ(hbm["preset"], "HBM2_8Gb_x64_2000");
}

TEST(Membench, BadInputExitsTwoWithOneLocatedMessage) {
    const std::string base = "membench -p platforms/ddr4_3200_bench.json ";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {base + "--pattern sideways --bytes 64", "--pattern: expected 'seq_read'"},
        {base + "--pattern seq_read --bytes 0", "--bytes: expected a positive number of bytes"},
        {base + "--pattern seq_read --bytes 64 --request-bytes 100", "--request-bytes: expected a positive multiple"},
        {base + "--pattern seq_read --bytes 64 --component dram", "--component: expected a component of"},
        {base + "--pattern seq_read --bytes 64 --set ddr.preset=DDR5", "--set ddr.preset=DDR5: expected one of"},
        {base + "--pattern seq_read --bytes 64 --set ddr.mapping=rorochbgbaco", "--set ddr.mapping=rorochbgbaco:"},
        {"membench -p platforms/ws_32x32.json --pattern seq_read --bytes 64 --component ifmap_sram",
         "--component: expected a DRAM channel (ddr_channel), got 'ifmap_sram', a sram_buffer"},
        {"membench -p platforms/aie_2x2.json --pattern seq_read --bytes 64",
         "--component: expected the name of one of the platform's DRAM components (ddr_0, ddr_1)"},
        {base + "--bytes 64", "the option '--pattern' is required"},
        {base + "--pattern seq_read --bytes 64 --frobnicate", "unrecognised option '--frobnicate'"},
    };
    for (const auto& [args, message] : cases) {
        Result r = run_skipsim(args);
        EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
        EXPECT_NE(r.err.find(message), std::string::npos) << args << "\n" << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

// Complete events on one track may touch or nest, never overlap partly.
TEST(DdrTrace, EveryTrackNests) {
    const std::string dir = temp_dir("ddr-trace") + "/run";
    Result r = run_skipsim("run --quiet --trace --platform platforms/aie_2x2.json --workload workloads/zoo/aie_tiny.json "
                           "--out '" + dir + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const json trace = json::parse(read_file(dir + "/trace.json"));
    std::map<int, std::string> names;
    std::map<int, std::vector<std::pair<double, double>>> events;
    for (const auto& e : trace["traceEvents"]) {
        if (e["ph"] == "M" && e["name"] == "thread_name") names[e["tid"].get<int>()] = e["args"]["name"];
        if (e["ph"] == "X") {
            const double ts = e["ts"].get<double>();
            events[e["tid"].get<int>()].emplace_back(ts, ts + e["dur"].get<double>());
        }
    }
    int ddr_tracks = 0, bank_tracks = 0;
    for (auto& [tid, list] : events) {
        if (names[tid].rfind("top.ddr", 0) != 0) continue;
        ++ddr_tracks;
        if (names[tid].find(".bank") != std::string::npos) ++bank_tracks;
        std::sort(list.begin(), list.end());
        for (std::size_t i = 1; i < list.size(); ++i) {
            const bool after = list[i].first >= list[i - 1].second - 1e-6;
            const bool inside = list[i].second <= list[i - 1].second + 1e-6;
            EXPECT_TRUE(after || inside) << names[tid] << " event " << i;
        }
    }
    EXPECT_GE(ddr_tracks, 2);
    EXPECT_GE(bank_tracks, 4);
}

}  // namespace
}  // namespace skipsim::e2e
