#pragma once
// The zero-skipping array on real integers (cycle mode): each pass's filters are encoded into
// their stored bitstreams and decoded by the lanes, which then step through their entries one per
// cycle, slice by slice, each group waiting for its slowest lane; the cycles counted here come
// from the decoded streams, independently of the plan's counts from the masks.
#include <cstdint>
#include <vector>

#include "zero_skip_plan.h"

namespace skipsim {

struct ZeroSkipCounts {
    std::uint64_t entries = 0, macs = 0, idle_lane_cycles = 0;
};

class ZeroSkipCompute {
public:
    // `weights` K x C/g x R x S with pruned weights zero; `mask` null for dense layers.
    ZeroSkipCompute(const Layer& layer, const ZeroSkipShape& array, const std::vector<std::int32_t>& input,
                    const std::vector<std::int32_t>& weights, const std::vector<std::uint8_t>* mask);

    // Loads filters [k0, k1) on the lanes; returns the bytes of their stored streams.
    Bytes load_pass(std::uint32_t k0, std::uint32_t k1);
    // Output row `row` of image `batch`, columns [q0, q1): accumulates every lane's outputs into
    // `output` (batch x K x P x Q) and returns the block's cycles.
    Cycles run_block(std::uint32_t batch, std::uint32_t row, std::uint32_t q0, std::uint32_t q1,
                     std::vector<std::int64_t>& output, ZeroSkipCounts& counts);

private:
    const Layer& m_layer;
    ZeroSkipShape m_array;
    FormatSpec m_format;
    const std::vector<std::int32_t>& m_input;
    const std::vector<std::int32_t>& m_weights;
    const std::vector<std::uint8_t>* m_mask;
    std::uint32_t m_k0 = 0;
    std::vector<std::vector<std::vector<StreamEntry>>> m_lanes;  // lane -> slice -> entries
    std::vector<std::int64_t> m_acc;
};

}  // namespace skipsim
