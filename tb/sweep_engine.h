#pragma once
// Engines that run a planned sweep's points on many machines: each writes, into the sweep
// directory, what to hand to an existing scheduler (a Slurm job array, a GNU parallel command),
// made of `skipsim sweep run-point` workers and one `skipsim sweep collect`. skipsim runs no
// scheduler or daemon of its own. An engine registers itself in its own file
// (sweep_engines/*.cpp); `skipsim sweep emit --engine NAME` finds it.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/registry.h"

namespace skipsim {

struct EmitOptions {
    std::string dir;              // the sweep directory, absolute
    std::string skipsim;          // the skipsim binary, absolute
    std::size_t points = 0;       // in the plan
    std::size_t chunk = 1;        // points per task
    std::size_t max_running = 0;  // tasks at once; 0: the engine's default
    unsigned jobs = 1;            // processes at once within a task (its CPUs)
    std::size_t batch = 0;        // fast-mode points per process (0: the worker chooses)
    // Slurm: resources of each task (empty: the cluster's defaults) and further #SBATCH lines.
    std::string partition, time_limit, mem, account;
    std::vector<std::string> sbatch_options;
    // GNU parallel: the machines to run on (its --sshloginfile); empty: this machine.
    std::string sshloginfile;
};

struct SweepEngine {
    std::string name, summary;
    // Writes the engine's files into opts.dir and returns the command that starts the sweep.
    std::function<std::string(const EmitOptions& opts)> emit;
};
using SweepEngineRegistry = Registry<SweepEngine>;

// What each worker is told besides its first point: " --count K -j N [--batch B]".
std::string worker_options(const EmitOptions& o);
// A word the shell reads back as `s`, whatever it holds.
std::string shell_quote(const std::string& s);
// Writes an executable script whole (base/whole_file.h), making its folder if need be.
void write_script(const std::string& path, const std::string& text);

}  // namespace skipsim
