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
    std::string mapping = "im2col";
    bool skip_pruned = true;
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
        v.choice("mapping", mapping, {"im2col", "kij_timestep"},
                 "im2col: SCALE-Sim's GEMM mapping; kij_timestep (WS only): PE rows = input channels, "
                 "columns = output channels, one timestep per kept kernel position");
        v.flag("skip_pruned", skip_pruned,
               "skip pruned work: kernel positions no column keeps (kij_timestep) and reduction pairs no "
               "filter keeps (OS)");
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", "array clock; 0 takes the platform clock");
        v.num("accumulator_bits", accumulator_bits, 8, 64, "bits",
              "partial-sum width, used when partial sums spill to the ofmap buffer or DDR");
        v.num("ddr_ifmap_base", ddr_ifmap_base, 0, 1e18, "bytes", "DDR address of the input feature map");
        v.num("ddr_filter_base", ddr_filter_base, 0, 1e18, "bytes", "DDR address of the weights");
        v.num("ddr_ofmap_base", ddr_ofmap_base, 0, 1e18, "bytes", "DDR address of the output feature map");
    }
    void validate(const std::string& file, const std::string& pointer) const {
        if (mapping == "kij_timestep" && dataflow != "ws")
            throw InputError(file, pointer + "/mapping",
                             "expected dataflow 'ws' for the kij_timestep mapping, got '" + dataflow + "'");
    }
};

}  // namespace skipsim
