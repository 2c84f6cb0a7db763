#pragma once
// How a layer runs on a zero-skipping MAC array, as pure arithmetic shared by both fidelity
// modes. Lanes each compute one filter: the K filters run in passes of `lanes`, and a pass's
// compressed weights are loaded into the lanes' buffers once (the next pass's prefetched).
// Output pixels go through in blocks of up to `vector_width` pixels of one output row; per block
// a lane steps through its stored entries one per cycle, applying each weight to the block's
// pixels. The lanes of a group share an activation register file refilled slice by slice
// (`slice_channels` input channels), so at each slice the group waits for its slowest lane; the
// array moves to the next block when its slowest group is done. Output rows stream through the
// double-buffered input and output SRAMs in bands that fit a buffer half.
#include "common/io_traffic.h"
#include <cstdint>
#include <string>
#include <vector>

#include "base/units.h"
#include "weight_format.h"
#include "workloads/ir.h"

namespace skipsim {

struct ZeroSkipShape {
    std::uint32_t lanes = 64, vector_width = 8, group_size = 16, slice_channels = 16;
    Cycles sync_cycles = 0;
    WeightFormat format = WeightFormat::rle;
    std::uint32_t run_bits = 4;
    Bytes lane_weight_bytes = 8192;
    std::uint32_t output_bytes = 4;
};

// The format a layer is stored in: unmasked (dense) layers are stored dense whatever the array prefers.
FormatSpec layer_format(const Layer& layer, const ZeroSkipShape& a, bool masked);

struct LanePass {
    std::uint32_t k0 = 0, k1 = 0;    // filters [k0, k1), filter k0 + i on lane i
    Cycles block_cycles = 0;         // one block: the slowest group's sum over slices of (slowest lane + sync)
    Cycles dense_block_cycles = 0;   // the same pass with every weight stored (no skipping)
    std::uint64_t entries = 0;       // lane steps per block, all lanes
    std::uint64_t fillers = 0;       // of which rle fillers
    std::uint64_t idle_lane_cycles = 0;  // per block: lanes waiting for their group's slowest lane
    Bytes weight_bytes = 0, metadata_bytes = 0;
};

struct ZeroSkipStep : IoTraffic {
    std::uint32_t pass = 0, batch = 0, row0 = 0, row1 = 0;  // output rows [row0, row1)
    std::uint64_t blocks = 0;
    Cycles compute = 0;
};

struct ZeroSkipPlan {
    std::vector<LanePass> passes;
    std::vector<ZeroSkipStep> steps;
    Cycles compute_cycles = 0, dense_compute_cycles = 0;
    std::uint32_t blocks_per_row = 0, slices = 0;
    bool masked = false;       // stored compressed (else dense)
    Bytes largest_stream = 0;  // the largest filter stream, which must fit a lane's buffer
    std::string error;         // set (and no steps) when a band of one row does not fit a buffer half
};

// `mask` (K x C/g x R x S keep-mask) is null for dense layers.
ZeroSkipPlan plan_zero_skip_layer(const Layer& layer, const std::vector<std::uint8_t>* mask, const ZeroSkipShape& a,
                                  Bytes input_half, Bytes output_half);

}  // namespace skipsim
