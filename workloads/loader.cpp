#include "loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "base/error.h"
#include "base/strict_object.h"

namespace skipsim {

namespace {

// ".json or SCALE-Sim .csv": every format's files, each text once, in name order.
std::string workload_files() {
    std::vector<std::string> files;
    for (const auto& [name, f] : WorkloadFormatRegistry::instance().entries())
        if (std::find(files.begin(), files.end(), f.files) == files.end()) files.push_back(f.files);
    return or_list(files);
}

const WorkloadFormat& detect_format(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path, "", "is a directory (expected a workload: " + workload_files() + ")");
    std::ifstream in(path);
    if (!in) throw InputError(path, "", "cannot open file (expected a workload: " + workload_files() + ")");
    std::string first;
    std::getline(in, first);
    const WorkloadFormat* best = nullptr;
    FormatClaim best_claim = FormatClaim::none;
    for (const auto& [name, f] : WorkloadFormatRegistry::instance().entries()) {
        const FormatClaim c = f.detect(path, first);
        if (c > best_claim) {
            best = &f;
            best_claim = c;
        }
    }
    if (!best)
        throw InputError(path, "", "cannot tell the workload's format (expected " + workload_files() +
                                       ", or name it with --workload-format)");
    return *best;
}

}  // namespace

std::string workload_format_choices() {
    std::vector<std::string> choices = {"auto"};
    for (const auto& name : WorkloadFormatRegistry::instance().names()) choices.push_back(name);
    return or_list(choices);
}

Network load_workload(const std::string& path, const LoadOptions& opts) {
    const WorkloadFormat* format =
        opts.format == "auto" ? &detect_format(path) : WorkloadFormatRegistry::instance().find(opts.format);
    if (!format) throw InputError("--workload-format", opts.format, "expected " + workload_format_choices());
    if (!opts.input_shapes.empty() && !format->takes_input_shapes)
        throw InputError("--input-shape", opts.input_shapes.front(),
                         "expected a model with inputs to size (ONNX); " + path + " is read as " + format->name);
    return format->load(path, opts);
}

}  // namespace skipsim
