#pragma once
// `skipsim sweep`: runs every point of a parameter sweep as its own `skipsim run` process
// (SystemC elaborates once per process), N at a time, records each finished point in
// DIR/sweep.csv at once (so a killed sweep resumes where it stopped), and draws DIR/plots/*.svg.
#include <string>
#include <vector>

#include "sweep_spec.h"

namespace skipsim {

struct SweepOptions {
    std::string platform, out_dir, mode = "fast";
    std::vector<std::string> workloads, vary, overrides;
    bool zip = false, quiet = false;
    bool force = false;  // --out may be a directory skipsim did not make
    unsigned jobs = 1;
    double timeout_s = 600;
};

// Exit status: 0 every point succeeded; 2 some point failed on bad input; 1 some point crashed
// or timed out.
int sweep_command(const SweepOptions& opts, const std::string& self_exe);

}  // namespace skipsim
