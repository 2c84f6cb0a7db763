#pragma once
// What one finished point of a sweep measured, or why it failed.
#include <cstdint>
#include <string>

namespace skipsim {

struct PointResult {
    std::string status = "ok", message;
    std::uint64_t cycles = 0, ddr_bytes = 0, effective_macs = 0;
    double seconds = 0, utilization = 0, energy_pj = 0, compute_speedup = 1;
};

// A point that exited 0 is read from its run directory's report.json; one that failed keeps the
// last line of its log, which is the run's error message.
PointResult read_result(const std::string& run_dir, int status, const std::string& log);

}  // namespace skipsim
