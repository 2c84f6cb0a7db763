// The zoo's native JSON files are the SCALE-Sim topologies converted: same layers, same shapes.
#include <gtest/gtest.h>

#include "workloads/formats/workload_json.h"
#include "workloads/loader.h"

namespace skipsim {
namespace {

TEST(Zoo, JsonFilesMatchTheirCsvSources) {
    const std::pair<const char*, const char*> pairs[] = {{"resnet18", "Resnet18"}, {"resnet50_scalesim", "Resnet50"},
                                                         {"resnet50_mlperf", "Resnet50_mlperf"}, {"alexnet", "alexnet"},
                                                         {"mobilenet", "mobilenet"}};
    LoadOptions o;
    for (auto [zoo, csv] : pairs) {
        Network j = load_workload(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/" + zoo + ".json", o);
        Network c = load_workload(std::string(SKIPSIM_SHARED_DIR) + "/reference/scalesim-topologies/" + csv + ".csv", o);
        ASSERT_EQ(j.layers.size(), c.layers.size()) << zoo;
        for (std::size_t i = 0; i < j.layers.size(); ++i) {
            EXPECT_EQ(j.layers[i].name, c.layers[i].name);
            EXPECT_EQ(j.layers[i].dense_macs(), c.layers[i].dense_macs());
            EXPECT_EQ(j.layers[i].out_h(), c.layers[i].out_h());
            EXPECT_EQ(j.layers[i].gemm().d, c.layers[i].gemm().d);
        }
    }
}

// torchvision's ResNet-50 v1.5 (stride on the 3x3 conv, 224x224, with fc): the seed-002 table's
// dense totals, 4.089 G MACs and 25.5 M weights (biases and batch-norm not counted).
TEST(Zoo, TorchvisionResnet50HasThePublishedTotals) {
    LoadOptions o;
    Network n = load_workload(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/resnet50.json", o);
    std::uint64_t macs = 0, weights = 0;
    for (const Layer& l : n.layers) {
        macs += l.dense_macs();
        weights += l.weight_count();
    }
    EXPECT_EQ(n.layers.size(), 54u);
    EXPECT_EQ(macs, 4089184256u);
    EXPECT_EQ(weights, 25502912u);
}

TEST(Zoo, TinyBenchAndPimNetworksLoad) {
    LoadOptions o;
    for (const char* f : {"tiny", "bench_cycle", "resnet20_cifar10_2bit", "resnet20_cifar10_pairs1_2bit",
                          "resnet20_cifar10_pairs2_2bit", "resnet20_cifar10_pairs3_2bit", "resnet20_cifar10_pairs4_2bit",
                          "resnet20_cifar10_pairs5_2bit", "wrn16_4_cifar100_2bit", "wrn16_4_cifar100_pairs1_2bit",
                          "wrn16_4_cifar100_pairs2_2bit", "wrn16_4_cifar100_pairs3_2bit", "wrn16_4_cifar100_pairs4_2bit",
                          "wrn16_4_cifar100_pairs5_2bit"})
        EXPECT_NO_THROW(load_workload(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/" + f + ".json", o)) << f;
}

}  // namespace
}  // namespace skipsim
