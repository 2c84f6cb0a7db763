#pragma once
// Parameters of a dense systolic array (SCALE-Sim's three dataflows).
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim {

struct SystolicParams {
    std::uint32_t rows = 32;
    std::uint32_t cols = 32;
    std::string dataflow = "ws";
    double clock_ghz = 0;            // 0: the platform clock
    std::uint32_t accumulator_bits = 32;
    std::uint64_t ddr_ifmap_base = 0x0000'0000ull;
    std::uint64_t ddr_filter_base = 0x1'0000'0000ull;
    std::uint64_t ddr_ofmap_base = 0x2'0000'0000ull;

    template <class V>
    void visit(V& v) {
        v.num("rows", rows, 1, 4096, "PEs", "PE rows (R): the reduction side in WS/IS, output pixels in OS");
        v.num("cols", cols, 1, 4096, "PEs", "PE columns (C): filters in WS/OS, output pixels in IS");
        v.choice("dataflow", dataflow, {"ws", "os", "is"},
                 "weight-, output- or input-stationary (SCALE-Sim's WS, OS, IS)");
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", "array clock; 0 takes the platform clock");
        v.num("accumulator_bits", accumulator_bits, 8, 64, "bits",
              "partial-sum width, used when partial sums spill to the ofmap buffer or DDR");
        v.num("ddr_ifmap_base", ddr_ifmap_base, 0, 1e18, "bytes", "DDR address of the input feature map");
        v.num("ddr_filter_base", ddr_filter_base, 0, 1e18, "bytes", "DDR address of the weights");
        v.num("ddr_ofmap_base", ddr_ofmap_base, 0, 1e18, "bytes", "DDR address of the output feature map");
    }
    void validate(const std::string&, const std::string&) const {}
};

}  // namespace skipsim
