#pragma once
// The executor that runs points as child processes of this one, N at a time: each is forked
// from this process (which has loaded the inputs once, but elaborated nothing) and calls its
// body, so a point pays neither exec nor SystemC's start-up again. A point over its
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
