#pragma once
// `skipsim study`: which sparsity scheme wins on a network. Every family of the budget
// (study_budget.h) runs the network pruned with its own structure (study_pruning.h) at every
// density, on its platform scaled to the budget (study_scale.h); the rows are compared with the
// family's own dense run and with the budget's baseline family dense. The points run on the
// sweep's machinery (plan, point runner, executor), so a study is parallel and resumable like a
// sweep, and its directory is a sweep directory `skipsim sweep emit` can send to a cluster
// (`skipsim study collect DIR` then builds the tables).
#include <string>
#include <vector>

#include "point_runner.h"

namespace skipsim {

struct StudyOptions {
    std::vector<std::string> workloads;
    std::vector<double> densities = {1, 0.5, 0.25, 0.125};
    std::vector<std::string> families;  // empty: every family of the budget
    std::string budget;                 // empty: platforms/budget_1024.json of the source tree
    bool normalize_area = false;        // equal areas instead of equal peaks
    std::string out_dir, mode = "fast";
    unsigned jobs = 1;
    std::size_t batch = 0;  // fast-mode points per process; 0: chosen (point_runner.h)
    double timeout_s = 600;
    bool force = false, quiet = false;
    bool plan_only = false;  // write the plan and inputs, run nothing (for a cluster)
};

int study_command(const StudyOptions& opts, const RunPointFn& run_point);
// Tables, plots and the page from whatever points have finished; exit 2 naming the missing and
// failed points if there are any.
int study_collect_command(const std::string& dir, bool quiet);

// The budget a study uses when none is given.
std::string default_budget_file();

}  // namespace skipsim
