#pragma once
// Runs some points of a planned sweep in the sweep directory: the work of `skipsim sweep` on this
// machine and of every `skipsim sweep run-point` worker a cluster starts. A point already done
// (it has an ok record) is skipped, so a worker may be rerun or resubmitted at will: nothing done
// is lost or computed again. A point another worker is running now is skipped too (each point's
// log is locked while it runs). Each workload is loaded once, before the points fork.
// Fast-mode points run in batches, one process elaborating several points' platforms side by side
// (run_batch.h): a process's cost is paid once per batch, and each point still writes the reports
// its own run would. A point that fails in a batch runs again alone, for its own message and log.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "point_result.h"
#include "sweep_plan.h"
#include "workloads/ir.h"

namespace skipsim {

// One point given to a process: `skipsim run` with these arguments; `preloaded`, when given, is the
// workload they name, already loaded.
struct PointCall {
    const std::vector<std::string>* run_args = nullptr;
    const Network* preloaded = nullptr;
    // Called with the run's totals as soon as its run directory is in place.
    std::function<void(const LayerResult& totals)> succeeded;
    int status = 1;  // set by the runner: the point's exit status
};

// Runs the points in this process (a forked one), one by one or side by side, and sets each
// one's status.
using RunPointFn = std::function<void(std::vector<PointCall>& calls)>;

struct PointRunOptions {
    unsigned jobs = 1;  // processes at once
    // Fast-mode points one process runs side by side (--batch); 0: as many as keep every process
    // busy to the end, at most 16.
    std::size_t batch = 0;
};

enum class PointOutcome { ran, already_done, running_elsewhere };

// Called in this thread as each point ends (or is skipped); `result` is meaningful for `ran`.
using OnPoint = std::function<void(std::size_t index, PointOutcome outcome, const PointResult& result)>;

void run_points(const SweepPlan& plan, const std::string& dir, const std::vector<std::size_t>& indices,
                const PointRunOptions& opts, const RunPointFn& run_point, const OnPoint& on_point);

}  // namespace skipsim
