#pragma once
// `skipsim run` as a function, for the sweep workers that run points in forked processes.
#include <string>
#include <vector>

#include "workloads/ir.h"

namespace skipsim {

struct LayerResult;

// Parses the run arguments and runs; `preloaded`, when given, is the workload they name, already
// loaded with the default options (a sweep worker loads each workload once); `totals`, when given,
// receives the run's totals. Returns the exit status; throws what run_command throws.
int run_cli(const std::vector<std::string>& args, const Network* preloaded, LayerResult* totals = nullptr);

// The same for a sweep or study point: errors become their exit status and message on stderr.
int run_sweep_point(const std::vector<std::string>& args, const Network* preloaded, LayerResult* totals);

}  // namespace skipsim
