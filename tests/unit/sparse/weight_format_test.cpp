// Stored weight streams: what a lane decodes is exactly the kept weights (plus rle fillers of
// value 0), and the costs counted from the mask alone (entries per slice, bytes) equal the
// encoded stream's.
#include <gtest/gtest.h>

#include <random>

#include "sparse/weight_format.h"

namespace skipsim {
namespace {

TEST(WeightFormat, EncodedStreamsDecodeToTheKeptWeightsAndCostWhatTheMaskSays) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 300; ++trial) {
        FormatSpec f;
        f.format = static_cast<WeightFormat>(trial % 3);
        f.run_bits = 1 + rng() % 6;
        f.weight_bits = 2 + rng() % 7;
        f.slice_len = 1 + rng() % 40;
        const std::uint32_t len = 1 + rng() % 300;
        const double density = (rng() % 11) / 10.0;
        std::vector<std::uint8_t> keep(len);
        std::vector<std::int32_t> w(len);
        const std::int32_t lo = -(1 << (f.weight_bits - 1)), hi = (1 << (f.weight_bits - 1)) - 1;
        for (std::uint32_t i = 0; i < len; ++i) {
            keep[i] = std::uniform_real_distribution<double>(0, 1)(rng) < density;
            w[i] = keep[i] ? std::uniform_int_distribution<std::int32_t>(lo, hi)(rng) : 0;
        }
        SCOPED_TRACE("trial " + std::to_string(trial));
        const StreamCost cost = stream_cost(f, keep.data(), len);
        const auto bytes = encode_stream(f, w.data(), keep.data(), len);
        EXPECT_EQ(bytes.size(), cost.bytes());
        const auto slices = decode_stream(f, bytes, len);
        ASSERT_EQ(slices.size(), cost.entries.size());
        std::vector<std::int32_t> seen(len, 0);
        std::vector<int> hits(len, 0);
        std::uint64_t fillers = 0;
        for (std::size_t s = 0; s < slices.size(); ++s) {
            EXPECT_EQ(slices[s].size(), cost.entries[s]) << "slice " << s;
            for (const StreamEntry& e : slices[s]) {
                ASSERT_LT(e.pos, len);
                EXPECT_EQ(e.pos / f.slice_len, s);
                seen[e.pos] = e.value;
                ++hits[e.pos];
                if (!keep[e.pos]) {
                    EXPECT_EQ(e.value, 0);
                    ++fillers;
                }
            }
        }
        for (std::uint32_t i = 0; i < len; ++i) {
            EXPECT_EQ(seen[i], w[i]) << i;
            if (keep[i] || f.format == WeightFormat::dense) {
                EXPECT_EQ(hits[i], 1) << i;
            }
        }
        if (f.format == WeightFormat::rle) {
            EXPECT_EQ(fillers, cost.fillers);
        }
        if (f.format == WeightFormat::bitmap) {
            EXPECT_EQ(fillers, 0u);
        }
    }
}

TEST(WeightFormat, RleNeedsAFillerForEveryFullRunField) {
    FormatSpec f;
    f.format = WeightFormat::rle;
    f.run_bits = 2;  // runs of up to 3 zeros
    f.weight_bits = 8;
    f.slice_len = 100;
    // kept at 0 and 9: 8 zeros between need floor(8 / 4) = 2 fillers; none after the last.
    std::vector<std::uint8_t> keep(20, 0);
    keep[0] = keep[9] = 1;
    const StreamCost c = stream_cost(f, keep.data(), 20);
    EXPECT_EQ(c.fillers, 2u);
    EXPECT_EQ(c.entries[0], 4u);
    EXPECT_EQ(c.metadata_bits, 4u * 2 + 5);  // run fields and a 5-bit entry count (len 20)
    // Dense layers (no mask) are stored whole, whatever the format.
    EXPECT_EQ(stream_cost(f, nullptr, 20).entries[0], 20u);
}

}  // namespace
}  // namespace skipsim
