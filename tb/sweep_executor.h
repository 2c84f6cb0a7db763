#pragma once
// Runs the points of a sweep on this machine. The sweep decides what each point runs and what its
// outcome means; an executor only decides where and when the points run. (On a cluster, Slurm or
// GNU parallel start `skipsim sweep run-point` workers, each of which runs its points through an
// executor: sweep_engine.h.)
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace skipsim {

// One job: one point, or a batch of points, run in a process of its own (SystemC elaborates once
// per process), which writes each point's run directory. The body sends its stderr to the log of
// the point it runs (the log's last line is the run's error message if it fails).
struct PointJob {
    std::string id;             // the (first) point's stable id
    std::function<int()> body;  // the run, called in the job's process; returns its exit status
    // Called in this process just before the job starts; false skips it (another worker has its
    // points, or they are done). Unset: the job always runs.
    std::function<bool()> claim;
    std::size_t points = 1;  // in the job: its time limit is ExecutorOptions::timeout_s for each
};

// How a point ended.
struct PointExit {
    bool skipped = false;    // its claim() said no: it did not run
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
