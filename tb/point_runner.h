#pragma once
// Runs some points of a planned sweep in the sweep directory: the work of `skipsim sweep` on this
// machine and of every `skipsim sweep run-point` worker a cluster starts. A point already done
// (it has an ok record) is skipped, so a worker may be rerun or resubmitted at will: nothing done
// is lost or computed again. A point another worker is running now is skipped too (each point's
// log is locked while it runs). Each workload is loaded once, before the points fork.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "point_result.h"
#include "sweep_plan.h"
#include "workloads/ir.h"

namespace skipsim {

// Runs `skipsim run` with these arguments in this process (a forked one) and returns its exit
// status; `preloaded`, when given, is the workload those arguments name, already loaded, and
// `totals` receives the run's totals when it succeeds.
using RunPointFn =
    std::function<int(const std::vector<std::string>& run_args, const Network* preloaded, LayerResult* totals)>;

struct PointRunOptions {
    unsigned jobs = 1;  // points at once
};

enum class PointOutcome { ran, already_done, running_elsewhere };

// Called in this thread as each point ends (or is skipped); `result` is meaningful for `ran`.
using OnPoint = std::function<void(std::size_t index, PointOutcome outcome, const PointResult& result)>;

void run_points(const SweepPlan& plan, const std::string& dir, const std::vector<std::size_t>& indices,
                const PointRunOptions& opts, const RunPointFn& run_point, const OnPoint& on_point);

}  // namespace skipsim
