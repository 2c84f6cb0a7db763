#pragma once
// Runs the points of a sweep. The sweep decides what each point runs and what its outcome means;
// an executor only decides where and when the points run (child processes of this one today;
// Slurm array tasks or GNU parallel jobs later), so nothing here knows about local processes.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace skipsim {

// One point: a whole `skipsim run` command line, which writes the point's run directory; the
// process's stderr goes to the log, whose last line is the run's error message if it fails.
struct PointJob {
    std::string id;                 // the point's stable id
    std::vector<std::string> argv;  // argv[0] is the skipsim binary
    std::string run_dir, log;
};

// How a point ended.
struct PointExit {
    bool timed_out = false;  // stopped after ExecutorOptions::timeout_s; status is meaningless
    int status = 0;          // the exit status, or 128 + the signal that ended it
};

struct ExecutorOptions {
    unsigned jobs = 1;       // points running at once (0 counts as 1)
    double timeout_s = 600;  // wall-clock limit per point
};

class SweepExecutor {
public:
    // index is the job's position in the list given to run().
    using OnFinished = std::function<void(std::size_t index, const PointExit& exit)>;

    virtual ~SweepExecutor() = default;
    // Runs every job and returns when all have finished. on_finished is called once per job, in
    // the caller's thread, as soon as the executor knows the job ended, so that a sweep killed
    // half-way has recorded every point that finished.
    virtual void run(const std::vector<PointJob>& jobs, const ExecutorOptions& opts,
                     const OnFinished& on_finished) = 0;
};

}  // namespace skipsim
