#include "point_result.h"

#include <fstream>

#include "base/json_source.h"

namespace skipsim {

PointResult read_result(const std::string& run_dir, int status, const std::string& log) {
    PointResult r;
    if (status == 0) {
        try {
            OrderedJson rep = read_json_file(run_dir + "/report.json");
            const auto& t = rep["totals"];
            r.cycles = t["cycles"].get<std::uint64_t>();
            r.seconds = t["seconds"].get<double>();
            r.utilization = t["utilization"].get<double>();
            r.energy_pj = t["energy_pj"]["total"].get<double>();
            r.ddr_bytes = t["ddr_bytes"]["read"].get<std::uint64_t>() + t["ddr_bytes"]["written"].get<std::uint64_t>();
            r.effective_macs = t["effective_macs"].get<std::uint64_t>();
            r.compute_speedup = t["compute_speedup"].get<double>();
            return r;
        } catch (const std::exception& e) {
            r.status = "failed";
            r.message = std::string("unreadable report: ") + e.what();
            return r;
        }
    }
    r.status = "failed";
    std::ifstream in(log);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    if (last.rfind("error: ", 0) == 0) last = last.substr(7);
    r.message = last.empty() ? "exited with status " + std::to_string(status) : last;
    return r;
}

}  // namespace skipsim
