#pragma once
// The golden integer convolution every functional model is checked against: plain loops,
// no tiling, no tricks.
#include <cstdint>
#include <vector>

#include "ir.h"

namespace skipsim {

// input: batch x C x H x W; weights: K x C/g x R x S; mask: same as weights (1 = keep) or
// empty for dense. Returns batch x K x P x Q.
std::vector<std::int64_t> reference_conv(const Layer& layer, const std::vector<std::int32_t>& input,
                                         const std::vector<std::int32_t>& weights,
                                         const std::vector<std::uint8_t>& mask);

}  // namespace skipsim
