#include <gtest/gtest.h>

#include "base/error.h"
#include "workloads/formats/workload_json.h"

namespace skipsim {
namespace {

OrderedJson net(OrderedJson layer) {
    return {{"schema", "skipsim.workload/1"}, {"name", "t"}, {"layers", OrderedJson::array({layer})}};
}

std::string error_of(const OrderedJson& j) {
    try {
        parse_workload_json(j, "w.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(WorkloadJson, ReadsConvWithAsymmetricPaddingDilationAndGroups) {
    Network n = parse_workload_json(net({{"name", "c"}, {"type", "conv2d"}, {"in_channels", 8}, {"out_channels", 16},
                                         {"input", {10, 12}}, {"kernel", {3, 5}}, {"stride", {2, 1}},
                                         {"padding", {1, 0, 2, 2}}, {"dilation", 2}, {"groups", 4}, {"batch", 3}}),
                                    "w.json");
    const Layer& l = n.layers.at(0);
    EXPECT_EQ(l.pad_top, 1u);
    EXPECT_EQ(l.pad_bottom, 0u);
    EXPECT_EQ(l.pad_left, 2u);
    EXPECT_EQ(l.out_h(), (10u + 1 - 5) / 2 + 1);   // dilated kernel height 2*(3-1)+1 = 5
    EXPECT_EQ(l.out_w(), (12u + 4 - 9) / 1 + 1);   // dilated kernel width 2*(5-1)+1 = 9
    const GemmShape g = l.gemm();
    EXPECT_EQ(g.m, 3ull * l.out_h() * l.out_w());
    EXPECT_EQ(g.d, 2u * 3 * 5);
    EXPECT_EQ(g.n, 4u);
    EXPECT_EQ(g.groups, 4u);
}

TEST(WorkloadJson, LinearAndMatmulBecomeOneByOneConvolutions) {
    Network n = parse_workload_json(net({{"name", "fc"}, {"type", "linear"}, {"in_features", 512}, {"out_features", 10}, {"batch", 4}}),
                                    "w.json");
    EXPECT_EQ(n.layers[0].dense_macs(), 4u * 512 * 10);
    Network m = parse_workload_json(net({{"name", "mm"}, {"type", "matmul"}, {"m", 7}, {"n", 9}, {"k", 11}}), "w.json");
    const GemmShape g = m.layers[0].gemm();
    EXPECT_EQ(g.m, 7u);
    EXPECT_EQ(g.n, 9u);
    EXPECT_EQ(g.d, 11u);
}

TEST(WorkloadJson, ErrorsNameThePointer) {
    EXPECT_EQ(error_of(net({{"name", "c"}, {"type", "conv2d"}, {"in_channels", 3}, {"out_channels", 4}, {"input", 8},
                            {"kernel", 3}, {"strid", 2}})),
              "w.json: /layers/0/strid: unknown key 'strid' (did you mean 'stride'?)");
    EXPECT_EQ(error_of(net({{"name", "c"}, {"type", "conv3d"}})),
              "w.json: /layers/0/type: expected one of 'conv2d', 'linear' or 'matmul', got 'conv3d' (did you mean 'conv2d'?)");
    EXPECT_EQ(error_of(net({{"name", "c"}, {"type", "linear"}, {"in_features", 0}, {"out_features", 4}})),
              "w.json: /layers/0/in_features: expected an integer in [1, 1048576], got 0");
}

TEST(WorkloadJson, RoundTripsThroughTheWriter) {
    OrderedJson j = {{"schema", "skipsim.workload/1"}, {"name", "rt"}, {"seed", 9},
                     {"layers", {{{"name", "a"}, {"type", "conv2d"}, {"in_channels", 4}, {"out_channels", 4}, {"input", 6},
                                  {"kernel", 3}, {"padding", 1}, {"weight_bits", 4},
                                  {"sparsity", {{"pattern", "unstructured"}, {"ratio", 0.25}}}},
                                 {{"name", "b"}, {"type", "matmul"}, {"m", 3}, {"n", 5}, {"k", 7}}}}};
    Network a = parse_workload_json(j, "w.json");
    Network b = parse_workload_json(network_to_json(a), "w.json");
    EXPECT_EQ(network_to_json(a).dump(), network_to_json(b).dump());
    EXPECT_EQ(b.layers[0].sparsity.pattern, "unstructured");
    EXPECT_EQ(b.layers[0].weights.seed, a.layers[0].weights.seed);
}

}  // namespace
}  // namespace skipsim
