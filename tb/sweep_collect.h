#pragma once
// Collecting a sweep: DIR/sweep.csv and DIR/plots/ made from the plan and the points' records,
// whichever machines ran them, with the points still missing (never run, or running now) and
// those that failed named.
#include <cstddef>
#include <string>
#include <vector>

#include "sweep_plan.h"

namespace skipsim {

struct CollectSummary {
    std::size_t ok = 0;
    std::vector<std::size_t> missing, failed;  // plan indices
    bool bad_input = false;                    // some point failed with exit status 2
};

CollectSummary collect_sweep(const SweepPlan& plan, const std::string& dir);

}  // namespace skipsim
