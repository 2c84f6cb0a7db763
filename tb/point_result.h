#pragma once
// What one finished point of a sweep measured, or why it failed, and its record in the sweep
// directory (points/<id>.state.json), which is what marks the point done.
#include <optional>
#include <string>

#include "layer_result.h"

namespace skipsim {

struct PointResult {
    std::string status = "ok", message;
    LayerResult totals;  // the run's totals, when it succeeded
    int exit_status = 0;
};

// A point that exited 0 is read from its run directory's report.json; one that failed keeps the
// last line of its log, which is the run's error message.
PointResult read_result(const std::string& run_dir, int status, const std::string& log);

// The record is written whole (a temporary renamed into place) after the run directory is, so a
// point with a record has its run directory. read_point_state returns nothing for a missing or
// unreadable record (the point is run again).
void write_point_state(const std::string& file, const PointResult& r);
std::optional<PointResult> read_point_state(const std::string& file);

}  // namespace skipsim
