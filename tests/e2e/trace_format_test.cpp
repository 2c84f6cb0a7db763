// Every family's trace as `skipsim run --trace` writes it: valid Chrome Trace Event format
// (tests/trace_check: fields, metadata, nesting on every track), a layers track with one event
// per layer, counter tracks, and the same bytes from the same inputs.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "run_binary.h"
#include "trace_check.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

struct Case {
    const char* platform;
    const char* workload;
};

const Case kFamilies[] = {{"ws_32x32", "tiny"},        {"os_32x32", "tiny"},
                          {"is_32x32", "tiny"},        {"bitserial_32x32", "lenet5_mnist_cc8"},
                          {"zero_skip_64x8", "tiny"},  {"aie_2x2", "aie_tiny"},
                          {"pim_512x256", "resnet20_cifar10_2bit"}};

std::string run_traced(const std::string& dir, const Case& c) {
    Result r = run_skipsim(std::string("run --quiet --platform platforms/") + c.platform + ".json --workload workloads/zoo/" +
                           c.workload + ".json --out '" + dir + "' --trace");
    EXPECT_EQ(r.status, 0) << c.platform << ": " << r.err;
    return read_file(dir + "/trace.json");
}

TEST(TraceFormat, EveryFamilyWritesAValidTraceWithALayersTrackAndCounters) {
    const std::string dir = temp_dir("trace-format");
    for (const Case& c : kFamilies) {
        const std::string out = dir + "/" + c.platform;
        const std::string text = run_traced(out, c);
        const auto check = trace_check::check_text(text);
        EXPECT_TRUE(check.ok()) << c.platform << ": " << check.summary();
        EXPECT_GT(check.counters, 0u) << c.platform << ": no counter track";
        const json trace = json::parse(text);
        const json report = json::parse(read_file(out + "/report.json"));
        std::map<int, std::string> names;
        std::map<int, int> rank;
        for (const auto& e : trace["traceEvents"]) {
            if (e["ph"] == "M" && e["name"] == "thread_name") names[e["tid"]] = e["args"]["name"];
            if (e["ph"] == "M" && e["name"] == "thread_sort_index") rank[e["tid"]] = e["args"]["sort_index"];
        }
        std::vector<json> layers;
        std::set<std::string> counters;
        for (const auto& e : trace["traceEvents"]) {
            if (e["ph"] == "X" && names[e["tid"]] == "layers") layers.push_back(e);
            if (e["ph"] == "C") counters.insert(e["name"]);
        }
        ASSERT_EQ(layers.size(), report["layers"].size()) << c.platform;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            EXPECT_EQ(layers[i]["name"], report["layers"][i]["name"]) << c.platform;
            EXPECT_EQ(layers[i]["args"]["cycles"], report["layers"][i]["cycles"]) << c.platform;
            EXPECT_TRUE(layers[i]["args"].contains("shape")) << c.platform;
        }
        // The layers track sorts first.
        for (const auto& [tid, n] : names) {
            if (n == "layers") {
                EXPECT_EQ(rank[tid], 1) << c.platform;
            }
        }
        const std::string ddr = std::string(c.platform).rfind("aie", 0) == 0 ? "top.ddr_0" : "top.ddr";
        EXPECT_TRUE(counters.count(ddr + " bandwidth GB/s")) << c.platform;
    }
}

TEST(TraceFormat, AieTracksAreGroupedByEngineTypeAndColouredByInstruction) {
    const std::string dir = temp_dir("trace-aie");
    const json trace = json::parse(run_traced(dir + "/run", {"aie_2x2", "aie_tiny"}));
    std::map<int, std::string> names;
    std::map<int, std::string> by_rank;
    std::set<std::string> categories;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "M" && e["name"] == "thread_name") names[e["tid"]] = e["args"]["name"];
    for (const auto& e : trace["traceEvents"]) {
        if (e["ph"] == "M" && e["name"] == "thread_sort_index") by_rank[e["args"]["sort_index"]] = names[e["tid"]];
        if (e["ph"] == "X" && names[e["tid"]].rfind("top.aie.", 0) == 0) categories.insert(e["cat"]);
    }
    std::vector<std::string> cores;
    for (const auto& [_, n] : by_rank)
        if (n.rfind("top.aie.core_", 0) == 0 && n.find("writefm") == std::string::npos) cores.push_back(n);
    EXPECT_EQ(cores, (std::vector<std::string>{"top.aie.core_0_0", "top.aie.core_0_1", "top.aie.core_1_0", "top.aie.core_1_1"}));
    for (const char* op : {"load", "loadw", "loadfm", "loadwm", "comp", "writefm", "write"})
        EXPECT_TRUE(categories.count(op)) << op;
}

TEST(TraceFormat, SameInputsGiveTheSameTraceBytes) {
    const std::string dir = temp_dir("trace-determinism");
    const Case c{"ws_32x32", "tiny"};
    EXPECT_EQ(run_traced(dir + "/a", c), run_traced(dir + "/b", c));
}

}  // namespace
}  // namespace skipsim::e2e
