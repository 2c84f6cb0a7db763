#include "pim_area.h"

namespace skipsim {

AreaBreakdown pim_area(const PimParams& p, const AreaPricer& price) {
    const double arrays = p.arrays;
    const double adcs = arrays * (p.cols / p.columns_per_adc);
    AreaBreakdown a;
    a.items.push_back(price.item("crossbar cells (" + std::to_string(p.arrays) + " crossbars of " + std::to_string(p.rows) +
                                     " x " + std::to_string(p.cols) + ")",
                                 arrays * p.rows * p.cols, "crossbar_cell"));
    a.items.push_back(price.item(std::to_string(p.adc_bits) + "-bit ADCs, one per " + std::to_string(p.columns_per_adc) +
                                     " columns",
                                 adcs, "adc_" + std::to_string(p.adc_bits) + "b"));
    // Inputs are applied one bit per pulse, so every row has a 1-bit DAC.
    a.items.push_back(price.item("1-bit DACs, one per crossbar row", arrays * p.rows, "dac_1b"));
    a.items.push_back(price.item("sample-and-hold circuits, one per crossbar column", arrays * p.cols, "sample_hold"));
    a.items.push_back(price.item("shift-and-add units, one per ADC", adcs, "shift_add"));
    a.note = "ISAAC's crossbar-side parts; its input and output registers are the platform's SRAM components here; "
             "the cell-programming circuits, routing between crossbars and the control are not counted";
    return a;
}

}  // namespace skipsim
