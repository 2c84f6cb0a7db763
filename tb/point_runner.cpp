#include "point_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "base/energy.h"
#include "base/error.h"
#include "base/json_source.h"
#include "base/kind_info.h"
#include "base/strict_object.h"
#include "local_process_pool.h"
#include "platform_spec.h"
#include "provenance.h"
#include "resource_limits.h"
#include "run_dir.h"
#include "run_memory.h"
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

// The platform and energy table parsed (the table checked too) and every input file's sha256
// computed here, once, so that the forked points find them kept instead of each reading, parsing
// and hashing the same files (and starting the crypto library) again. Returns the platform files
// with a component that runs processes of its own in fast mode (KindInfo::fast_mode_processes).
std::set<std::string> read_inputs_once(const SweepPlan& plan, const std::vector<std::size_t>& indices,
                                       const std::map<std::string, std::unique_ptr<Network>>& loaded) {
    std::set<std::string> with_processes;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i : indices) {
        const auto& args = plan.points.at(i).run_args;
        const std::string platform = argument(args, "--platform", "-p"), workload = workload_argument(args);
        const auto net = loaded.find(workload);
        if (platform.empty() || net == loaded.end() || !net->second || !seen.insert({platform, workload}).second) continue;
        try {
            keep_json_file(platform);
            const PlatformSpec spec = load_platform(platform, {});
            for (const auto& c : spec.components)
                if (const KindInfo* kind = KindRegistry::instance().find(c.kind); kind && kind->fast_mode_processes)
                    with_processes.insert(platform);
            keep_json_file(spec.energy_table);
            EnergyTable::load(spec.energy_table);  // kept parsed
            run_inputs(spec, *net->second);
        } catch (const std::exception&) {
            // Left to the points, which report it.
        }
    }
    return with_processes;
}

// Whether a point runs in cycle mode.
bool cycle_mode(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i)
        if (args[i] == "--mode=cycle" || ((args[i] == "--mode" || args[i] == "-m") && i + 1 < args.size() && args[i + 1] == "cycle"))
            return true;
    return false;
}

// The worker's points in batches of consecutive fast-mode points, each batch to run in one
// process. Unless the user chose the size, a batch is small enough that each of the `jobs`
// processes gets several (the last batches leave none idle), and holds at most kMaxBatch points
// (on the 10,000-point benchmark 32 were no faster and 64 slower: a batch's heap grows page by
// page). Every batch holds at most kBatchBytes of what its runs keep side by side (their
// keep-masks), so that its memory and the work lost when one is stopped stay small. A point runs
// alone when `alone(k)`: in cycle mode (its grid state is large), or on a platform that runs
// processes of its own.
constexpr std::size_t kMaxBatch = 16;
constexpr std::uint64_t kBatchBytes = std::uint64_t(256) << 20;

std::vector<std::vector<std::size_t>> batch_points(const std::vector<std::size_t>& indices,
                                                   const std::vector<const Network*>& nets,
                                                   const std::function<bool(std::size_t)>& alone,
                                                   const PointRunOptions& opts) {
    const std::size_t per_process = 4 * std::max(1u, opts.jobs);
    const std::size_t size = opts.batch ? opts.batch
                                        : std::clamp<std::size_t>((indices.size() + per_process - 1) / per_process, 1, kMaxBatch);
    std::vector<std::vector<std::size_t>> batches;
    std::uint64_t bytes = 0;
    bool open = false;  // the last batch takes more points
    for (std::size_t k = 0; k < indices.size(); ++k) {
        const bool by_itself = alone(k);
        const std::uint64_t b = nets[k] ? held_bytes(*nets[k]) : 0;
        if (!open || by_itself || batches.back().size() >= size || bytes + b > kBatchBytes) {
            batches.emplace_back();
            bytes = 0;
        }
        batches.back().push_back(k);
        bytes += b;
        open = !by_itself;
    }
    return batches;
}

// In a job's process: each point's log starts empty (what a former run wrote there is stale), and
// stderr becomes the first one's (a batch's points print nothing unless one runs alone).
void start_logs(const std::vector<std::string>& logs) {
    for (std::size_t i = 0; i < logs.size(); ++i) {
        const int fd = ::open(logs[i].c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) continue;
        if (i == 0) ::dup2(fd, STDERR_FILENO);
        ::close(fd);
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

    const std::set<std::string> with_processes = read_inputs_once(plan, indices, loaded);

    const std::size_t n = indices.size();
    std::vector<std::unique_ptr<PointClaim>> claims(n);
    std::vector<bool> was_done(n, false);
    std::vector<std::vector<std::string>> run_args(n);
    std::vector<const Network*> nets(n, nullptr);
    for (std::size_t k = 0; k < n; ++k) {
        const PlannedPoint& p = plan.points.at(indices[k]);
        run_args[k] = p.run_args;
        run_args[k].insert(run_args[k].end(), {"--quiet", "--out", point_run_dir(dir, p)});
        const auto found = loaded.find(workload_argument(p.run_args));
        nets[k] = found == loaded.end() ? nullptr : found->second.get();
    }
    const auto point = [&](std::size_t k) -> const PlannedPoint& { return plan.points.at(indices[k]); };
    // Takes point k for this worker: false if it is done or another worker has it. Once claimed,
    // what a killed run of it left is stale.
    const auto claim = [&](std::size_t k) {
        const std::string state = point_state_file(dir, point(k));
        const auto done = read_point_state(state);
        if (done && done->status == "ok") {
            was_done[k] = true;
            return false;
        }
        claims[k] = std::make_unique<PointClaim>(point_log(dir, point(k)));
        if (!claims[k]->held()) return false;
        if (const auto again = read_point_state(state); again && again->status == "ok") {
            was_done[k] = true;
            claims[k].reset();
            return false;
        }
        remove_stale_staging(point_run_dir(dir, point(k)));
        std::error_code ignored;
        fs::remove(state, ignored);
        return true;
    };
    // A point that succeeds writes its own record from the totals it has in memory (the sweep
    // would otherwise read its whole report.json back); a failed one is recorded by the sweep.
    const auto call_of = [&](std::size_t k) {
        PointCall c;
        c.run_args = &run_args[k];
        c.preloaded = nets[k];
        c.succeeded = [state = point_state_file(dir, point(k))](const LayerResult& totals) {
            PointResult r;
            r.totals = totals;
            write_state_whole(state, r);
        };
        return c;
    };
    const auto skipped = [&](std::size_t k) {
        on_point(indices[k], was_done[k] ? PointOutcome::already_done : PointOutcome::running_elsewhere, PointResult{});
        claims[k].reset();
    };
    // A point that recorded its own success (the claim removed any older record before it ran) is
    // reported as run, even if a signal or the time limit ended its process a moment later.
    const auto report_if_recorded = [&](std::size_t k) {
        const auto r = read_point_state(point_state_file(dir, point(k)));
        if (!r || r->status != "ok") return false;
        claims[k].reset();
        on_point(indices[k], PointOutcome::ran, *r);
        return true;
    };
    // In a job's process: runs points `ks`, one alone or several side by side, and returns the
    // first failed point's exit status (0 when all succeeded).
    const auto run_here = [&](const std::vector<std::size_t>& ks) {
        std::vector<std::string> logs;
        std::vector<PointCall> calls;
        for (std::size_t k : ks) {
            logs.push_back(point_log(dir, point(k)));
            calls.push_back(call_of(k));
        }
        prepare_point_memory(calls.size());
        start_logs(logs);
        run_point(calls);
        for (const PointCall& c : calls)
            if (c.status != 0) return c.status;
        return 0;
    };

    // First pass: points in batches, each batch one process. A batch of one is a run of its own;
    // a point of a larger batch that did not succeed runs again on its own in the second pass.
    const std::vector<std::vector<std::size_t>> batches = batch_points(indices, nets, [&](std::size_t k) {
        return cycle_mode(run_args[k]) || with_processes.count(argument(run_args[k], "--platform", "-p")) > 0;
    }, opts);
    std::vector<std::vector<std::size_t>> claimed(batches.size());
    std::vector<std::size_t> again;
    std::vector<PointJob> jobs;
    for (std::size_t b = 0; b < batches.size(); ++b) {
        PointJob job;
        job.id = point(batches[b].front()).id;
        job.points = batches[b].size();
        job.claim = [&, b] {
            for (std::size_t k : batches[b])
                if (claim(k)) claimed[b].push_back(k);
                else skipped(k);
            return !claimed[b].empty();
        };
        job.body = [&, b] { return run_here(claimed[b]); };
        jobs.push_back(std::move(job));
    }
    const auto finished_alone = [&](std::size_t k, const PointExit& e) {
        if (report_if_recorded(k)) return;
        const std::string run_dir = point_run_dir(dir, point(k));
        PointResult r;
        if (e.timed_out) {
            r.status = "failed";
            r.exit_status = 1;
            r.message = "timed out after " + format_number(plan.timeout_s) + " s";
            remove_stale_staging(run_dir);
        } else {
            r = read_result(run_dir, e.status, point_log(dir, point(k)));
            if (e.status > 128) remove_stale_staging(run_dir);  // ended by a signal
        }
        write_state_whole(point_state_file(dir, point(k)), r);
        claims[k].reset();
        on_point(indices[k], PointOutcome::ran, r);
    };
    LocalProcessPool pool;
    const ExecutorOptions exec{opts.jobs, plan.timeout_s};
    pool.run(jobs, exec, [&](std::size_t b, const PointExit& e) {
        if (e.skipped) return;  // each point was reported when its claim said no
        if (claimed[b].size() == 1) return finished_alone(claimed[b].front(), e);
        for (std::size_t k : claimed[b])
            if (!report_if_recorded(k)) again.push_back(k);
    });

    // Second pass: the points a batch left unfinished, each alone, still claimed by this worker.
    std::vector<PointJob> alone;
    for (std::size_t k : again) {
        PointJob job;
        job.id = point(k).id;
        job.claim = [&, k] {
            remove_stale_staging(point_run_dir(dir, point(k)));
            return true;
        };
        job.body = [&, k] { return run_here({k}); };
        alone.push_back(std::move(job));
    }
    pool.run(alone, exec, [&](std::size_t j, const PointExit& e) { finished_alone(again[j], e); });
}

}  // namespace skipsim
