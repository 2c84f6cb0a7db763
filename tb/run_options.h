#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/component.h"
#include "resource_limits.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerResult;

struct RunOptions {
    std::string platform, workload, workload_format = "auto", out_dir, save_masks;
    std::string emit_program;  // file for the accelerator's programs with simulated times
    Fidelity mode = Fidelity::fast;
    bool check = false, trace = false, quiet = false;
    bool html = true;    // report.html (--no-html turns it off)
    bool force = false;  // --out may be a directory skipsim did not make (only its own files are replaced)
    bool timings = false;  // --timings: the wall time of each phase on stderr (run_timings.h)
    unsigned threads = 1;  // --threads: threads of the cycle-mode engine (results do not depend on it)
    std::vector<std::string> overrides;
    std::vector<std::string> input_shapes;  // --input-shape: sizes of an ONNX model's dynamic inputs
    std::uint64_t seed = 1;  // activations of the functional check
    ResourceLimits limits;
    std::vector<std::string> command_line;  // as typed (report provenance)
    // The workload, already loaded from `workload` with the default format and input shapes (a
    // sweep worker loads each once and forks per point); null: run_command loads it.
    const Network* preloaded_workload = nullptr;
    // Set by a sweep worker: receives the run's totals once its run directory is in place, so the
    // point's record is written without reading report.json back.
    LayerResult* totals_out = nullptr;
};

}  // namespace skipsim
