#pragma once
// The parameters every input/output-buffer accelerator (zero-skipping array, PIM chip) ends with:
// its clock, the width of its outputs and where its tensors live in DRAM. Plain data: a family's
// params struct derives from it and visits them after its own.
#include <cstdint>

namespace skipsim {

struct IoArrayParams {
    double clock_ghz = 0;
    std::uint32_t output_bytes = 4;
    std::uint64_t ddr_input_base = 0x0000'0000ull;
    std::uint64_t ddr_weight_base = 0x1'0000'0000ull;
    std::uint64_t ddr_output_base = 0x2'0000'0000ull;

    // Visited after the family's own parameters.
    template <class V>
    void visit_io(V& v, const char* clock_doc) {
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", clock_doc);
        v.num("output_bytes", output_bytes, 1, 8, "bytes", "bytes per output value written to the output buffer");
        v.num("ddr_input_base", ddr_input_base, 0, 1e18, "bytes", "DDR address of the input feature map");
        v.num("ddr_weight_base", ddr_weight_base, 0, 1e18, "bytes", "DDR address of the weights");
        v.num("ddr_output_base", ddr_output_base, 0, 1e18, "bytes", "DDR address of the output feature map");
    }
};

}  // namespace skipsim
