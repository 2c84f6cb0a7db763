// The AIE tiling compiler: every layer of the shipped networks compiles on every shipped mesh
// (and rectangular ones) within the core and mem-tile memories; splits follow the seed's order;
// compaction stores only nonzero blocks; padded convolutions get head/body/tail groups.
#include <gtest/gtest.h>

#include <set>

#include "aie/aie_compiler.h"
#include "aie/aie_time_rule.h"
#include "workloads/loader.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

AieParams mesh(std::uint32_t rows, std::uint32_t cols) {
    AieParams p;
    p.rows = rows;
    p.cols = cols;
    return p;
}

Network zoo(const std::string& name) {
    return load_workload(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/" + name + ".json", LoadOptions{});
}

void expect_fits(const AiePlan& plan, const AieParams& p, const std::string& where) {
    EXPECT_LE(plan.core_weight_buffer() + 2 * plan.core_input_buffer() + 2 * plan.core_acc_buffer(), p.core_buffer_bytes)
        << where;
    EXPECT_LE(plan.memtile_bytes_used(), p.memtile_bytes) << where;
    EXPECT_FALSE(plan.program().empty()) << where;
}

TEST(AieCompiler, EveryLayerOfEveryShippedNetworkCompilesOnEveryMesh) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> meshes;
    for (std::uint32_t n = 2; n <= 8; ++n) meshes.emplace_back(n, n);
    meshes.emplace_back(2, 8);
    meshes.emplace_back(8, 3);
    for (const char* net : {"resnet50_block8x8_50", "inception_v3_block8x8_50", "vgg16_block8x8_50"}) {
        const Network n = zoo(net);
        for (const Layer& l : n.layers) {
            const std::vector<std::uint8_t> dense;
            const std::vector<std::uint8_t> mask = l.sparsity.is_dense() ? dense : materialize_mask(l, layer_weights(l));
            for (auto [r, c] : meshes) {
                const AieParams p = mesh(r, c);
                for (const auto* m : {&dense, &mask}) {
                    const AiePlan plan(l, p, *m);
                    const std::string where = std::string(net) + " " + l.name + " on " + std::to_string(r) + "x" +
                                              std::to_string(c) + (m == &dense ? " dense" : " sparse");
                    ASSERT_TRUE(plan.error().empty()) << where << ": " << plan.error();
                    expect_fits(plan, p, where);
                }
            }
        }
    }
}

TEST(AieCompiler, SplitsWidthFirstThenOutputThenInputChannels) {
    const Network vgg = zoo("vgg16");
    const std::vector<std::uint8_t> dense;
    // features.0 (3 -> 64 at 224) fits whole channels: W-split only.
    const AiePlan first(vgg.layers[0], mesh(4, 4), dense);
    EXPECT_EQ(first.k_t(), 16u);  // 64 channels over 4 rows
    EXPECT_EQ(first.c_t(), 8u);   // 3 input channels padded to one block
    EXPECT_EQ(first.cpieces(), 1u);
    // features.28 (512 -> 512, 3x3): the weights of 128 channels cannot stay: COUT-split, no CIN-split.
    const AiePlan deep(vgg.layers[12], mesh(4, 4), dense);
    EXPECT_LT(deep.k_t(), 128u);
    EXPECT_EQ(deep.cpieces(), 1u);
    // classifier.0 (25088 -> 4096): even 8 output channels of all inputs exceed a core: CIN-split,
    // and on 8x8 the pieces of one output spread over several mem-tile passes.
    const AiePlan fc(vgg.layers[13], mesh(8, 8), dense);
    EXPECT_TRUE(fc.channel_mode());
    EXPECT_EQ(fc.k_t(), 8u);
    EXPECT_GT(fc.cpieces(), 1u);
    EXPECT_GT(fc.passes().size(), fc.kpieces());
    EXPECT_TRUE(fc.passes().front().step_pass);
}

TEST(AieCompiler, CompactionMovesAndComputesOnlyNonzeroBlocks) {
    Network r = zoo("resnet50_block8x8_50");
    const Layer& l = r.layers[6];  // layer1.1.conv2, 64 -> 64, 3x3
    const auto mask = materialize_mask(l, layer_weights(l));
    const std::vector<std::uint8_t> dense;
    const AieParams p = mesh(2, 2);
    const AiePlan sp(l, p, mask), de(l, p, dense);
    std::uint64_t sparse_w = 0, dense_w = 0;
    for (std::uint32_t row = 0; row < p.rows; ++row)
        for (std::uint32_t k = 0; k < sp.kpieces(); ++k) sparse_w += sp.loadwm_bytes(row, k, 0, 0);
    for (std::uint32_t row = 0; row < p.rows; ++row)
        for (std::uint32_t k = 0; k < de.kpieces(); ++k) dense_w += de.loadwm_bytes(row, k, 0, 0);
    EXPECT_EQ(dense_w, 64ull * 64 * 9);
    EXPECT_EQ(sparse_w, 32ull * 64 * 9);  // 64 blocks, 32 pruned, each 8 x 9 x 8 bytes
    const AieLayerFigures fs = layer_figures(sp), fd = layer_figures(de);
    EXPECT_EQ(fd.macs, l.dense_macs());
    EXPECT_EQ(fs.macs * 2, fd.macs);
    EXPECT_LT(fs.compute_bound, fd.compute_bound);
}

TEST(AieCompiler, PaddedConvolutionsHaveHeadBodyAndTailGroups) {
    Layer l;
    l.name = "pad";
    l.in_channels = 16;
    l.out_channels = 16;
    l.in_h = l.in_w = 12;
    l.kernel_h = l.kernel_w = 3;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = 1;
    const AiePlan plan(l, mesh(2, 2), {});
    std::vector<std::pair<std::string, std::uint32_t>> comps;
    for (const AieInstr& i : plan.program())
        if (i.op == AieOp::comp) comps.emplace_back(i.group, i.iterations);
    const std::vector<std::pair<std::string, std::uint32_t>> want = {{"head", 1}, {"body", 10}, {"tail", 1}};
    EXPECT_EQ(comps, want);
}

// The seed's time rule and the two bounds on one stream: the bounds never exceed the rule's total
// of the same work run without overlap.
TEST(AieCompiler, TimeRuleIsNoFasterThanItsBounds) {
    const Network r = zoo("resnet50");
    for (const Layer& l : r.layers) {
        const AiePlan plan(l, mesh(4, 4), {});
        const AieLayerFigures f = layer_figures(plan);
        EXPECT_GE(f.seed_rule, f.compute_bound) << l.name;
        EXPECT_GE(f.seed_rule, f.shim_bound / 2) << l.name;  // the rule's DDR writes use both channels
    }
}

// Grouped and depthwise convolutions run group after group, each on its own channels; the
// kernels' 8-channel granularity pads a depthwise group's single channel to a whole block.
TEST(AieCompiler, ABlockIsStoredWhenAnyOfItsWeightsIsKept) {
    // Random masks, sparse enough that whole blocks lose every weight, on layers whose channels
    // leave partial blocks at the edges, and a grouped one: the blocks the compiler keeps are those
    // with a kept weight among their block x block channels x R x S, counted weight by weight.
    std::uint64_t state = 99;
    auto next = [&] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    struct Shape {
        std::uint32_t c, k, r, groups;
    };
    for (const Shape sh : {Shape{64, 64, 1, 1}, Shape{20, 36, 3, 1}, Shape{13, 70, 1, 1}, Shape{48, 24, 3, 2},
                           Shape{256, 32, 3, 1}}) {
        Layer l;
        l.name = "l";
        l.in_channels = sh.c;
        l.out_channels = sh.k;
        l.groups = sh.groups;
        l.kernel_h = l.kernel_w = sh.r;
        l.in_h = l.in_w = 6;
        l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = sh.r / 2;
        const std::uint32_t cg = l.channels_per_group(), rs = sh.r * sh.r, bk = 8;
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(sh.k) * cg * rs);
        for (auto& m : mask) m = next() % (64 * rs) == 0;  // about one kept weight a full block
        const AieParams p = mesh(2, 2);
        const AiePlan plan(l, p, mask);
        ASSERT_TRUE(plan.error().empty()) << plan.error();
        std::set<std::pair<std::uint32_t, std::uint32_t>> live, stored;
        const std::uint32_t kbs = (sh.k + bk - 1) / bk, cbs = (cg + bk - 1) / bk;
        for (std::uint32_t kb = 0; kb < kbs; ++kb)
            for (std::uint32_t cb = 0; cb < cbs; ++cb)
                for (std::uint32_t k = kb * bk; k < std::min(sh.k, kb * bk + bk); ++k)
                    for (std::uint32_t c = cb * bk; c < std::min(cg, cb * bk + bk); ++c)
                        for (std::uint32_t q = 0; q < rs; ++q)
                            if (mask[(static_cast<std::size_t>(k) * cg + c) * rs + q]) live.emplace(kb, cb);
        ASSERT_GT(live.size(), 0u);
        ASSERT_LT(live.size(), static_cast<std::size_t>(kbs) * cbs);
        EXPECT_EQ(plan.zero_blocks(), static_cast<std::uint64_t>(kbs) * cbs - live.size());
        for (std::uint32_t g = 0; g < l.groups; ++g)
            for (std::uint32_t kp = 0; kp < p.rows; ++kp)
                for (std::uint32_t k = 0; k < plan.kpieces(); ++k)
                    for (std::uint32_t c = 0; c < plan.cpieces(); ++c) {
                        const auto blocks = plan.blocks(kp, k, c, g);
                        EXPECT_EQ(plan.nonzero_blocks(kp, k, c, g), blocks.size());
                        for (const auto& b : blocks) {
                            EXPECT_TRUE(live.count(b)) << "block " << b.first << ", " << b.second << " has no kept weight";
                            stored.insert(b);
                        }
                    }
        EXPECT_EQ(stored, live) << sh.c << " -> " << sh.k << ", " << sh.r << "x" << sh.r;
    }
}

TEST(AieCompiler, GroupedConvolutionsRunGroupAfterGroup) {
    Layer l;
    l.name = "dw";
    l.in_channels = l.out_channels = l.groups = 16;
    l.in_h = l.in_w = 4;
    l.kernel_h = l.kernel_w = 3;
    const AiePlan plan(l, mesh(2, 2), {});
    ASSERT_TRUE(plan.error().empty()) << plan.error();
    std::vector<std::uint32_t> groups;
    for (const AieInstr& i : plan.program())
        if (i.op == AieOp::load) groups.push_back(i.grp);
    EXPECT_EQ(groups.size(), 16u);
    EXPECT_EQ(groups.back(), 15u);
    EXPECT_EQ(plan.in_channels(0, 5).lo, 5u);
    EXPECT_EQ(plan.channels(0, 0, 5).lo, 5u);
    EXPECT_EQ(layer_figures(plan).macs, l.dense_macs() * 64);
}

}  // namespace
}  // namespace skipsim
