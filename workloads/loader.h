#pragma once
// Loads a workload in any registered format into the IR. A format registers itself in the file of
// its reader under formats/:
//   static const Registration<WorkloadFormat> onnx_registration{{"onnx", "summary", ".onnx", detect, load}};
#include <functional>
#include <string>
#include <vector>

#include "base/registry.h"
#include "ir.h"

namespace skipsim {

struct LoadOptions {
    std::string format = "auto";  // "auto" or a registered format's name
    // "[NAME=]DxDx...": sizes for a model's dynamic inputs (formats that take them: ONNX).
    std::vector<std::string> input_shapes;
    std::function<void(const std::string&)> warn = [](const std::string&) {};
};

// How strongly a format claims a file under --workload-format auto; the strongest claim wins and
// a tie goes to the first name, so a format that reads anything claims only `fallback`.
enum class FormatClaim { none, fallback, extension, extension_and_header };

struct WorkloadFormat {
    std::string name, summary;
    // The files it reads, as messages name them (".json", "SCALE-Sim .csv"); formats that read the
    // same files give the same text, and messages list it once.
    std::string files;
    std::function<FormatClaim(const std::string& path, const std::string& first_line)> detect;
    std::function<Network(const std::string& path, const LoadOptions& opts)> load;
    bool takes_input_shapes = false;  // whether LoadOptions::input_shapes means anything to it
};

using WorkloadFormatRegistry = Registry<WorkloadFormat>;

Network load_workload(const std::string& path, const LoadOptions& opts);

// What --workload-format takes: "auto, json, scalesim or scalesim-gemm".
std::string workload_format_choices();

}  // namespace skipsim
