#include "point_result.h"

#include <fstream>

#include "base/error.h"
#include "base/json_source.h"
#include "base/whole_file.h"

namespace skipsim {

PointResult read_result(const std::string& run_dir, int status, const std::string& log) {
    PointResult r;
    r.exit_status = status;
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

void write_point_state(const std::string& file, const PointResult& r) {
    OrderedJson j;
    j["status"] = r.status;
    j["exit_status"] = r.exit_status;
    j["message"] = r.message;
    if (r.status == "ok") j["totals"] = r.totals.figures_json();
    write_whole_file(file, json_text(j) + "\n");
}

std::optional<PointResult> read_point_state(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    try {
        const OrderedJson j = OrderedJson::parse(in);
        PointResult r;
        r.status = j.at("status").get<std::string>();
        r.exit_status = j.at("exit_status").get<int>();
        r.message = j.at("message").get<std::string>();
        if (r.status == "ok") r.totals = LayerResult::from_figures_json(j.at("totals"));
        else if (r.status != "failed") return std::nullopt;
        return r;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace skipsim
