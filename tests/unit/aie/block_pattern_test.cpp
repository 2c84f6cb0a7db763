// The 'block' pruning pattern (seed 003): whole 8 x R x S x 8 blocks over (C_in, C_out), ranked
// by L2, L1 or variance, round(ratio x blocks) of them zeroed; channels must divide.
#include <gtest/gtest.h>

#include "base/error.h"
#include "base/strict_object.h"
#include "workloads/patterns/block_patterns.h"
#include "workloads/pruning.h"

namespace skipsim {
namespace {

Layer block_layer(std::uint32_t C, std::uint32_t K, std::uint32_t R, OrderedJson params) {
    Layer l;
    l.name = "b";
    l.in_channels = C;
    l.out_channels = K;
    l.kernel_h = l.kernel_w = R;
    l.in_h = l.in_w = 8;
    l.sparsity.pattern = "block";
    l.sparsity.params = std::move(params);
    return l;
}

// Weights whose block (cb, kb) holds the constant value v(cb, kb) everywhere.
std::vector<std::int32_t> constant_blocks(const Layer& l, std::uint32_t b, int (*v)(std::uint32_t, std::uint32_t)) {
    const std::uint32_t RS = l.kernel_h * l.kernel_w;
    std::vector<std::int32_t> w(l.weight_count());
    for (std::uint32_t k = 0; k < l.out_channels; ++k)
        for (std::uint32_t c = 0; c < l.in_channels; ++c)
            for (std::uint32_t p = 0; p < RS; ++p) w[(k * l.in_channels + c) * RS + p] = v(c / b, k / b);
    return w;
}

TEST(BlockPattern, ZeroesWholeBlocksWithTheLowestL2) {
    const Layer l = block_layer(32, 16, 3, {{"ratio", 0.5}, {"block", {8, 8}}, {"norm", "l2"}});
    // 4 x 2 blocks; block (cb, kb) has |value| 1 + cb + 4 kb, alternating sign.
    auto w = constant_blocks(l, 8, [](std::uint32_t cb, std::uint32_t kb) {
        const int v = static_cast<int>(1 + cb + 4 * kb);
        return (cb + kb) % 2 ? -v : v;
    });
    const auto mask = materialize_mask(l, w);
    ASSERT_EQ(mask.size(), w.size());
    EXPECT_EQ(count_kept(mask), w.size() / 2);
    for (std::uint32_t k = 0; k < 16; ++k)
        for (std::uint32_t c = 0; c < 32; ++c)
            for (std::uint32_t p = 0; p < 9; ++p)
                EXPECT_EQ(mask[(k * 32 + c) * 9 + p], (k / 8) == 1 ? 1 : 0) << k << "," << c;  // kb = 1 has the largest norms
}

TEST(BlockPattern, VarianceIgnoresTheMeanAndL1SumsMagnitudes) {
    Layer l = block_layer(16, 8, 1, {{"ratio", 0.5}, {"norm", "variance"}});
    std::vector<std::int32_t> w(l.weight_count(), 100);  // block cb=0: constant 100 (variance 0)
    for (std::uint32_t k = 0; k < 8; ++k)
        for (std::uint32_t c = 8; c < 16; ++c) w[k * 16 + c] = (k + c) % 2 ? 1 : -1;  // cb=1: small but varying
    auto mask = materialize_mask(l, w);
    EXPECT_EQ(mask[0], 0);
    EXPECT_EQ(mask[8], 1);
    l.sparsity.params["norm"] = "l1";
    mask = materialize_mask(l, w);
    EXPECT_EQ(mask[0], 1);
    EXPECT_EQ(mask[8], 0);
}

TEST(BlockPattern, RoundsTheNumberOfBlocks) {
    const Layer l = block_layer(24, 8, 1, {{"ratio", 0.5}});  // 3 blocks: round(1.5) = 2 pruned
    std::vector<std::int32_t> w(l.weight_count());
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<std::int32_t>(i % 7) - 3;
    EXPECT_EQ(count_kept(materialize_mask(l, w)), 64u);
}

TEST(BlockPattern, ChannelsThatTheBlockDoesNotDivideAreAnError) {
    const Layer l = block_layer(12, 16, 3, OrderedJson::object());
    OrderedJson spec = {{"pattern", "block"}, {"ratio", 0.5}, {"block", {8, 8}}};
    StrictObject o(spec, "w.json", "/layers/1/sparsity");
    o.get_string("pattern");
    try {
        PruningRegistry::instance().find("block")->validate(o, l);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  "w.json: /layers/1/sparsity/block: expected block sizes that divide the channels (no padding of "
                  "partial blocks): layer 'b' has C_in = 12, C_out = 16, block 8x8");
    }
}

}  // namespace
}  // namespace skipsim
