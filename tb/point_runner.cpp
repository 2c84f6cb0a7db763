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
#include <set>

#include "base/error.h"
#include "base/json_source.h"
#include "local_process_pool.h"
#include "platform_spec.h"
#include "provenance.h"
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

std::string argument(const std::vector<std::string>& args, const char* long_name, const char* short_name) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == long_name || args[i] == short_name) return args[i + 1];
    return "";
}

// The record is written whole even if a stop signal arrives meanwhile.
void write_state_whole(const std::string& file, const PointResult& r) {
    sigset_t stops, old;
    sigemptyset(&stops);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stops, sig);
    sigprocmask(SIG_BLOCK, &stops, &old);
    write_point_state(file, r);
    sigprocmask(SIG_SETMASK, &old, nullptr);
}

std::string workload_argument(const std::vector<std::string>& args) { return argument(args, "--workload", "-w"); }

// The platform and energy table parsed and every input file's sha256 computed here, once, so
// that the forked points find them kept instead of each reading, parsing and hashing the same
// files (and starting the crypto library) again.
void read_inputs_once(const SweepPlan& plan, const std::vector<std::size_t>& indices,
                      const std::map<std::string, std::unique_ptr<Network>>& loaded) {
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i : indices) {
        const auto& args = plan.points.at(i).run_args;
        const std::string platform = argument(args, "--platform", "-p"), workload = workload_argument(args);
        const auto net = loaded.find(workload);
        if (platform.empty() || net == loaded.end() || !net->second || !seen.insert({platform, workload}).second) continue;
        try {
            keep_json_file(platform);
            const PlatformSpec spec = load_platform(platform, {});
            keep_json_file(spec.energy_table);
            run_inputs(spec, *net->second);
        } catch (const std::exception&) {
            // Left to the points, which report it.
        }
    }
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

    read_inputs_once(plan, indices, loaded);

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
        // A point that succeeds writes its own record from the totals it has in memory (the
        // sweep would otherwise read its whole report.json back); a failed one is recorded here.
        job.body = [&run_point, args, net, state] {
            PointResult r;
            const int status = run_point(args, net, &r.totals);
            if (status == 0) write_state_whole(state, r);
            return status;
        };
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
        // A point records its own success (the claim removed any older record before it ran), even
        // if a signal or the time limit ended it a moment later.
        if (auto recorded = read_point_state(point_state_file(dir, plan.points[index])); recorded && recorded->status == "ok") {
            claims[k].reset();
            on_point(index, PointOutcome::ran, *recorded);
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
        write_state_whole(point_state_file(dir, plan.points[index]), r);
        claims[k].reset();
        on_point(index, PointOutcome::ran, r);
    });
}

}  // namespace skipsim
