#pragma once
// `skipsim run` as a function, for the sweep workers that run points in forked processes.
#include <string>
#include <vector>

#include "point_runner.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerResult;

// Parses the run arguments and runs; `preloaded`, when given, is the workload they name, already
// loaded with the default options (a sweep worker loads each workload once); `totals`, when given,
// receives the run's totals. Returns the exit status; throws what run_command throws.
int run_cli(const std::vector<std::string>& args, const Network* preloaded, LayerResult* totals = nullptr);

// The points of a sweep or study given to one process (point_runner.h): one runs as run_cli does,
// its errors becoming its exit status and message on stderr; several run side by side in one
// simulation (run_batch.h), and one that fails there is left unfinished for the caller to run
// again on its own.
void run_sweep_points(std::vector<PointCall>& calls);

}  // namespace skipsim
