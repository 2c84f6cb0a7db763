#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "workloads/formats/scalesim_csv.h"
#include "workloads/loader.h"

namespace skipsim {
namespace {

const std::string kDir = std::string(SKIPSIM_SHARED_DIR) + "/reference/scalesim-topologies/";

std::string write(const std::string& name, const std::string& text) {
    auto p = std::filesystem::temp_directory_path() / ("skipsim-csv-" + name);
    std::ofstream(p) << text;
    return p.string();
}

TEST(ScaleSimCsv, ReadsEveryShippedTopologyWithScaleSimsOutputSizes) {
    std::vector<std::string> warnings;
    LoadOptions o;
    o.warn = [&](const std::string& w) { warnings.push_back(w); };
    for (const char* f : {"Resnet18.csv", "Resnet50.csv", "Resnet50_mlperf.csv", "alexnet.csv", "mobilenet.csv", "test.csv"}) {
        Network n = load_workload(kDir + f, o);
        EXPECT_FALSE(n.layers.empty()) << f;
    }
    Network r18 = load_workload(kDir + "Resnet18.csv", o);
    // Conv1: 224x224, 7x7, stride 2 -> SCALE-Sim's ceil((224 - 7 + 2) / 2) = 110.
    EXPECT_EQ(r18.layers[0].out_h(), 110u);
    EXPECT_EQ(r18.layers[0].pad_bottom, 1u);
    EXPECT_EQ(r18.layers[0].pad_top, 0u);
}

TEST(ScaleSimCsv, MessyResnet50WarnsOncePerLineAndLoads) {
    std::vector<std::string> warnings;
    Network n = read_scalesim_csv(kDir + "Resnet50.csv", false, [&](const std::string& w) { warnings.push_back(w); });
    EXPECT_EQ(n.layers.size(), 54u);
    ASSERT_GE(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], "Resnet50.csv: line 2: skipped a row whose fields are all empty");
    EXPECT_EQ(warnings[1], "Resnet50.csv: line 3: ignored values in columns skipsim does not know (Eh, Ew, e2)");
}

TEST(ScaleSimCsv, GemmFormAndDepthwiseRowsAndSparsityColumn) {
    LoadOptions o;
    Network g = load_workload(write("gemm.csv", "Layer Name, M, N, K,\nfc1, 64, 128, 256,\n"), o);
    ASSERT_EQ(g.layers.size(), 1u);
    EXPECT_EQ(g.layers[0].gemm().m, 64u);
    EXPECT_EQ(g.layers[0].gemm().n, 128u);
    EXPECT_EQ(g.layers[0].gemm().d, 256u);
    Network dp = load_workload(write("dp.csv", "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                                               "Channels, Num Filter, Strides,\nConvDP1, 10, 10, 3, 3, 32, 1, 1,\n"), o);
    EXPECT_EQ(dp.layers[0].groups, 32u);
    EXPECT_EQ(dp.layers[0].out_channels, 32u);
    EXPECT_EQ(dp.layers[0].dense_macs(), 8u * 8 * 9 * 32);  // 32 single-channel layers, as SCALE-Sim runs them
    Network sp = load_workload(write("sp.csv", "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, "
                                               "Channels, Num Filter, Strides, Sparsity,\nc, 8, 8, 3, 3, 4, 4, 1, 2:4,\n"), o);
    EXPECT_EQ(sp.layers[0].sparsity.pattern, "nm");
    EXPECT_EQ(sp.layers[0].sparsity.params["n"], 2);
}

TEST(ScaleSimCsv, MalformedKnownFieldIsAnErrorWithLineAndColumn) {
    try {
        read_scalesim_csv(write("bad.csv", "h,\nConv1, 8, 8, 3, 3, three, 4, 1,\n"), false, [](const std::string&) {});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "line 2, column 6 (Channels)");
    }
}

}  // namespace
}  // namespace skipsim
