#include "sweep_collect.h"

#include <filesystem>

#include "point_result.h"
#include "sweep_plots.h"
#include "sweep_table.h"

namespace skipsim {

namespace fs = std::filesystem;

CollectSummary collect_sweep(const SweepPlan& plan, const std::string& dir) {
    CollectSummary sum;
    SweepTable table((fs::path(dir) / "sweep.csv").string(), plan.params);
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        const PlannedPoint& p = plan.points[i];
        const auto state = read_point_state(point_state_file(dir, p));
        table.record(p.workload, p.values, state ? &*state : nullptr);
        if (!state) sum.missing.push_back(i);
        else if (state->status != "ok") {
            sum.failed.push_back(i);
            if (state->exit_status == 2) sum.bad_input = true;
        } else {
            ++sum.ok;
        }
    }
    table.save();
    write_sweep_plots(table, (fs::path(dir) / "plots").string());
    return sum;
}

}  // namespace skipsim
