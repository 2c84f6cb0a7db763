#include "loader.h"

#include <fstream>

#include "base/error.h"
#include "scalesim_csv.h"
#include "workload_json.h"

namespace skipsim {

Network load_workload(const std::string& path, const LoadOptions& opts) {
    std::string format = opts.format;
    if (format == "auto") {
        std::ifstream in(path);
        if (!in) throw InputError(path, "", "cannot open file (expected a workload: .json or SCALE-Sim .csv)");
        std::string first;
        std::getline(in, first);
        const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
        if (csv) format = scalesim_header_is_gemm(first) ? "scalesim-gemm" : "scalesim";
        else format = "json";
    }
    if (format == "json") return read_workload_json(path);
    if (format == "scalesim") return read_scalesim_csv(path, false, opts.warn);
    if (format == "scalesim-gemm") return read_scalesim_csv(path, true, opts.warn);
    throw InputError("--workload-format", format, "expected auto, json, scalesim or scalesim-gemm");
}

}  // namespace skipsim
