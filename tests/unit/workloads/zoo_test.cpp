// The zoo's native JSON files are the SCALE-Sim topologies converted: same layers, same shapes.
#include <gtest/gtest.h>

#include "workloads/loader.h"
#include "workloads/workload_json.h"

namespace skipsim {
namespace {

TEST(Zoo, JsonFilesMatchTheirCsvSources) {
    const std::pair<const char*, const char*> pairs[] = {{"resnet18", "Resnet18"}, {"resnet50", "Resnet50"},
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
