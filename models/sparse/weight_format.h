#pragma once
// How a zero-skipping array stores one filter's weights, and what a lane reads back. A filter's
// reduction (C/g x R x S positions) is one stream:
//   dense   every weight, weight_bits each (layers without a mask are always stored so);
//   bitmap  per activation slice a presence bitmap (1 bit per position), then the kept values;
//   rle     per kept weight an entry (zero-run of run_bits, value); a run longer than
//           2^run_bits - 1 needs a filler entry (value 0) that costs the lane a cycle like a weight.
// A lane consumes one entry per cycle; bitmap positions are found by a priority encoder, free.
#include <cstdint>
#include <string>
#include <vector>

#include "base/units.h"

namespace skipsim {

enum class WeightFormat { dense, bitmap, rle };
WeightFormat weight_format_from(const std::string& name);

struct FormatSpec {
    WeightFormat format = WeightFormat::rle;
    std::uint32_t run_bits = 4;
    std::uint32_t weight_bits = 8;
    std::uint32_t slice_len = 1;  // positions per activation slice (bitmap: one bitmap each)
};

// What a filter's stream costs, counted from its keep-mask without encoding it.
struct StreamCost {
    std::vector<std::uint32_t> entries;  // per slice: lane cycles (kept weights + rle fillers, or all for dense)
    std::uint64_t fillers = 0;
    std::uint64_t value_bits = 0, metadata_bits = 0;
    Bytes bytes() const { return (value_bits + metadata_bits + 7) / 8; }
};
// `keep` points at the filter's `len` mask entries; nullptr means a dense (unmasked) layer.
StreamCost stream_cost(const FormatSpec& f, const std::uint8_t* keep, std::uint32_t len);

// One decoded entry: its position in the filter's reduction and its value.
struct StreamEntry {
    std::uint32_t pos = 0;
    std::int32_t value = 0;
};

// The bit-packed stream of one filter (values two's complement, LSB first).
std::vector<std::uint8_t> encode_stream(const FormatSpec& f, const std::int32_t* weights, const std::uint8_t* keep,
                                        std::uint32_t len);
// What the lane decodes from `bytes`, slice by slice.
std::vector<std::vector<StreamEntry>> decode_stream(const FormatSpec& f, const std::vector<std::uint8_t>& bytes,
                                                    std::uint32_t len);

}  // namespace skipsim
