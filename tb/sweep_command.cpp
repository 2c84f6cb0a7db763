#include "sweep_command.h"

#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/error.h"
#include "base/kind_info.h"
#include "local_process_pool.h"
#include "owned_dir.h"
#include "platform_spec.h"
#include "point_result.h"
#include "run_dir.h"
#include "progress.h"
#include "sweep_plots.h"
#include "sweep_table.h"
#include "workloads/loader.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

PointJob point_job(const SweepOptions& o, const std::string& self_exe, const std::vector<VariedParam>& vary,
                   const SweepPoint& p) {
    PointJob job;
    job.id = p.id;
    job.run_dir = (fs::path(o.out_dir) / "points" / p.id).string();
    job.log = job.run_dir + ".log";
    job.argv = {self_exe, "run", "--quiet", "--platform", o.platform, "--workload", p.workload,
                "--mode", o.mode, "--out", job.run_dir};
    for (const auto& s : o.overrides) job.argv.insert(job.argv.end(), {"--set", s});
    for (std::size_t i = 0; i < vary.size(); ++i)
        job.argv.insert(job.argv.end(), {"--set", vary[i].path + "=" + p.values[i]});
    return job;
}

// One sweep at a time in a directory: a second would rerun the same points and remove the first
// one's staging directories. Held until the sweep ends (the kernel drops it if it is killed).
class SweepLock {
public:
    explicit SweepLock(const std::string& dir) {
        const std::string path = (fs::path(dir) / ".skipsim-lock").string();
        m_fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
        if (m_fd < 0) throw InputError(dir, "", "cannot lock the sweep directory (" + std::string(std::strerror(errno)) + ")");
        if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(m_fd);
            throw InputError("--out", dir, "expected a sweep directory no other sweep is writing; one is running in it now");
        }
    }
    ~SweepLock() { ::close(m_fd); }
    SweepLock(const SweepLock&) = delete;
    SweepLock& operator=(const SweepLock&) = delete;

private:
    int m_fd = -1;
};

// A varied path must name a parameter of the platform before any point runs: a typo would
// otherwise fail every point.
void check_vary_path(const PlatformSpec& spec, const VariedParam& v) {
    const std::string src = "--vary " + v.path;
    const auto dot = v.path.find('.');
    if (dot == std::string::npos) {
        if (v.path == "clock_ghz" || v.path == "energy_table") return;
        throw InputError(src, "", "expected component.param, clock_ghz or energy_table, got " + name_text(v.path));
    }
    const std::string comp = v.path.substr(0, dot), param = v.path.substr(dot + 1);
    const ComponentSpec* c = spec.find(comp);
    if (!c) {
        std::vector<std::string> names;
        for (const auto& cs : spec.components) names.push_back(cs.name);
        const std::string hint = did_you_mean(comp, names);
        throw InputError(src, "", "no component named '" + comp + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    std::vector<std::string> params;
    for (const auto& p : KindRegistry::instance().find(c->kind)->params) params.push_back(p.name);
    if (std::find(params.begin(), params.end(), param) == params.end()) {
        const std::string hint = did_you_mean(param, params);
        throw InputError(src, "", "'" + comp + "' (" + c->kind + ") has no parameter '" + param + "'" +
                                      (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                      "; `skipsim describe " + c->kind + "` lists them");
    }
}

}  // namespace

int sweep_command(const SweepOptions& o, const std::string& self_exe) {
    // Inputs shared by every point are checked once, before anything runs.
    const PlatformSpec spec = load_platform(o.platform, o.overrides);
    LoadOptions lo;
    for (const auto& w : o.workloads) load_workload(w, lo);
    std::vector<VariedParam> vary;
    std::vector<std::string> params;
    for (const auto& v : o.vary) {
        vary.push_back(parse_vary(v));
        check_vary_path(spec, vary.back());
        params.push_back(vary.back().path);
    }
    const auto points = sweep_points(o.workloads, vary, o.zip);

    // A sweep directory is resumed only when a sweep made it; nothing of the user's is replaced.
    const OwnedDirState existing = check_output_dir(o.out_dir, "sweep", o.force, "--out");
    std::error_code ec;
    fs::create_directories(fs::path(o.out_dir) / "points", ec);
    if (ec) throw InputError(o.out_dir, "", "cannot create the sweep directory (" + ec.message() + ")");
    if (!existing.marked) write_owned_mark(o.out_dir, "sweep", {"sweep.csv", "points", "plots"});
    const SweepLock lock(o.out_dir);
    // What a sweep killed outright left behind: its points' staging directories, a half-saved table.
    remove_stale_staging_in((fs::path(o.out_dir) / "points").string());
    fs::remove(fs::path(o.out_dir) / "sweep.csv.partial", ec);
    SweepTable table((fs::path(o.out_dir) / "sweep.csv").string(), params);
    table.load();

    std::vector<const SweepPoint*> todo;
    std::vector<PointJob> jobs;
    for (const auto& p : points)
        if (!table.done(p)) {
            todo.push_back(&p);
            jobs.push_back(point_job(o, self_exe, vary, p));
        }
    const std::size_t skipped = points.size() - todo.size();
    std::size_t finished = 0, failed = 0;
    bool bad_input = false, crashed = false;
    ProgressBar bar(!o.quiet);

    auto record = [&](std::size_t j, const PointExit& e) {
        PointResult r;
        if (e.timed_out) {
            r.status = "failed";
            r.message = "timed out after " + std::to_string(static_cast<long>(o.timeout_s)) + " s";
            crashed = true;
            remove_stale_staging(jobs[j].run_dir);
        } else {
            r = read_result(jobs[j].run_dir, e.status, jobs[j].log);
            if (e.status > 128) remove_stale_staging(jobs[j].run_dir);  // ended by a signal
            if (e.status == 2) bad_input = true;
            else if (e.status != 0) crashed = true;
        }
        table.record(*todo[j], r);
        ++finished;
        if (r.status != "ok") {
            ++failed;
            if (!o.quiet) bar.message("point " + todo[j]->id + " failed: " + r.message);
        }
        bar.update(finished, todo.size(), std::to_string(failed) + " failed");
    };
    bar.update(0, todo.size(), "");
    LocalProcessPool executor;
    executor.run(jobs, {o.jobs, o.timeout_s}, record);
    bar.finish();
    table.save();
    write_sweep_plots(table, (fs::path(o.out_dir) / "plots").string());
    if (!o.quiet)
        std::cout << "sweep: " << points.size() << " points (" << skipped << " already done, " << finished - failed
                  << " ran, " << failed << " failed); " << (fs::path(o.out_dir) / "sweep.csv").string() << ", "
                  << (fs::path(o.out_dir) / "plots").string() << "/\n";
    return bad_input ? 2 : crashed ? 1 : 0;
}

}  // namespace skipsim
