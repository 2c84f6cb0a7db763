#pragma once
// DIR/sweep.csv: one row per point (workload, the varied values, status, metrics, message),
// rewritten after every finished point so that a killed sweep resumes where it stopped.
#include <map>
#include <string>
#include <vector>

#include "point_result.h"
#include "sweep_spec.h"

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

    // Rows of an earlier run of the same sweep; a file with other columns is not ours to reuse.
    void load();
    bool done(const SweepPoint& p) const;
    void record(const SweepPoint& p, const PointResult& res);
    void save() const;

    const std::vector<std::string>& params() const { return m_params; }
    // Keyed by workload and values, which is also the order of the file's rows.
    const std::map<std::string, SweepRow>& rows() const { return m_rows; }

private:
    std::string header() const;

    std::string m_path;
    std::vector<std::string> m_params;
    std::map<std::string, SweepRow> m_rows;
};

}  // namespace skipsim
