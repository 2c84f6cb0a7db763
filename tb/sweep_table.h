#pragma once
// DIR/sweep.csv: one row per point of the plan, in the plan's order (workload, the varied values,
// status, metrics, message). It is made from the points' records (sweep_collect.h), so it can be
// made again at any time; status is ok, failed, or missing (not run yet).
#include <string>
#include <vector>

#include "point_result.h"

namespace skipsim {

// The metric columns, in order.
inline constexpr const char* kSweepMetrics[] = {"cycles",         "seconds",        "utilization", "energy_pj",
                                                "ddr_bytes",      "effective_macs", "compute_speedup"};

struct SweepRow {
    std::string workload, status, message;
    std::vector<std::string> values;   // one per varied parameter
    std::vector<std::string> metrics;  // one per kSweepMetrics entry, empty unless status is ok
};

class SweepTable {
public:
    SweepTable(std::string path, std::vector<std::string> params);

    // A point without a result is recorded as missing.
    void record(const std::string& workload, const std::vector<std::string>& values, const PointResult* res);
    // Written whole and renamed into place, so the file is never half-written.
    void save() const;

    const std::vector<std::string>& params() const { return m_params; }
    const std::vector<SweepRow>& rows() const { return m_rows; }

private:
    std::string header() const;

    std::string m_path;
    std::vector<std::string> m_params;
    std::vector<SweepRow> m_rows;
};

}  // namespace skipsim
