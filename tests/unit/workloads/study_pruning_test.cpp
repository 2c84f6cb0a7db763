// The pruning structures of `skipsim study`: which layers each prunes, what it leaves dense and
// says why, and that every pruned network reads back through the strict workload reader.
#include <gtest/gtest.h>

#include "workloads/formats/workload_json.h"
#include "workloads/study_pruning.h"

namespace skipsim {
namespace {

Layer conv(const std::string& name, std::uint32_t c, std::uint32_t k, std::uint32_t kernel) {
    Layer l;
    l.name = name;
    l.in_channels = c;
    l.out_channels = k;
    l.in_h = l.in_w = 8;
    l.kernel_h = l.kernel_w = kernel;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = kernel / 2;
    return l;
}

Network small() {
    Network n;
    n.name = "small";
    n.seed = 3;
    n.layers = {conv("stem", 3, 16, 3), conv("c3", 16, 32, 3), conv("c1", 32, 32, 1), conv("odd", 32, 12, 3)};
    Layer fc = conv("fc", 12 * 64, 16, 1);
    fc.kind = LayerKind::linear;
    fc.in_h = fc.in_w = 1;
    n.layers.push_back(fc);
    for (std::size_t i = 0; i < n.layers.size(); ++i) n.layers[i].weights.seed = default_weight_seed(n.seed, i);
    return n;
}

std::string pruned_with(const std::string& structure, double density, Network& net) {
    const StudyPruning* p = StudyPruningRegistry::instance().find(structure);
    EXPECT_NE(p, nullptr) << structure;
    return p ? p->prune(net, density) : "";
}

std::vector<std::string> patterns(const Network& n) {
    std::vector<std::string> v;
    for (const auto& l : n.layers) v.push_back(l.sparsity.pattern);
    return v;
}

TEST(StudyPruning, WsKijPrunesKernelsWiderThanOneAndSaysWhyNotTheRest) {
    Network n = small();
    const std::string why = pruned_with("ws_kij", 0.5, n);
    EXPECT_EQ(patterns(n), (std::vector<std::string>{"none", "ws_kij", "none", "ws_kij", "none"}));
    EXPECT_DOUBLE_EQ(n.layers[1].sparsity.params["ratio"].get<double>(), 0.5);
    EXPECT_NE(why.find("1x1 convolutions and linear layers"), std::string::npos) << why;
}

TEST(StudyPruning, UnstructuredAndSticksPruneEveryLayerButTheFirst) {
    for (const std::string s : {"unstructured", "os_kij"}) {
        Network n = small();
        EXPECT_EQ(pruned_with(s, 0.25, n), "");
        EXPECT_EQ(patterns(n), (std::vector<std::string>{"none", s, s, s, s}));
        EXPECT_DOUBLE_EQ(n.layers[2].sparsity.params["ratio"].get<double>(), 0.75);
    }
}

TEST(StudyPruning, BlocksNeedChannelsInEights) {
    Network n = small();
    const std::string why = pruned_with("block8x8", 0.5, n);
    EXPECT_EQ(patterns(n), (std::vector<std::string>{"none", "block", "block", "none", "block"}));
    EXPECT_NE(why.find("multiples of 8"), std::string::npos) << why;
}

TEST(StudyPruning, PairsTakesTheNearestMaskAndSaysWhenItFallsShort) {
    EXPECT_EQ(pairs_mask_for(1.0 - 1.0 / 9), 1);
    EXPECT_EQ(pairs_mask_for(0.5), 4);  // 5/9 and 4/9 are equally near: the denser
    EXPECT_EQ(pairs_mask_for(0.125), 5);
    Network n = small();
    const std::string why = pruned_with("pairs", 0.125, n);
    EXPECT_EQ(patterns(n), (std::vector<std::string>{"none", "pairs", "none", "pairs", "none"}));
    EXPECT_EQ(n.layers[1].sparsity.params["mask"].get<int>(), 5);
    EXPECT_NE(why.find("mask 5"), std::string::npos) << why;
    EXPECT_NE(why.find("3x3 kernels only"), std::string::npos) << why;
}

TEST(StudyPruning, NoneLeavesTheNetworkDenseAndSaysSo) {
    Network n = small();
    const StudyPruning* p = StudyPruningRegistry::instance().find("none");
    ASSERT_NE(p, nullptr);
    EXPECT_FALSE(p->skips_work);
    EXPECT_NE(p->prune(n, 0.5), "");
    EXPECT_EQ(patterns(n), std::vector<std::string>(5, "none"));
}

TEST(StudyPruning, EveryPrunedNetworkReadsBackThroughTheStrictReader) {
    for (const auto& name : StudyPruningRegistry::instance().names())
        for (double d : {0.5, 0.25, 0.125}) {
            SCOPED_TRACE(name + " at " + density_label(d));
            Network n = small();
            StudyPruningRegistry::instance().find(name)->prune(n, d);
            const Network back = parse_workload_json(network_to_json(n), "study.json");
            EXPECT_EQ(patterns(back), patterns(n));
        }
}

}  // namespace
}  // namespace skipsim
