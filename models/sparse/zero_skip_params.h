#pragma once
// Parameters of a zero-skipping MAC array (seed 002, MODELS.md section 4).
#include <cstdint>
#include <string>

#include "base/error.h"
#include "common/io_params.h"

namespace skipsim {

struct ZeroSkipParams : IoArrayParams {
    std::uint32_t lanes = 64;           // PE lanes, one filter each
    std::uint32_t vector_width = 8;     // MACs per lane per cycle: output pixels of one row sharing a weight
    std::uint32_t group_size = 4;       // lanes that advance slice by slice together
    std::uint32_t slice_channels = 64;  // input channels per activation slice (the group's barrier)
    std::uint32_t sync_cycles = 3;      // cycles a group loses at each slice barrier
    std::string format = "bitmap";      // compressed weight format of pruned layers
    std::uint32_t run_bits = 4;         // rle: bits of the zero-run field of each entry
    std::uint64_t lane_weight_bytes = 8192;  // each lane's weight buffer (one filter's stream)

    template <class V>
    void visit(V& v) {
        v.num("lanes", lanes, 1, 65536, "lanes", "PE lanes; each computes one filter and steps only through its stored weights");
        v.num("vector_width", vector_width, 1, 1024, "MACs",
              "MACs per lane per cycle: one weight applied to this many output pixels of one row");
        v.num("group_size", group_size, 1, 65536, "lanes",
              "lanes sharing an activation slice: the group waits for its slowest lane at every slice (load imbalance)");
        v.num("slice_channels", slice_channels, 1, 1 << 20, "channels",
              "input channels per activation slice loaded into a group's register file");
        v.num("sync_cycles", sync_cycles, 0, 1 << 20, "cycles", "cycles a group loses at each slice barrier");
        v.choice("format", format, {"dense", "bitmap", "rle"},
                 "weight storage of pruned layers: dense (no skipping), bitmap (1 bit per weight), rle (zero-run per "
                 "entry); dense layers are always stored dense");
        v.num("run_bits", run_bits, 1, 16, "bits",
              "rle: width of the zero-run field; longer runs need filler entries that cost a lane cycle");
        v.num("lane_weight_bytes", lane_weight_bytes, 1, 1ull << 30, "bytes",
              "weight buffer of one lane: a filter's stored stream must fit (a second one prefetches the next pass's)");
        visit_io(v, "array clock; 0 takes the platform clock");
    }
    void validate(const std::string& file, const std::string& ptr) const {
        if (lanes % group_size)
            throw InputError(file, ptr + "/group_size", "expected a divisor of lanes (" + std::to_string(lanes) +
                                                            "), got " + std::to_string(group_size));
    }
};

}  // namespace skipsim
