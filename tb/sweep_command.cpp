#include "sweep_command.h"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "base/error.h"
#include "progress.h"
#include "study_collect.h"
#include "sweep_collect.h"
#include "sweep_dir.h"
#include "sweep_plan.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// The files a sweep directory holds; `--force` replaces only these.
const std::vector<std::string> kSweepFiles = {"plan.json", "jobs.jsonl", "sweep.csv", "points", "plots", "slurm", "parallel"};

int exit_status(const CollectSummary& s) {
    if (s.bad_input) return 2;
    return s.failed.empty() ? 0 : 1;
}

}  // namespace

int sweep_command(const SweepOptions& o, const RunPointFn& run_point) {
    // Inputs shared by every point are checked once, before anything is written.
    const SweepPlan plan = make_plan(o);
    prepare_sweep_dir(o.out_dir, "sweep", kSweepFiles, o.force);
    const SweepLock lock(o.out_dir, true);
    write_plan(plan, o.out_dir);

    std::vector<std::size_t> all(plan.points.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::size_t skipped = 0, ran = 0, failed = 0;
    ProgressBar bar(!o.quiet);
    bar.update(0, all.size(), "");
    run_points(plan, o.out_dir, all, {o.jobs, o.batch}, run_point, [&](std::size_t i, PointOutcome out, const PointResult& r) {
        if (out != PointOutcome::ran) {
            ++skipped;
        } else {
            ++ran;
            if (r.status != "ok") {
                ++failed;
                if (!o.quiet) bar.message("point " + plan.points[i].id + " failed: " + r.message);
            }
        }
        bar.update(skipped + ran, all.size(), std::to_string(failed) + " failed");
    });
    bar.finish();
    const CollectSummary sum = collect_sweep(plan, o.out_dir);
    if (!o.quiet)
        std::cout << "sweep: " << plan.points.size() << " points (" << skipped << " already done, " << ran - failed
                  << " ran, " << failed << " failed); " << (fs::path(o.out_dir) / "sweep.csv").string() << ", "
                  << (fs::path(o.out_dir) / "plots").string() << "/\n";
    return exit_status(sum);
}

int sweep_plan_command(const SweepOptions& o) {
    const SweepPlan plan = make_plan(o);
    prepare_sweep_dir(o.out_dir, "sweep", kSweepFiles, o.force);
    const SweepLock lock(o.out_dir, true);
    write_plan(plan, o.out_dir);
    if (!o.quiet)
        std::cout << "planned " << plan.points.size() << " points in " << (fs::path(o.out_dir) / "jobs.jsonl").string()
                  << "\nrun them with `skipsim sweep run-point " << o.out_dir << " --index I --count K`, or emit a job script"
                  << " with `skipsim sweep emit " << o.out_dir << " --engine slurm|parallel`; then `skipsim sweep collect "
                  << o.out_dir << "`\n";
    return 0;
}

int sweep_run_point_command(const RunPointOptions& o, const RunPointFn& run_point) {
    check_sweep_dir(o.dir);
    const SweepPlan plan = read_plan(o.dir);
    if (o.index >= plan.points.size())
        throw InputError("--index", std::to_string(o.index),
                         "expected a point index from 0 to " + std::to_string(plan.points.size() - 1) + " (the plan has " +
                             std::to_string(plan.points.size()) + " points)");
    const SweepLock lock(o.dir, false);
    std::vector<std::size_t> indices;
    for (std::size_t i = o.index; i < plan.points.size() && i - o.index < o.count; ++i) indices.push_back(i);
    bool bad_input = false, crashed = false;
    run_points(plan, o.dir, indices, {o.jobs, o.batch}, run_point, [&](std::size_t i, PointOutcome out, const PointResult& r) {
        const std::string head = "point " + std::to_string(i) + " " + plan.points[i].id + ": ";
        if (out == PointOutcome::already_done) {
            if (!o.quiet) std::cout << head << "already done\n";
        } else if (out == PointOutcome::running_elsewhere) {
            if (!o.quiet) std::cout << head << "another worker is running it\n";
        } else if (r.status == "ok") {
            if (!o.quiet) std::cout << head << "ok\n";
        } else {
            (r.exit_status == 2 ? bad_input : crashed) = true;
            std::cerr << head << "failed: " << r.message << "\n";
        }
        std::cout.flush();
    });
    return bad_input ? 2 : crashed ? 1 : 0;
}

int sweep_collect_command(const std::string& dir, bool quiet) {
    check_sweep_dir(dir);
    const SweepPlan plan = read_plan(dir);
    const SweepLock lock(dir, false);
    // A study's points run as a sweep's (a cluster's job script collects with this command); its
    // tables are the study's.
    if (fs::exists(fs::path(dir) / "study-plan.json")) return collect_study(dir, quiet);
    const CollectSummary sum = collect_sweep(plan, dir);
    if (!quiet)
        std::cout << "collected " << plan.points.size() << " points: " << sum.ok << " ok, " << sum.failed.size()
                  << " failed, " << sum.missing.size() << " missing; " << (fs::path(dir) / "sweep.csv").string() << ", "
                  << (fs::path(dir) / "plots").string() << "/\n";
    constexpr std::size_t kListed = 20;
    for (std::size_t k = 0; k < sum.failed.size() && k < kListed; ++k) {
        const auto& p = plan.points[sum.failed[k]];
        const auto st = read_point_state(point_state_file(dir, p));
        std::cerr << "failed: point " << sum.failed[k] << " " << p.id << ": " << (st ? st->message : "") << "\n";
    }
    if (sum.failed.size() > kListed) std::cerr << "failed: ... and " << sum.failed.size() - kListed << " more\n";
    for (std::size_t k = 0; k < sum.missing.size() && k < kListed; ++k)
        std::cerr << "missing: point " << sum.missing[k] << " " << plan.points[sum.missing[k]].id << "\n";
    if (sum.missing.size() > kListed) std::cerr << "missing: ... and " << sum.missing.size() - kListed << " more\n";
    return sum.missing.empty() && sum.failed.empty() ? 0 : 2;
}

int sweep_emit_command(const std::string& engine_name, EmitOptions o, bool quiet) {
    const SweepEngine* engine = SweepEngineRegistry::instance().find(engine_name);
    if (!engine) {
        const auto names = SweepEngineRegistry::instance().names();
        const std::string hint = did_you_mean(engine_name, names);
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw InputError("--engine", engine_name, "expected one of " + list + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    check_sweep_dir(o.dir);
    const SweepPlan plan = read_plan(o.dir);
    if (plan.points.empty()) throw InputError((fs::path(o.dir) / "plan.json").string(), "/points", "expected at least one point");
    if (!o.sshloginfile.empty() && !fs::is_regular_file(o.sshloginfile))
        throw InputError("--sshloginfile", o.sshloginfile, "expected a file of GNU parallel sshlogins, one per line");
    o.dir = fs::absolute(o.dir).lexically_normal().string();
    if (o.dir.size() > 1 && o.dir.back() == '/') o.dir.pop_back();
    if (!o.sshloginfile.empty()) o.sshloginfile = fs::absolute(o.sshloginfile).lexically_normal().string();
    o.points = plan.points.size();
    if (o.chunk == 0) o.chunk = std::max<std::size_t>(1, (o.points + 999) / 1000);
    const std::string start = engine->emit(o);
    if (!quiet)
        std::cout << "sweep of " << o.points << " points in chunks of " << o.chunk << " for " << engine_name
                  << "; start it with:\n  " << start << "\nthen `skipsim sweep collect " << o.dir
                  << "` names what is missing or failed (the job script runs it too)\n";
    return 0;
}

}  // namespace skipsim
