// Distiller schedules applied to torchvision ResNet-50: DeGirum's three pruned networks must have
// the seed's effective MACs and parameters, and bad schedules must name file and line.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "workloads/distiller_schedule.h"
#include "workloads/loader.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

const std::string zoo = std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/";

struct Totals {
    std::uint64_t weights = 0, macs = 0;
};

Totals effective_totals(const Network& n) {
    Totals t;
    for (const Layer& l : n.layers) {
        const auto mask = materialize_mask(l, layer_weights(l));
        const std::uint64_t kept = mask.empty() ? l.weight_count() : count_kept(mask);
        t.weights += kept;
        t.macs += kept * l.gemm().m;
    }
    return t;
}

// The seed's table: GMACs to 3 decimals (the issue asks for 0.2%) and parameters truncated to 3
// significant digits; the schedules' own Distiller summaries give the exact nonzero counts, which magnitude
// masks pruning int(sparsity x count) weights, Distiller's rule, reproduce to the weight.
TEST(DistillerSchedule, DegirumResnet50sHaveTheSeedsMacsAndParameters) {
    struct Row {
        const char* file;
        double gmacs, mparams;
        std::uint64_t distiller_nnz;
    };
    const Row rows[] = {{"resnet50", 4.089, 25.5, 25502912},
                        {"resnet50_pruned_70", 1.846, 7.48, 7481351},
                        {"resnet50_pruned_83", 1.143, 4.24, 4240764},
                        {"resnet50_pruned_85", 0.714, 3.93, 3935859}};
    for (const Row& r : rows) {
        SCOPED_TRACE(r.file);
        const Totals t = effective_totals(load_workload(zoo + r.file + ".json", LoadOptions{}));
        EXPECT_EQ(t.weights, r.distiller_nnz);
        EXPECT_NEAR(static_cast<double>(t.macs) / 1e9, r.gmacs, 0.002 * r.gmacs);
        // The table truncates parameters to 3 significant digits (3,935,859 is listed as 3.93M).
        const double unit = r.mparams >= 10 ? 0.1 : 0.01, m = static_cast<double>(t.weights) / 1e6;
        EXPECT_GE(m, r.mparams);
        EXPECT_LT(m, r.mparams + unit);
        std::printf("%s: %.4f GMACs, %.6f M parameters\n", r.file, static_cast<double>(t.macs) / 1e9, m);
    }
}

TEST(DistillerSchedule, ReadsEveryPrunerAndLeavesUnnamedLayersDense) {
    const auto s = read_distiller_schedule(zoo + "degirum/degirum_resnet50_pruned_83_schedule.yaml");
    ASSERT_EQ(s.size(), 53u);  // every layer but conv1 (commented out in the schedule)
    EXPECT_EQ(s.front().weight, "module.fc.weight");
    EXPECT_DOUBLE_EQ(s.front().final_sparsity, 0.80);
    EXPECT_EQ(layer_name_of_weight("module.layer1.0.downsample.0.weight"), "layer1.0.downsample.0");
    Network n = load_workload(zoo + "resnet50_pruned_83.json", LoadOptions{});
    EXPECT_TRUE(n.layers.front().sparsity.is_dense());
    EXPECT_EQ(n.layers[1].sparsity.pattern, "unstructured");
    EXPECT_DOUBLE_EQ(n.layers[1].sparsity.params.value("ratio", 0.0), 0.5);
}

// The seed's two-layer example: both layers cost 115.6M MACs, but pruning each by 50% removes
// 73,728 parameters from the first and 294,912 from the second, the same 57.8M MACs from both.
TEST(DistillerSchedule, SeedsTwoLayerExample) {
    const std::string dir = std::filesystem::temp_directory_path().string();
    std::ofstream(dir + "/skipsim_two_layer.yaml")
        << "pruners:\n  p:\n    final_sparsity: 0.5\n    weights: [module.layer0.weight, module.layer1.weight]\n";
    std::ofstream(dir + "/skipsim_two_layer.json")
        << R"({"schema": "skipsim.workload/1", "name": "two", "pruning_schedule": {"file": "skipsim_two_layer.yaml"},
              "layers": [{"name": "layer0", "in_channels": 64, "out_channels": 256, "input": 56, "kernel": 3, "stride": 2, "padding": 1},
                         {"name": "layer1", "in_channels": 256, "out_channels": 256, "input": 28, "kernel": 3, "stride": 2, "padding": 1}]})";
    const Network n = load_workload(dir + "/skipsim_two_layer.json", LoadOptions{});
    const std::uint64_t params[] = {147456, 589824};
    for (std::size_t i = 0; i < 2; ++i) {
        const Layer& l = n.layers[i];
        EXPECT_EQ(l.weight_count(), params[i]);
        EXPECT_NEAR(static_cast<double>(l.dense_macs()) / 1e6, 115.6, 0.05);
        const std::uint64_t kept = count_kept(materialize_mask(l, layer_weights(l)));
        EXPECT_EQ(l.weight_count() - kept, params[i] / 2);
        EXPECT_NEAR(static_cast<double>(l.dense_macs() - kept * l.gemm().m) / 1e6, 57.8, 0.05);
    }
}

std::string error_of(const std::string& yaml) {
    const std::string file = (std::filesystem::temp_directory_path() / "skipsim_schedule_test.yaml").string();
    std::ofstream(file) << yaml;
    Network n;
    n.name = "net";
    Layer l;
    l.name = "layer1.0.conv1";
    l.in_channels = l.out_channels = 4;
    n.layers.push_back(l);
    try {
        apply_distiller_schedule(n, file);
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), file);
        return e.where() + ": " + e.expected();
    }
    return "no error";
}

TEST(DistillerSchedule, BadSchedulesNameTheLine) {
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: 0.5\n    weights: [module.layer1.0.conv1.weight,\n"
                       "      module.layer9.conv1.weight]\n"),
              "line 5: expected a weight of a layer of network 'net', got 'module.layer9.conv1.weight' (no layer "
              "'layer9.conv1')");
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: 1.0\n    weights: module.layer1.0.conv1.weight\n"),
              "line 3: expected the final_sparsity of pruner 'p' in [0, 1), got 1");
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: -0.1\n    weights: module.layer1.0.conv1.weight\n"),
              "line 3: expected the final_sparsity of pruner 'p' in [0, 1), got -0.1");
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: high\n    weights: module.layer1.0.conv1.weight\n"),
              "line 3: expected a number as the final_sparsity of pruner 'p', got 'high'");
    EXPECT_EQ(error_of("pruners:\n  p:\n    weights: [a,\n  b\n"), "line 5, column 1: invalid YAML (end of sequence flow not found)");
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: 0.5\n"), "line 2: expected pruner 'p' to have a 'weights' list");
    EXPECT_EQ(error_of("pruners:\n  p:\n    final_sparsity: 0.5\n    weights: module.layer1.0.conv1.weight\n"
                       "  q:\n    final_sparsity: 0.6\n    weights: [module.layer1.0.conv1.weight]\n"),
              "line 7: expected each weight in one pruner only; 'module.layer1.0.conv1.weight' is already pruned at line 4");
}

// The linear-time magnitude threshold gives exactly the stable sort's mask (ties to the lowest index).
TEST(DistillerSchedule, HistogramMaskEqualsTheSortedMagnitudeMask) {
    for (int bits : {2, 4, 8}) {
        Layer l;
        l.name = "x";
        l.in_channels = 37;
        l.out_channels = 29;
        l.kernel_h = l.kernel_w = 3;
        l.in_h = l.in_w = 5;
        l.quant.weight_bits = bits;
        l.weights.seed = static_cast<std::uint64_t>(bits);
        l.sparsity.pattern = "unstructured";
        for (double ratio : {0.0, 0.13, 0.5, 0.7, 0.87, 0.99}) {
            l.sparsity.params = OrderedJson{{"ratio", ratio}};
            const auto w = layer_weights(l);
            std::vector<double> score(w.size());
            for (std::size_t i = 0; i < w.size(); ++i) score[i] = std::fabs(static_cast<double>(w[i]));
            std::vector<std::uint8_t> expect(w.size(), 1);
            const auto order = ascending_order(score);
            for (std::size_t i = 0; i < static_cast<std::size_t>(std::llround(ratio * w.size())); ++i) expect[order[i]] = 0;
            EXPECT_EQ(materialize_mask(l, w), expect) << bits << " bits, ratio " << ratio;
        }
    }
}

}  // namespace
}  // namespace skipsim
