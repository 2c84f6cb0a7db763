// Acceptance: fast and cycle modes give identical cycle counts on at least 200 random small
// layers (stride, padding, dilation, groups, odd sizes, arrays from 1x1 up, all three
// dataflows, DDR stalls included), and --check passes on every one in cycle mode.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
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

TEST(FastCycleAgreement, TwoHundredRandomLayersAgreeAndPassTheCheck) {
    const std::string dir = temp_dir("agree");
    std::mt19937 rng(2024);
    const std::vector<std::tuple<int, int, const char*>> arrays = {
        {1, 1, "ws"}, {2, 3, "os"}, {3, 2, "is"}, {4, 4, "ws"}, {5, 3, "os"}, {8, 8, "is"},
        {7, 1, "ws"}, {1, 6, "os"}, {16, 4, "is"}, {6, 9, "ws"}, {8, 8, "os"}, {3, 3, "ws"}};
    int layers_checked = 0;
    for (std::size_t a = 0; a < arrays.size(); ++a) {
        const auto [rows, cols, df] = arrays[a];
        json net = {{"schema", "skipsim.workload/1"}, {"name", "random" + std::to_string(a)}, {"layers", json::array()}};
        for (int i = 0; i < 18; ++i) net["layers"].push_back(random_layer(rng, i));
        const std::string wl = dir + "/net" + std::to_string(a) + ".json";
        std::ofstream(wl) << net.dump(1);
        const std::string common = "run --quiet --platform platforms/ws_32x32.json --workload '" + wl +
                                   "' --set array.rows=" + std::to_string(rows) + " --set array.cols=" +
                                   std::to_string(cols) + " --set array.dataflow=" + df;
        Result fast = run_skipsim(common + " --out '" + dir + "/fast" + std::to_string(a) + "'");
        ASSERT_EQ(fast.status, 0) << fast.err;
        Result cycle = run_skipsim(common + " --mode cycle --check --out '" + dir + "/cycle" + std::to_string(a) + "'");
        ASSERT_EQ(cycle.status, 0) << cycle.err;
        json rf = json::parse(read_file(dir + "/fast" + std::to_string(a) + "/report.json"));
        json rc = json::parse(read_file(dir + "/cycle" + std::to_string(a) + "/report.json"));
        ASSERT_EQ(rf["layers"].size(), rc["layers"].size());
        for (std::size_t i = 0; i < rf["layers"].size(); ++i) {
            SCOPED_TRACE(std::to_string(rows) + "x" + std::to_string(cols) + " " + df + " layer " + std::to_string(i));
            EXPECT_EQ(rf["layers"][i]["cycles"], rc["layers"][i]["cycles"]);
            EXPECT_EQ(rf["layers"][i]["compute_cycles"], rc["layers"][i]["compute_cycles"]);
            EXPECT_EQ(rf["layers"][i]["stall_cycles"], rc["layers"][i]["stall_cycles"]);
            EXPECT_EQ(rf["layers"][i]["ddr_bytes"], rc["layers"][i]["ddr_bytes"]);
            ++layers_checked;
        }
        EXPECT_EQ(rc["check"], true);
    }
    EXPECT_GE(layers_checked, 200);
}

}  // namespace
}  // namespace skipsim::e2e
