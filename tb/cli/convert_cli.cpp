// `skipsim convert`: any workload format to native JSON.
#include <iostream>

#include "base/error.h"
#include "base/whole_file.h"
#include "cli.h"
#include "workloads/loader.h"
#include "workloads/formats/workload_json.h"
#include "workloads/weight_files.h"

namespace skipsim {
namespace {

int convert_cli(const std::vector<std::string>& args) {
    std::string workload, format = "auto", out;
    LoadOptions load;
    po::options_description desc("convert options");
    desc.add_options()("workload,w", po::value(&workload)->required(), "input workload")
        ("workload-format", po::value(&format)->default_value("auto"), workload_format_choices().c_str())
        ("input-shape", po::value(&load.input_shapes)->composing(),
         "[NAME=]DxDx...: size of an ONNX model's input (fixes a dynamic batch or image size)")
        ("out,o", po::value(&out)->required(), "native JSON file to write");
    po::variables_map vm;
    if (!parse_command_line("convert", "--workload W --out FILE.json", desc, args, vm)) return 0;
    load.format = format;
    load.warn = [](const std::string& msg) { std::cerr << "warning: " << msg << "\n"; };
    Network net = load_workload(workload, load);
    // Weights read from a model file go to .npy files next to the JSON.
    write_weight_files(net, out);
    const std::string text = json_text(network_to_json(net), 2) + "\n";
    write_whole_file(out, text);
    return 0;
}

const Registration<CommandInfo> convert_registration{{"convert", "convert a workload (SCALE-Sim CSV, ONNX, ...) to native JSON (ONNX weights as .npy files)", convert_cli}};

}  // namespace
}  // namespace skipsim
