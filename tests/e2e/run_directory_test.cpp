// A run as a user makes it: the run directory's files, the report schema, the trace format,
// determinism, overrides, and `skipsim describe`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(RunDirectory, HoldsReportCsvConfigAndTrace) {
    const std::string out = temp_dir("rundir") + "/run";
    Result r = run_skipsim("run --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json --trace --out '" +
                           out + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("run directory: " + out), std::string::npos);
    json report = json::parse(read_file(out + "/report.json"));
    EXPECT_EQ(report["schema"], "skipsim.report/1");
    const auto& layers = report["layers"];
    ASSERT_GT(layers.size(), 1u);
    std::uint64_t cycles = 0;
    for (const auto& l : layers) {
        for (const char* key : {"cycles", "compute_cycles", "stall_cycles", "seconds", "dense_macs", "effective_macs",
                                "utilization", "ddr_bytes", "sram_bytes", "energy_pj"})
            EXPECT_TRUE(l.contains(key)) << key;
        EXPECT_LE(l["utilization"].get<double>(), 1.0);
        EXPECT_GE(l["cycles"].get<std::uint64_t>(), l["compute_cycles"].get<std::uint64_t>());
        EXPECT_GT(l["energy_pj"]["total"].get<double>(), 0.0);
        cycles += l["cycles"].get<std::uint64_t>();
    }
    EXPECT_EQ(report["totals"]["cycles"].get<std::uint64_t>(), cycles);
    const auto& by = report["totals"]["energy_pj"]["by_component"];
    for (const char* comp : {"top.array", "top.ddr", "top.ifmap_sram", "top.filter_sram", "top.ofmap_sram"})
        EXPECT_TRUE(by.contains(comp)) << comp;

    std::string csv = read_file(out + "/layers.csv");
    EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), layers.size() + 1);

    json config = json::parse(read_file(out + "/resolved_config.json"));
    EXPECT_EQ(config["platform"]["components"][0]["params"].is_object(), true);

    // Chrome Trace Event format: an object with traceEvents; complete events carry ts/dur and
    // a thread id named by a thread_name metadata event; one thread per component.
    json trace = json::parse(read_file(out + "/trace.json"));
    ASSERT_TRUE(trace["traceEvents"].is_array());
    std::set<std::string> tracks;
    std::set<int> named_tids, used_tids;
    for (const auto& e : trace["traceEvents"]) {
        ASSERT_TRUE(e.contains("ph") && e.contains("pid") && e.contains("name"));
        ASSERT_TRUE(e["ph"] == "C" || e.contains("tid"));  // counters belong to the process
        if (e["ph"] == "M" && e["name"] == "thread_name") {
            tracks.insert(e["args"]["name"].get<std::string>());
            named_tids.insert(e["tid"].get<int>());
        } else if (e["ph"] == "X") {
            EXPECT_GE(e["dur"].get<double>(), 0.0);
            used_tids.insert(e["tid"].get<int>());
        }
    }
    for (int t : used_tids) EXPECT_TRUE(named_tids.count(t));
    for (const char* track : {"top.array", "top.ddr", "top.ifmap_sram", "top.filter_sram", "top.ofmap_sram"})
        EXPECT_TRUE(tracks.count(track)) << track;
}

// A rerun of the same command gives the same bytes (the report's provenance records the command).
TEST(RunDirectory, OutputIsDeterministic) {
    const std::string dir = temp_dir("determinism") + "/run";
    std::string report, csv;
    for (int run = 0; run < 2; ++run) {
        Result r = run_skipsim("run --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json --out '" +
                               dir + "'");
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_TRUE(r.out.empty());
        if (run == 0) {
            report = read_file(dir + "/report.json");
            csv = read_file(dir + "/layers.csv");
        }
    }
    EXPECT_EQ(read_file(dir + "/report.json"), report);
    EXPECT_EQ(read_file(dir + "/layers.csv"), csv);
}

// --timings prints one line on stderr, phases that add up to the time since main(); the run's
// files are what they are without it (but for the command the report records).
TEST(RunDirectory, TimingsGoToStderrAndChangeNoFile) {
    const std::string dir = temp_dir("timings") + "/run";
    const std::string args =
        "run --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json --out '" + dir + "'";
    Result plain = run_skipsim(args);
    ASSERT_EQ(plain.status, 0) << plain.err;
    std::map<std::string, std::string> before;
    for (const char* file : {"layers.csv", "resolved_config.json", "report.html", "report.json"})
        before[file] = read_file(dir + "/" + file);
    Result timed = run_skipsim(args + " --timings");
    ASSERT_EQ(timed.status, 0) << timed.err;
    EXPECT_TRUE(timed.out.empty()) << timed.out;
    std::smatch m;
    const std::regex line(
        "timings: start ([0-9.]+) ms, inputs and elaboration ([0-9.]+) ms, simulation ([0-9.]+) ms, "
        "reports ([0-9.]+) ms \\(([0-9.]+) ms since main\\)\n");
    ASSERT_TRUE(std::regex_match(timed.err, m, line)) << timed.err;
    double sum = 0;
    for (int i = 1; i <= 4; ++i) sum += std::stod(m[i].str());
    EXPECT_GT(std::stod(m[3].str()), 0.0);  // the simulation took some time
    EXPECT_NEAR(sum, std::stod(m[5].str()), 0.25);  // four roundings to 0.1 ms
    for (const char* file : {"layers.csv", "resolved_config.json", "report.html"})
        EXPECT_EQ(read_file(dir + "/" + file), before[file]) << file;
    json a = json::parse(before["report.json"]), b = json::parse(read_file(dir + "/report.json"));
    a["provenance"].erase("command");
    b["provenance"].erase("command");
    EXPECT_EQ(a, b);
}

// The report says which skipsim made it, how it was called and what it read.
TEST(RunDirectory, ReportRecordsVersionCommandAndInputHashes) {
    const std::string out = temp_dir("provenance") + "/run";
    Result r = run_skipsim("run --quiet --platform platforms/zero_skip_64x8.json --workload workloads/zoo/resnet50_pruned_85.json "
                           "--out '" + out + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const json p = json::parse(read_file(out + "/report.json")).at("provenance");
    Result version = run_skipsim("--version");
    EXPECT_NE(version.out.find(p.at("commit").get<std::string>()), std::string::npos) << version.out;
    EXPECT_EQ(p.at("command").at(0), "skipsim");
    EXPECT_EQ(p.at("command").at(1), "run");
    std::set<std::string> roles;
    for (const auto& in : p.at("inputs")) {
        roles.insert(in.at("role").get<std::string>());
        EXPECT_EQ(in.at("sha256").get<std::string>().size(), 64u);
    }
    for (const char* role : {"platform", "energy_table", "workload", "workload_input"}) EXPECT_TRUE(roles.count(role)) << role;
}

TEST(RunDirectory, SetOverridesAParameterAndIsRecorded) {
    const std::string out = temp_dir("set") + "/run";
    Result r = run_skipsim("run --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                           "--set array.rows=8 --set array.dataflow=os --out '" + out + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    json config = json::parse(read_file(out + "/resolved_config.json"));
    bool found = false;
    for (const auto& c : config["platform"]["components"])
        if (c["name"] == "array") {
            EXPECT_EQ(c["params"]["rows"], 8);
            EXPECT_EQ(c["params"]["dataflow"], "os");
            found = true;
        }
    EXPECT_TRUE(found);
    json report = json::parse(read_file(out + "/report.json"));
    EXPECT_EQ(report["platform"]["peak_macs_per_cycle"], 8 * 32);
}

// The registry test: every kind with its family and role, and nothing else.
TEST(Describe, ListsEveryRegisteredKindWithItsRole) {
    Result r = run_skipsim("describe");
    ASSERT_EQ(r.status, 0) << r.err;
    const std::vector<std::vector<std::string>> expected = {
        {"aie_array", "aie", "accelerator"},        {"bitserial_array", "bitserial", "accelerator"},
        {"ddr_channel", "memory", "dram"},          {"pim_chip", "pim", "accelerator"},
        {"sram_buffer", "memory", "buffer"},        {"systolic_array", "systolic", "accelerator"},
        {"zero_skip_array", "sparse", "accelerator"}};
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);  // the heading
    std::size_t i = 0;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string kind, family, role;
        words >> kind >> family >> role;
        ASSERT_LT(i, expected.size()) << "unexpected kind " << kind;
        EXPECT_EQ((std::vector<std::string>{kind, family, role}), expected[i]);
        ++i;
    }
    EXPECT_EQ(i, expected.size());
}

// Every kind can be described: a component built with default parameters declares its sockets,
// counters (with units) and energy events itself.
TEST(Describe, EveryKindDeclaresItsSocketsStatsAndEnergyEvents) {
    for (const char* kind :
         {"aie_array", "bitserial_array", "ddr_channel", "pim_chip", "sram_buffer", "systolic_array", "zero_skip_array"}) {
        SCOPED_TRACE(kind);
        Result r = run_skipsim(std::string("describe ") + kind);
        ASSERT_EQ(r.status, 0) << r.err;
        const auto sockets = r.out.find("\nSockets:\n"), stats = r.out.find("\nStats:\n"),
                   energy = r.out.find("\nEnergy events:\n");
        ASSERT_NE(sockets, std::string::npos);
        ASSERT_NE(stats, std::string::npos);
        ASSERT_NE(energy, std::string::npos);
        EXPECT_GT(stats - sockets, std::string("\nSockets:\n").size() + 1);  // at least one socket
        EXPECT_GT(energy - stats, std::string("\nStats:\n").size() + 1);     // at least one counter
    }
    Result memory = run_skipsim("describe sram_buffer");
    EXPECT_NE(memory.out.find("bytes_read           bytes"), std::string::npos) << memory.out;
}

TEST(Describe, PrintsParamsSocketsStatsAndEnergyOfAKind) {
    Result r = run_skipsim("describe systolic_array");
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* text : {"Parameters:", "rows", "dataflow", "Sockets:", "control", "Stats:", "stall_cycles",
                             "Energy events:", "mac_int<b>"})
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
    Result bad = run_skipsim("describe systolic_aray");
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("did you mean 'systolic_array'"), std::string::npos) << bad.err;
}

TEST(ScaleSimPlatform, UnconstrainedDdrGivesTheClosedFormWithoutStalls) {
    const std::string out = temp_dir("scalesim") + "/run";
    Result r = run_skipsim("run --quiet --platform platforms/scalesim_default.json --set ddr.model=unlimited "
                           "--workload ../shared/reference/scalesim-topologies/alexnet.csv --out '" + out + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    json report = json::parse(read_file(out + "/report.json"));
    // Conv1 of AlexNet: 224x224x3, 11x11, 96 filters, stride 4 -> ofmap 55x55 (SCALE-Sim's
    // ceil((224 - 11 + 4) / 4)); WS on 32x32: (2*32 + 32 + 3025 - 2) * ceil(363/32) * ceil(96/32).
    const auto& l0 = report["layers"][0];
    EXPECT_EQ(l0["compute_cycles"].get<std::uint64_t>(), (64u + 32 + 3025 - 2) * 12 * 3);
    for (const auto& l : report["layers"]) EXPECT_EQ(l["stall_cycles"].get<std::uint64_t>(), 0u);
}

}  // namespace
}  // namespace skipsim::e2e

namespace skipsim::e2e {
namespace {

TEST(SaveMasks, AMaskWrittenByOneRunIsReadBackByAnother) {
    const std::string dir = temp_dir("masks");
    Result first = run_skipsim("run --quiet --platform platforms/ws_kij_32x32.json --workload workloads/zoo/tiny.json "
                               "--save-masks '" + dir + "/masks' --out '" + dir + "/first'");
    ASSERT_EQ(first.status, 0) << first.err;
    json net = json::parse(read_file(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/tiny.json"));
    int replaced = 0;
    for (auto& l : net["layers"])
        if (l.contains("sparsity")) {
            l["sparsity"] = {{"pattern", "mask"}, {"file", "masks/" + l["name"].get<std::string>() + ".npy"}};
            ++replaced;
        }
    ASSERT_GE(replaced, 2);
    std::ofstream(dir + "/again.json") << net.dump(1);
    Result second = run_skipsim("run --quiet --platform platforms/ws_kij_32x32.json --workload '" + dir +
                                "/again.json' --out '" + dir + "/second'");
    ASSERT_EQ(second.status, 0) << second.err;
    json a = json::parse(read_file(dir + "/first/report.json")), b = json::parse(read_file(dir + "/second/report.json"));
    for (std::size_t i = 0; i < a["layers"].size(); ++i) {
        EXPECT_EQ(a["layers"][i]["effective_macs"], b["layers"][i]["effective_macs"]);
        EXPECT_EQ(a["layers"][i]["cycles"], b["layers"][i]["cycles"]);
    }
}

// A Distiller-pruned ResNet-50 on the zero-skipping array: the report gives parameters and MACs
// dense and effective per layer and in total (the schedule's own nonzero count, to the weight).
TEST(ZeroSkipRun, ReportGivesDenseAndEffectiveParametersAndMacs) {
    const std::string dir = temp_dir("zero-skip");
    Result r = run_skipsim("run --quiet --platform platforms/zero_skip_64x8.json --workload "
                           "workloads/zoo/resnet50_pruned_85.json --out '" + dir + "/run'");
    ASSERT_EQ(r.status, 0) << r.err;
    json report = json::parse(read_file(dir + "/run/report.json"));
    const json& t = report["totals"];
    EXPECT_EQ(t["dense_params"], 25502912);
    EXPECT_EQ(t["effective_params"], 3935859);
    EXPECT_EQ(t["dense_macs"], 4089184256ull);
    EXPECT_NEAR(t["effective_macs"].get<double>() / 1e9, 0.714, 0.002 * 0.714);
    std::uint64_t params = 0, macs = 0;
    for (const json& l : report["layers"]) {
        params += l["effective_params"].get<std::uint64_t>();
        macs += l["effective_macs"].get<std::uint64_t>();
        EXPECT_LE(l["effective_params"].get<std::uint64_t>(), l["dense_params"].get<std::uint64_t>());
        EXPECT_LE(l["compute_cycles"].get<std::uint64_t>(), l["dense_compute_cycles"].get<std::uint64_t>());
    }
    EXPECT_EQ(params, t["effective_params"].get<std::uint64_t>());
    EXPECT_EQ(macs, t["effective_macs"].get<std::uint64_t>());
    EXPECT_EQ(report["layers"][0]["mapping"]["format"], "dense");  // conv1 is left dense
    EXPECT_EQ(report["layers"][1]["mapping"]["format"], "bitmap");
}

}  // namespace
}  // namespace skipsim::e2e
