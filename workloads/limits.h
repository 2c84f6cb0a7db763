#pragma once
// The bounds every workload reader checks a layer against, whatever its format, so that a file
// one reader takes is never refused by another (`convert` writes JSON the JSON reader reads).
#include <cstdint>

namespace skipsim {

constexpr std::int64_t kMaxChannels = 1 << 20, kMaxSpatial = 1 << 16, kMaxKernel = 1 << 10;
constexpr std::int64_t kMaxBatch = 1 << 16;
constexpr std::uint64_t kMaxWeights = 1ull << 31, kMaxMacs = 1ull << 50;

}  // namespace skipsim
