#include "point_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>

#include "base/error.h"
#include "local_process_pool.h"
#include "run_dir.h"
#include "workloads/loader.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// A point's claim: its log, opened and locked (flock, which NFS clients honour too) for as long
// as the point runs, so that two workers never run one point at once.
class PointClaim {
public:
    explicit PointClaim(const std::string& log) {
        m_fd = ::open(log.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
        if (m_fd < 0) throw InputError(log, "", "cannot write the point's log (" + std::string(std::strerror(errno)) + ")");
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~PointClaim() {
        if (m_fd >= 0) ::close(m_fd);
    }
    PointClaim(const PointClaim&) = delete;
    PointClaim& operator=(const PointClaim&) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

std::string workload_argument(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--workload" || args[i] == "-w") return args[i + 1];
    return "";
}

}  // namespace

void run_points(const SweepPlan& plan, const std::string& dir, const std::vector<std::size_t>& indices,
                const PointRunOptions& opts, const RunPointFn& run_point, const OnPoint& on_point) {
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "points", ec);
    if (ec) throw InputError(dir, "", "cannot create points/ in the sweep directory (" + ec.message() + ")");

    // Each workload once, for every point of this worker to share (forked points see it as is).
    // One that no longer loads is left to its points, which then fail with the loader's message.
    std::map<std::string, std::unique_ptr<Network>> loaded;
    for (std::size_t i : indices) {
        const std::string w = workload_argument(plan.points.at(i).run_args);
        if (w.empty() || loaded.count(w)) continue;
        try {
            loaded[w] = std::make_unique<Network>(load_workload(w, LoadOptions{}));
        } catch (const std::exception&) {
            loaded[w] = nullptr;
        }
    }

    std::vector<PointJob> jobs;
    std::vector<std::unique_ptr<PointClaim>> claims(indices.size());
    std::vector<bool> was_done(indices.size(), false);
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const PlannedPoint& p = plan.points.at(indices[k]);
        PointJob job;
        job.id = p.id;
        job.run_dir = point_run_dir(dir, p);
        job.log = point_log(dir, p);
        const std::string state = point_state_file(dir, p);
        job.claim = [&, k, state, log = job.log, run_dir = job.run_dir] {
            const auto done = read_point_state(state);
            if (done && done->status == "ok") {
                was_done[k] = true;
                return false;
            }
            claims[k] = std::make_unique<PointClaim>(log);
            if (!claims[k]->held()) return false;
            // Claimed: what a killed run of this point left is stale now.
            if (const auto again = read_point_state(state); again && again->status == "ok") {
                was_done[k] = true;
                claims[k].reset();
                return false;
            }
            remove_stale_staging(run_dir);
            std::error_code ignored;
            fs::remove(state, ignored);
            return true;
        };
        std::vector<std::string> args = p.run_args;
        args.insert(args.end(), {"--quiet", "--out", job.run_dir});
        const auto found = loaded.find(workload_argument(p.run_args));
        const Network* net = found == loaded.end() ? nullptr : found->second.get();
        job.body = [&run_point, args, net] { return run_point(args, net); };
        jobs.push_back(std::move(job));
    }

    LocalProcessPool pool;
    pool.run(jobs, {opts.jobs, plan.timeout_s}, [&](std::size_t k, const PointExit& e) {
        const std::size_t index = indices[k];
        if (e.skipped) {
            on_point(index, was_done[k] ? PointOutcome::already_done : PointOutcome::running_elsewhere, PointResult{});
            claims[k].reset();
            return;
        }
        PointResult r;
        if (e.timed_out) {
            r.status = "failed";
            r.exit_status = 1;
            r.message = "timed out after " + std::to_string(static_cast<long>(plan.timeout_s)) + " s";
            remove_stale_staging(jobs[k].run_dir);
        } else {
            r = read_result(jobs[k].run_dir, e.status, jobs[k].log);
            if (e.status > 128) remove_stale_staging(jobs[k].run_dir);  // ended by a signal
        }
        // The record is written whole even if a stop signal arrives meanwhile.
        sigset_t stops, old;
        sigemptyset(&stops);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stops, sig);
        sigprocmask(SIG_BLOCK, &stops, &old);
        write_point_state(point_state_file(dir, plan.points[index]), r);
        sigprocmask(SIG_SETMASK, &old, nullptr);
        claims[k].reset();
        on_point(index, PointOutcome::ran, r);
    });
}

}  // namespace skipsim
