#pragma once
// DIR/plots/*.svg of a sweep: cycles, utilization and energy against each varied parameter, one
// series per workload and combination of the other parameters.
#include <string>

#include "sweep_table.h"

namespace skipsim {

void write_sweep_plots(const SweepTable& table, const std::string& dir);

}  // namespace skipsim
