#pragma once
// Parameters of a processing-in-memory chip of AR x AC crossbars (seed 004, MODELS.md section 6).
#include <cstdint>
#include <string>

#include "base/error.h"
#include "common/io_params.h"

namespace skipsim {

struct PimParams : IoArrayParams {
    std::uint32_t rows = 512;             // AR
    std::uint32_t cols = 512;             // AC
    std::uint32_t arrays = 64;            // crossbars on the chip
    std::uint32_t cell_bits = 2;
    std::uint32_t adc_bits = 8;
    std::uint32_t columns_per_adc = 8;
    std::uint32_t adc_cycles = 1;
    std::uint32_t write_cycles_per_row = 100;
    std::string mapping = "sdk";
    std::uint32_t window_h = 0, window_w = 0;
    bool skip_rows = true;
    std::string padding = "zero";

    template <class V>
    void visit(V& v) {
        v.num("rows", rows, 1, 65536, "cells", "crossbar rows (AR): one per (input channel, window cell)");
        v.num("cols", cols, 1, 65536, "cells", "crossbar columns (AC): one per (filter, kernel copy, weight slice)");
        v.num("arrays", arrays, 1, 1 << 20, "crossbars", "crossbars on the chip; a layer needing more reprograms them in rounds");
        v.num("cell_bits", cell_bits, 1, 8, "bits", "bits one cell stores; wider weights span several columns");
        v.num("adc_bits", adc_bits, 1, 16, "bits", "ADC resolution; larger column sums clip to 2^adc_bits - 1");
        v.num("columns_per_adc", columns_per_adc, 1, 65536, "columns", "columns sharing one ADC (conversions serialize)");
        v.num("adc_cycles", adc_cycles, 1, 1000, "cycles", "cycles of one ADC conversion");
        v.num("write_cycles_per_row", write_cycles_per_row, 0, 1e6, "cycles",
              "cycles to program one crossbar row when a layer needs more arrays than the chip has");
        v.choice("mapping", mapping, {"im2col", "sdk", "sdk_skip", "vw_sdk", "best", "best_time", "best_energy"},
                 "weight mapping: im2col; SDK (the published window search); sdk_skip (SDK whose window search counts "
                 "only the rows left after row skipping); VW-SDK; best (fewest MVMs of im2col, SDK and VW-SDK); "
                 "best_time (fewest estimated cycles: crossbar cycles or DRAM bytes at the channel's peak rate, "
                 "whichever is larger, of im2col, sdk, sdk_skip and vw_sdk); best_energy (least estimated energy of "
                 "the same four: crossbar events, and DRAM bytes and standby at the channel's prices)");
        v.num("window_h", window_h, 0, 65536, "pixels", "force the parallel window's height (0: search)");
        v.num("window_w", window_w, 0, 65536, "pixels", "force the parallel window's width (0: search)");
        v.flag("skip_rows", skip_rows, "drop array rows whose weights are zero in every kernel copy");
        v.choice("padding", padding, {"zero", "none"},
                 "zero: map the zero-padded input, computing the layer's outputs; none: the sources' convention, "
                 "windows over the unpadded input only (fewer outputs; cycle counts comparable with the papers; "
                 "fast mode only for padded layers)");
        visit_io(v, "chip clock; 0 takes the platform clock");
    }
    void validate(const std::string& file, const std::string& ptr) const {
        if (cols % columns_per_adc)
            throw InputError(file, ptr + "/columns_per_adc", "expected a divisor of cols (" + std::to_string(cols) +
                                                                 "), got " + std::to_string(columns_per_adc));
        if ((window_h == 0) != (window_w == 0))
            throw InputError(file, ptr + (window_h ? "/window_w" : "/window_h"),
                             "expected window_h and window_w both set or both 0");
        if (window_h && mapping.rfind("best", 0) == 0)
            throw InputError(file, ptr + "/mapping",
                             "expected im2col, sdk, sdk_skip or vw_sdk with a forced window, got '" + mapping + "'");
    }
};

}  // namespace skipsim
