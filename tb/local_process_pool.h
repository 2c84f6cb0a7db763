#pragma once
// The executor that runs points as child processes of this one, N at a time. A point over its
// time limit is killed; SIGINT, SIGTERM or SIGHUP stops every point in flight before the sweep
// exits (otherwise they would finish as orphans), and their staged run directories vanish with
// them.
#include "sweep_executor.h"

namespace skipsim {

class LocalProcessPool : public SweepExecutor {
public:
    void run(const std::vector<PointJob>& jobs, const ExecutorOptions& opts, const OnFinished& on_finished) override;
};

}  // namespace skipsim
