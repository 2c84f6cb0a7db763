#include "point_result.h"

#include <fstream>

#include "base/json_source.h"

namespace skipsim {

PointResult read_result(const std::string& run_dir, int status, const std::string& log) {
    PointResult r;
    if (status == 0) {
        try {
            r.totals = LayerResult::from_figures_json(read_json_file(run_dir + "/report.json").at("totals"));
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
