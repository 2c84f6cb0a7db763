#pragma once
// Parameters of a bit-serial systolic array with column combining (seed 001, MODELS.md section 3).
// alpha and gamma live here, not in the workload: they are properties of how this array packs
// every layer (alpha is bounded by the multiplexer each cell has), so `--set bitserial.alpha=1`
// runs the unpacked baseline on the same hardware and sweeps can vary them.
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim {

struct BitserialParams {
    std::uint32_t rows = 32;              // cells per column: one filter each
    std::uint32_t cols = 32;              // cells per row: one packed column (group) each
    std::uint32_t mux_inputs = 8;         // input streams each column carries, one selected per cell
    std::uint32_t alpha = 8;              // columns combined per group (1: no combining)
    double gamma = 0.5;                   // conflicts allowed per merge, as a fraction of the rows
    std::uint32_t section_cols = 256;     // the packer combines columns within sections of this width
    std::string merge_order = "first_group";
    std::uint32_t weight_bits = 8;        // width of the cell's weight register
    std::uint32_t mac_units = 4;          // MAC units per cell sharing its weight
    std::uint32_t accumulator_bits = 32;  // bit-serial accumulation width
    double clock_ghz = 0;
    std::uint64_t ddr_ifmap_base = 0x0000'0000ull;
    std::uint64_t ddr_filter_base = 0x1'0000'0000ull;
    std::uint64_t ddr_ofmap_base = 0x2'0000'0000ull;

    template <class V>
    void visit(V& v) {
        v.num("rows", rows, 1, 4096, "cells", "array rows: one filter (row of the packed matrix) each");
        v.num("cols", cols, 1, 4096, "cells", "array columns: one packed column (group of combined columns) each");
        v.num("mux_inputs", mux_inputs, 1, 32, "streams",
              "input streams per array column; each cell's multiplexer selects one of them");
        v.num("alpha", alpha, 1, 32, "columns", "columns combined per group (1: no column combining)");
        v.num("gamma", gamma, 0, 1, "", "conflicts a merged group may hold, as a fraction of the matrix rows (truncated)");
        v.num("section_cols", section_cols, 1, 1 << 20, "columns", "columns are combined only within sections of this width");
        v.choice("merge_order", merge_order, {"first_group", "best_pair"},
                 "which allowed merge comes next: first_group (the source's packing.py: the lowest-indexed group with "
                 "any allowed partner takes its fullest partner) or best_pair (the fullest allowed pair of all)");
        v.num("weight_bits", weight_bits, 1, 16, "bits", "weight register of a cell; wider layer weights are an error");
        v.num("mac_units", mac_units, 1, 64, "units",
              "MAC units per cell sharing its weight, taking successive activations in turn");
        v.num("accumulator_bits", accumulator_bits, 2, 62, "bits", "width of the bit-serial accumulation");
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", "array clock; 0 takes the platform clock");
        v.num("ddr_ifmap_base", ddr_ifmap_base, 0, 1e18, "bytes", "DDR address of the input feature map");
        v.num("ddr_filter_base", ddr_filter_base, 0, 1e18, "bytes", "DDR address of the packed weights");
        v.num("ddr_ofmap_base", ddr_ofmap_base, 0, 1e18, "bytes", "DDR address of the output feature map");
    }
    void validate(const std::string& file, const std::string& ptr) const {
        if (alpha > mux_inputs)
            throw InputError(file, ptr + "/alpha",
                             "expected at most mux_inputs (" + std::to_string(mux_inputs) +
                                 ") columns per group, the streams a cell's multiplexer selects from, got " +
                                 std::to_string(alpha));
    }
};

}  // namespace skipsim
