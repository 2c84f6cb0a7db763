// Acceptance: fast and cycle modes give identical cycle counts on at least 200 random small
// layers (stride, padding, dilation, groups, odd sizes, arrays from 1x1 up, all three
// dataflows, DDR stalls included), and on at least 100 random pruned 4-bit layers with timestep
// skipping (WS kij_timestep) and reduction skipping (OS) at ratios 0 to 0.9; --check passes on
// every one in cycle mode.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <cmath>
#include <random>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

json random_layer(std::mt19937& rng, int index) {
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    json l;
    l["name"] = "l" + std::to_string(index);
    const int kind = pick(0, 9);
    if (kind == 0) {
        l["type"] = "linear";
        l["in_features"] = pick(1, 40);
        l["out_features"] = pick(1, 40);
        l["batch"] = pick(1, 5);
    } else if (kind == 1) {
        l["type"] = "matmul";
        l["m"] = pick(1, 20);
        l["n"] = pick(1, 20);
        l["k"] = pick(1, 20);
    } else {
        const int groups = pick(0, 3) == 0 ? pick(1, 4) : 1;
        const int k = pick(1, 3), dil = pick(0, 4) == 0 ? 2 : 1;
        const int pad = pick(0, 2), stride = pick(1, 3);
        const int span = dil * (k - 1) + 1;
        const int h = std::max(pick(1, 9), span - 2 * pad), w = std::max(pick(1, 9), span - 2 * pad);
        l["type"] = "conv2d";
        l["in_channels"] = groups * pick(1, 4);
        l["out_channels"] = groups * pick(1, 5);
        l["groups"] = groups;
        l["input"] = {h, w};
        l["kernel"] = k;
        l["stride"] = stride;
        l["padding"] = pad;
        l["dilation"] = dil;
        l["batch"] = pick(1, 2);
    }
    l["weight_bits"] = pick(2, 8);
    l["activation_bits"] = pick(2, 8);
    return l;
}

// Runs every workload in `nets` on its array in fast mode and in cycle mode with --check and
// compares the per-layer figures; returns the number of layers compared.
int compare_modes(const std::string& dir, const std::vector<std::pair<json, std::string>>& nets,
                  const std::string& platform = "platforms/ws_32x32.json") {
    int layers_checked = 0;
    for (std::size_t a = 0; a < nets.size(); ++a) {
        const std::string wl = dir + "/net" + std::to_string(a) + ".json";
        std::ofstream(wl) << nets[a].first.dump(1);
        const std::string common = "run --quiet --platform " + platform + " --workload '" + wl + "' " + nets[a].second;
        Result fast = run_skipsim(common + " --out '" + dir + "/fast" + std::to_string(a) + "'");
        EXPECT_EQ(fast.status, 0) << fast.err;
        Result cycle = run_skipsim(common + " --mode cycle --check --out '" + dir + "/cycle" + std::to_string(a) + "'");
        EXPECT_EQ(cycle.status, 0) << cycle.err;
        if (fast.status || cycle.status) continue;
        json rf = json::parse(read_file(dir + "/fast" + std::to_string(a) + "/report.json"));
        json rc = json::parse(read_file(dir + "/cycle" + std::to_string(a) + "/report.json"));
        EXPECT_EQ(rf["layers"].size(), rc["layers"].size());
        for (std::size_t i = 0; i < rf["layers"].size(); ++i) {
            SCOPED_TRACE(nets[a].second + " layer " + std::to_string(i));
            for (const char* key : {"cycles", "compute_cycles", "stall_cycles", "ddr_bytes", "mapping"})
                EXPECT_EQ(rf["layers"][i][key], rc["layers"][i][key]) << key;
            ++layers_checked;
        }
        EXPECT_EQ(rc["check"], true);
    }
    return layers_checked;
}

json random_pruned_conv(std::mt19937& rng, int index, const char* pattern) {
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    const int k = pick(2, 3), pad = pick(0, 2), stride = pick(1, 2), groups = pick(0, 4) == 0 ? 2 : 1;
    json l;
    l["name"] = "p" + std::to_string(index);
    l["type"] = "conv2d";
    l["in_channels"] = groups * pick(1, 7);   // odd counts included
    l["out_channels"] = groups * pick(1, 9);
    l["groups"] = groups;
    l["input"] = {std::max(pick(2, 9), k), std::max(pick(2, 9), k)};
    l["kernel"] = k;
    l["stride"] = stride;
    l["padding"] = pad;
    l["weight_bits"] = 4;
    l["activation_bits"] = 4;
    l["activation_signed"] = false;
    json sp = {{"pattern", pattern}};
    // Sticks the pattern chooses from; a ratio that would prune them all is (rightly) rejected.
    const int sticks = std::string(pattern) == "ws_kij" ? k * k : l["in_channels"].get<int>() / groups * k * k;
    int tenths = pick(0, 9);  // ratios 0 to 0.9
    while (tenths > 0 && std::llround(tenths / 10.0 * sticks) >= sticks) --tenths;
    if (pick(0, 3) == 0 && sticks > 4) sp["schedule"] = {0.4, 0.2, 0.1};
    else sp["ratio"] = tenths / 10.0;
    l["sparsity"] = sp;
    return l;
}

TEST(FastCycleAgreement, PrunedLayersSkipTimestepsAndReductionPairsBitExactly) {
    const std::string dir = temp_dir("agree-pruned");
    std::mt19937 rng(77);
    const std::vector<std::pair<int, int>> arrays = {{2, 2}, {3, 5}, {4, 4}, {8, 3}, {5, 7}, {16, 8}};
    std::vector<std::pair<json, std::string>> nets;
    for (std::size_t a = 0; a < arrays.size(); ++a)
        for (const char* pattern : {"ws_kij", "os_kij"}) {
            json net = {{"schema", "skipsim.workload/1"}, {"name", "pruned"}, {"layers", json::array()}};
            for (int i = 0; i < 10; ++i) net["layers"].push_back(random_pruned_conv(rng, i, pattern));
            const bool ws = std::string(pattern) == "ws_kij";
            nets.push_back({net, "--set array.rows=" + std::to_string(arrays[a].first) + " --set array.cols=" +
                                     std::to_string(arrays[a].second) +
                                     (ws ? " --set array.mapping=kij_timestep" : " --set array.dataflow=os")});
        }
    EXPECT_GE(compare_modes(dir, nets), 100);
}

TEST(FastCycleAgreement, TwoHundredRandomLayersAgreeAndPassTheCheck) {
    const std::string dir = temp_dir("agree");
    std::mt19937 rng(2024);
    const std::vector<std::tuple<int, int, const char*>> arrays = {
        {1, 1, "ws"}, {2, 3, "os"}, {3, 2, "is"}, {4, 4, "ws"}, {5, 3, "os"}, {8, 8, "is"},
        {7, 1, "ws"}, {1, 6, "os"}, {16, 4, "is"}, {6, 9, "ws"}, {8, 8, "os"}, {3, 3, "ws"}};
    std::vector<std::pair<json, std::string>> nets;
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        const auto [rows, cols, df] = arrays[a];
        json net = {{"schema", "skipsim.workload/1"}, {"name", "random" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 18; ++i) net["layers"].push_back(random_layer(rng, i));
        nets.push_back({net, "--set array.rows=" + std::to_string(rows) + " --set array.cols=" + std::to_string(cols) +
                                 " --set array.dataflow=" + df});
    }
    EXPECT_GE(compare_modes(dir, nets), 200);
}

// The report without its provenance (which names the command line and the run directory).
std::string report_figures(const std::string& run_dir) {
    json r = json::parse(read_file(run_dir + "/report.json"));
    r.erase("provenance");
    return r.dump();
}

// Cycle mode with the systolic PE grid stepped on 2 and 3 threads: the same reports and layer
// tables as on one thread, and --check passes, for random layers on all three dataflows and the
// kij-timestep mapping, on arrays from 1 column to wider than one block of columns (64), with
// 16-bit operands whose sums need 64-bit partial sums.
TEST(FastCycleAgreement, ThreadedCycleModeGivesTheSameReportsBitExactly) {
    const std::string dir = temp_dir("agree-threads");
    std::mt19937 rng(4242);
    const std::vector<std::tuple<int, int, const char*>> arrays = {
        {4, 1, "ws"}, {6, 9, "os"}, {5, 13, "is"}, {8, 70, "ws"}, {3, 130, "os"}, {9, 67, "is"}, {7, 40, "kij"}};
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        const auto [rows, cols, df] = arrays[a];
        const bool kij = std::string(df) == "kij";
        json net = {{"schema", "skipsim.workload/1"}, {"name", "threads" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 8; ++i) {
            json l = kij ? random_pruned_conv(rng, i, "ws_kij") : random_layer(rng, i);
            if (i % 4 == 3) l["weight_bits"] = l["activation_bits"] = 16;
            net["layers"].push_back(l);
        }
        const std::string wl = dir + "/net" + std::to_string(a) + ".json";
        std::ofstream(wl) << net.dump(1);
        const std::string common = "run --quiet --mode cycle --check --platform platforms/ws_32x32.json --workload '" + wl +
                                   "' --set array.rows=" + std::to_string(rows) + " --set array.cols=" + std::to_string(cols) +
                                   (kij ? std::string(" --set array.mapping=kij_timestep") : " --set array.dataflow=" + std::string(df));
        std::string reference;
        for (int threads : {1, 2, 3}) {
            SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(cols) + " " + df + ", " + std::to_string(threads) + " threads");
            const std::string out = dir + "/run" + std::to_string(a) + "-" + std::to_string(threads);
            Result r = run_skipsim(common + " --threads " + std::to_string(threads) + " --out '" + out + "'");
            ASSERT_EQ(r.status, 0) << r.err;
            const std::string figures = report_figures(out) + read_file(out + "/layers.csv");
            EXPECT_NE(figures.find("\"check\":true"), std::string::npos);
            if (threads == 1) reference = figures;
            else EXPECT_EQ(figures, reference);
        }
    }
}

// PIM crossbars: random small layers, dense, unstructured and PAIRS-pruned, on small crossbars
// (several row and column tiles, chips with fewer crossbars than a layer needs, so rounds
// reprogram them), every mapping, with and without row skipping; ADCs wide enough to be exact.
// The last six nets run the mappings added later (sdk_skip, best_time, best_energy), with skipping.
TEST(FastCycleAgreement, PimCrossbarsAgreeAndComputeBitExactly) {
    const std::string dir = temp_dir("agree-pim");
    std::mt19937 rng(404);
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    const char* mappings[] = {"im2col", "sdk", "vw_sdk", "best"};
    const char* later[] = {"sdk_skip", "best_time", "best_energy"};
    std::vector<std::pair<json, std::string>> nets;
    for (int a = 0; a < 14; ++a) {
        json net = {{"schema", "skipsim.workload/1"}, {"name", "pim" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 8; ++i) {
            json l = random_layer(rng, i);
            const int pattern = pick(0, 2);
            const bool three = l["type"] == "conv2d" && l["kernel"] == 3 && l["dilation"] == 1;
            if (pattern == 1) l["sparsity"] = {{"pattern", "unstructured"}, {"ratio", pick(0, 8) / 10.0}};
            if (pattern == 2 && three) l["sparsity"] = {{"pattern", "pairs"}, {"mask", pick(1, 5)}, {"window", pick(4, 5)}};
            net["layers"].push_back(l);
        }
        nets.push_back({net, "--set pim.rows=" + std::to_string(pick(9, 48)) + " --set pim.cols=" +
                                 std::to_string(8 * pick(1, 4)) + " --set pim.arrays=" + std::to_string(pick(1, 4)) +
                                 " --set pim.cell_bits=" + std::to_string(pick(1, 3)) + " --set pim.adc_bits=16" +
                                 " --set pim.columns_per_adc=" + std::to_string(pick(0, 1) ? 8 : 4) +
                                 " --set pim.mapping=" + (a < 8 ? mappings[a % 4] : later[(a - 8) % 3]) +
                                 " --set pim.skip_rows=" + (a < 6 || a >= 8 ? "true" : "false")});
    }
    EXPECT_GE(compare_modes(dir, nets, "platforms/pim_512x256.json"), 112);
}

// Bit-serial array with column combining: random small layers, dense and magnitude-pruned, on
// small arrays with every multiplexer width, alpha up to it, any gamma, narrow sections (groups
// never span two) and 1 to 4 MAC units; the check's reference uses the column-combine-pruned
// weights the cells hold.
TEST(FastCycleAgreement, BitserialArrayAgreesAndComputesPackedLayersBitExactly) {
    const std::string dir = temp_dir("agree-bitserial");
    std::mt19937 rng(1001);
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    std::vector<std::pair<json, std::string>> nets;
    for (int a = 0; a < 7; ++a) {
        json net = {{"schema", "skipsim.workload/1"}, {"name", "bitserial" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 8; ++i) {
            json l = random_layer(rng, i);
            if (pick(0, 3)) l["sparsity"] = {{"pattern", "unstructured"}, {"ratio", pick(0, 9) / 10.0}};
            net["layers"].push_back(l);
        }
        const int mux = pick(1, 8);
        nets.push_back({net, "--set bitserial.rows=" + std::to_string(pick(1, 9)) + " --set bitserial.cols=" +
                                 std::to_string(pick(1, 6)) + " --set bitserial.mux_inputs=" + std::to_string(mux) +
                                 " --set bitserial.alpha=" + std::to_string(pick(1, mux)) +
                                 " --set bitserial.gamma=" + std::to_string(pick(0, 10) / 10.0) +
                                 " --set bitserial.section_cols=" + std::to_string(a % 2 ? 256 : pick(2, 12)) +
                                 " --set bitserial.mac_units=" + std::to_string(pick(1, 4))});
    }
    EXPECT_GE(compare_modes(dir, nets, "platforms/bitserial_32x32.json"), 50);
}

// Zero-skipping MAC array: random small layers (dense, and unstructured-pruned at 0 to 0.95) on
// small arrays with every weight format, groups, slices and barrier costs; the lanes decode their
// streams and compute bit-exactly in cycle mode, and fast mode counts the same cycles from the masks.
TEST(FastCycleAgreement, ZeroSkipArrayAgreesAndComputesBitExactly) {
    const std::string dir = temp_dir("agree-sparse");
    std::mt19937 rng(2002);
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    const char* formats[] = {"bitmap", "rle", "dense"};
    std::vector<std::pair<json, std::string>> nets;
    int pruned = 0;
    for (int a = 0; a < 9; ++a) {
        json net = {{"schema", "skipsim.workload/1"}, {"name", "sparse" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 8; ++i) {
            json l = random_layer(rng, i);
            if (pick(0, 4) > 0) {
                l["sparsity"] = {{"pattern", "unstructured"}, {"ratio", pick(1, 19) / 20.0}};
                ++pruned;
            }
            net["layers"].push_back(l);
        }
        const int group = 1 << pick(0, 2);
        nets.push_back({net, "--set array.lanes=" + std::to_string(group * pick(1, 4)) +
                                 " --set array.group_size=" + std::to_string(group) +
                                 " --set array.vector_width=" + std::to_string(pick(1, 6)) +
                                 " --set array.slice_channels=" + std::to_string(pick(1, 4)) +
                                 " --set array.sync_cycles=" + std::to_string(pick(0, 3)) +
                                 " --set array.format=" + formats[a % 3] + " --set array.run_bits=" + std::to_string(pick(1, 4))});
    }
    EXPECT_GE(pruned, 50);
    EXPECT_GE(compare_modes(dir, nets, "platforms/zero_skip_64x8.json"), 72);
}

// AIE meshes: random small convs (some grouped) and fc layers, dense and 8x8-block sparse, on square and
// rectangular meshes with buffers small enough to force every split, bands and passes: fast and
// cycle runs of the same compiled programs take the same cycles, and the cores' int8 results
// (compiled tiling, compacted blocks) pass --check.
TEST(FastCycleAgreement, AieMeshesAgreeAndComputeBitExactly) {
    const std::string dir = temp_dir("agree-aie");
    std::mt19937 rng(31);
    auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    const std::vector<std::tuple<int, int, int, int>> meshes = {{2, 2, 49152, 524288}, {1, 3, 2048, 8192},
                                                                {3, 2, 4096, 16384}, {2, 4, 2048, 6144}};
    std::vector<std::pair<json, std::string>> nets;
    for (const auto& [rows, cols, core, mt] : meshes) {
        json net = {{"schema", "skipsim.workload/1"}, {"name", "aie"}, {"layers", json::array()}};
        for (int i = 0; i < 8; ++i) {
            json l;
            l["name"] = "a" + std::to_string(i);
            const bool sparse = pick(0, 1) == 1;
            const int cin = sparse ? 8 * pick(1, 4) : pick(1, 20), cout = 8 * pick(1, 4);
            if (pick(0, 4) == 0) {
                l["type"] = "linear";
                l["in_features"] = cin;
                l["out_features"] = cout;
                l["batch"] = pick(1, 3);
            } else {
                const int k = pick(1, 3), groups = !sparse && pick(0, 3) == 0 ? 2 : 1;
                l["type"] = "conv2d";
                l["in_channels"] = groups * cin;
                l["out_channels"] = cout;
                l["groups"] = groups;
                l["input"] = {pick(k, 10), pick(k, 10)};
                l["kernel"] = k;
                l["stride"] = pick(1, 2);
                l["padding"] = pick(0, 1);
            }
            if (sparse) l["sparsity"] = {{"pattern", "block"}, {"ratio", 0.5}, {"block", {8, 8}}};
            net["layers"].push_back(l);
        }
        nets.push_back({net, "--set aie.rows=" + std::to_string(rows) + " --set aie.cols=" + std::to_string(cols) +
                                 " --set aie.core_buffer_bytes=" + std::to_string(core) +
                                 " --set aie.memtile_bytes=" + std::to_string(mt)});
    }
    EXPECT_GE(compare_modes(dir, nets, "platforms/aie_2x2.json"), 32);
}

}  // namespace
}  // namespace skipsim::e2e
