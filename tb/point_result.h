#pragma once
// What one finished point of a sweep measured, or why it failed.
#include <string>

#include "layer_result.h"

namespace skipsim {

struct PointResult {
    std::string status = "ok", message;
    LayerResult totals;  // the run's totals, when it succeeded
};

// A point that exited 0 is read from its run directory's report.json; one that failed keeps the
// last line of its log, which is the run's error message.
PointResult read_result(const std::string& run_dir, int status, const std::string& log);

}  // namespace skipsim
