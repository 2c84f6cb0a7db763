#include "sweep_table.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

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

std::string row_key(const std::string& workload, const std::vector<std::string>& values) {
    std::string k = workload;
    for (const auto& v : values) k += "\x1f" + v;
    return k;
}

// A newline becomes a space because load() reads one row per line.
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
    return q + "\"";
}

std::vector<std::string> csv_split(const std::string& line) {
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            f.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    f.push_back(cur);
    return f;
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

void SweepTable::load() {
    std::ifstream in(m_path);
    std::string line;
    if (!std::getline(in, line) || line != header()) return;
    while (std::getline(in, line)) {
        auto f = csv_split(line);
        if (f.size() != 3 + m_params.size() + std::size(kSweepMetrics)) continue;
        SweepRow r;
        r.workload = f[0];
        r.values.assign(f.begin() + 1, f.begin() + 1 + static_cast<long>(m_params.size()));
        r.status = f[1 + m_params.size()];
        r.metrics.assign(f.begin() + 2 + static_cast<long>(m_params.size()), f.end() - 1);
        r.message = f.back();
        m_rows[row_key(r.workload, r.values)] = r;
    }
}

bool SweepTable::done(const SweepPoint& p) const {
    auto it = m_rows.find(row_key(p.workload, p.values));
    return it != m_rows.end() && it->second.status == "ok";
}

void SweepTable::record(const SweepPoint& p, const PointResult& res) {
    SweepRow r;
    r.workload = p.workload;
    r.values = p.values;
    r.status = res.status;
    for (const char* m : kSweepMetrics) r.metrics.push_back(res.status == "ok" ? metric_text(res.totals, m) : "");
    r.message = res.message;
    m_rows[row_key(p.workload, p.values)] = r;
    save();
}

// Rewritten whole and renamed into place, so the file is never half-written.
void SweepTable::save() const {
    const std::string tmp = m_path + ".partial";
    {
        std::ofstream out(tmp);
        out << header() << "\n";
        for (const auto& [_, r] : m_rows) {
            out << csv_field(r.workload);
            for (const auto& v : r.values) out << "," << csv_field(v);
            out << "," << r.status;
            for (const auto& m : r.metrics) out << "," << m;
            out << "," << csv_field(r.message) << "\n";
        }
    }
    std::filesystem::rename(tmp, m_path);
}

}  // namespace skipsim
