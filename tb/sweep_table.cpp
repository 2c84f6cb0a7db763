#include "sweep_table.h"

#include <sstream>

#include "base/whole_file.h"
#include "csv_field.h"

namespace skipsim {

namespace {

std::string metric_text(const LayerResult& r, const std::string& m) {
    std::ostringstream ss;
    ss.precision(10);
    if (m == "cycles") ss << r.cycles;
    else if (m == "seconds") ss << r.seconds;
    else if (m == "utilization") ss << r.utilization;
    else if (m == "energy_pj") ss << r.energy_pj;
    else if (m == "ddr_bytes") ss << r.dram.total();
    else if (m == "effective_macs") ss << r.effective_macs;
    else ss << r.compute_speedup();
    return ss.str();
}

}  // namespace

SweepTable::SweepTable(std::string path, std::vector<std::string> params)
    : m_path(std::move(path)), m_params(std::move(params)) {}

std::string SweepTable::header() const {
    std::string h = "workload";
    for (const auto& p : m_params) h += "," + p;
    h += ",status";
    for (const char* m : kSweepMetrics) h += std::string(",") + m;
    return h + ",message";
}

void SweepTable::record(const std::string& workload, const std::vector<std::string>& values, const PointResult* res) {
    SweepRow r;
    r.workload = workload;
    r.values = values;
    r.status = res ? res->status : "missing";
    for (const char* m : kSweepMetrics) r.metrics.push_back(res && res->status == "ok" ? metric_text(res->totals, m) : "");
    r.message = res ? res->message : "";
    m_rows.push_back(std::move(r));
}

void SweepTable::save() const {
    std::ostringstream out;
    out << header() << "\n";
    for (const auto& r : m_rows) {
        out << csv_field(r.workload);
        for (const auto& v : r.values) out << "," << csv_field(v);
        out << "," << r.status;
        for (const auto& m : r.metrics) out << "," << m;
        out << "," << csv_field(r.message) << "\n";
    }
    write_whole_file(m_path, out.str());
}

}  // namespace skipsim
