#pragma once
// `skipsim sweep` and its parts. A sweep is a plan (sweep_plan.h), points run by workers that
// skip what is done (point_runner.h), and a collect step (sweep_collect.h):
//   sweep ... -j N       plan + run every point here, N at a time + collect
//   sweep plan ...       write the plan into the sweep directory
//   sweep run-point DIR  run points I..I+K-1 of the plan (what Slurm or GNU parallel start)
//   sweep collect DIR    sweep.csv and plots from whatever has finished; names what has not
//   sweep emit DIR       a Slurm job-array script or a GNU parallel command (sweep_engine.h)
#include <cstddef>
#include <string>
#include <vector>

#include "point_runner.h"
#include "sweep_engine.h"

namespace skipsim {

struct SweepOptions {
    std::string platform, out_dir, mode = "fast";
    std::vector<std::string> workloads, vary, overrides;
    bool zip = false, quiet = false;
    bool html = true;    // each point writes report.html
    bool force = false;  // --out may be a directory skipsim did not make
    unsigned jobs = 1;
    std::size_t batch = 0;  // fast-mode points per process; 0: chosen (point_runner.h)
    double timeout_s = 600;
};

struct RunPointOptions {
    std::string dir;
    std::size_t index = 0, count = 1;
    unsigned jobs = 1;
    std::size_t batch = 0;
    bool quiet = false;
};

// Exit status of all four: 0 every point concerned succeeded; 2 some point failed on bad input
// (or, for collect, some point is missing or failed); 1 some point crashed or timed out.
int sweep_command(const SweepOptions& opts, const RunPointFn& run_point);
int sweep_plan_command(const SweepOptions& opts);
int sweep_run_point_command(const RunPointOptions& opts, const RunPointFn& run_point);
int sweep_collect_command(const std::string& dir, bool quiet);
// `engine` names a registered SweepEngine; opts.points is filled in here, and a
// chunk of 0 becomes the smallest that keeps a job array within 1000 tasks (Slurm's default
// MaxArraySize is 1001).
int sweep_emit_command(const std::string& engine, EmitOptions opts, bool quiet);

}  // namespace skipsim
