// `skipsim sweep`: many runs over varied parameters, here (N processes at a time) or, through a
// plan and job scripts, on a cluster: `sweep plan | run-point | collect | emit`.
#include <iostream>

#include "base/error.h"
#include "cli.h"
#include "run_cli.h"
#include "sweep_command.h"

namespace skipsim {
namespace {

constexpr const char* kSweepUsage =
    "--platform P --workload W [--workload W2 ...] --vary path=LIST [...] --out DIR [-j N]\n"
    "   or: skipsim sweep plan --platform P --workload W --vary path=LIST [...] --out DIR\n"
    "       skipsim sweep run-point DIR --index I [--count K] [-j N] [--batch B]\n"
    "       skipsim sweep collect DIR\n"
    "       skipsim sweep emit DIR --engine slurm|parallel [--chunk K] [--max-running M] [...]";

// `sweep` and `sweep plan` take the same options.
int plan_or_sweep(const std::string& command, const std::vector<std::string>& args, bool run_here) {
    SweepOptions o;
    bool no_html = false;
    std::int64_t batch = 0;
    po::options_description desc("sweep options");
    desc.add_options()
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("workload,w", po::value(&o.workloads)->required()->composing(), "workload file (repeat for several)")
        ("vary", po::value(&o.vary)->composing(), "path=v1,v2,... or path=start:end:step|+step|xfactor")
        ("zip", po::bool_switch(&o.zip), "pair the --vary lists instead of crossing them")
        ("out,o", po::value(&o.out_dir)->required(), "sweep directory (plan, sweep.csv, points/, plots/)")
        ("mode,m", po::value(&o.mode)->default_value("fast"), "fast or cycle")
        ("set,s", po::value(&o.overrides)->composing(), "a fixed override for every point")
        ("no-html", po::bool_switch(&no_html), "points write no report.html")
        ("timeout", po::value(&o.timeout_s)->default_value(600), "seconds a point may run before it is killed")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make")
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
    if (run_here)
        desc.add_options()("jobs,j", po::value(&o.jobs)->default_value(1), "processes at once")
            ("batch", po::value(&batch)->default_value(0), kBatchHelp);
    po::variables_map vm;
    if (!parse_command_line(command, run_here ? kSweepUsage : "--platform P --workload W [...] --vary path=LIST [...] --out DIR",
                            desc, args, vm))
        return 0;
    o.html = !no_html;
    if (o.mode != "fast" && o.mode != "cycle") throw UsageError("--mode: expected 'fast' or 'cycle', got " + name_text(o.mode));
    check_jobs(o.jobs);
    o.batch = checked_batch(batch);
    if (!(o.timeout_s > 0)) throw UsageError("--timeout: expected a positive number of seconds");
    return run_here ? sweep_command(o, run_sweep_points) : sweep_plan_command(o);
}

int run_point_cli(const std::vector<std::string>& args) {
    RunPointOptions o;
    std::int64_t batch = 0;
    po::options_description desc("sweep run-point options");
    desc.add_options()
        ("dir", po::value(&o.dir)->required(), "the sweep directory (positional)")
        ("index,i", po::value(&o.index)->required(), "the first point to run (0-based, a line of jobs.jsonl)")
        ("count,c", po::value(&o.count)->default_value(1), "points to run from --index on")
        ("jobs,j", po::value(&o.jobs)->default_value(1), "processes at once")
        ("batch", po::value(&batch)->default_value(0), kBatchHelp)
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (!parse_command_line("sweep run-point", "DIR --index I [--count K] [-j N] [--batch B]", desc, args, vm, &pos)) return 0;
    check_jobs(o.jobs);
    o.batch = checked_batch(batch);
    if (o.count < 1) throw UsageError("--count: expected 1 or more");
    return sweep_run_point_command(o, run_sweep_points);
}

int collect_cli(const std::vector<std::string>& args) {
    std::string dir;
    bool quiet = false;
    po::options_description desc("sweep collect options");
    desc.add_options()
        ("dir", po::value(&dir)->required(), "the sweep directory (positional)")
        ("quiet,q", po::bool_switch(&quiet), "print nothing but the missing and failed points");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (!parse_command_line("sweep collect", "DIR", desc, args, vm, &pos)) return 0;
    return sweep_collect_command(dir, quiet);
}

int emit_cli(const std::vector<std::string>& args) {
    EmitOptions o;
    std::int64_t batch = 0;
    std::string engine;
    bool quiet = false;
    std::string engines;
    for (const auto& n : SweepEngineRegistry::instance().names()) engines += (engines.empty() ? "" : " or ") + n;
    po::options_description desc("sweep emit options");
    desc.add_options()
        ("dir", po::value(&o.dir)->required(), "the sweep directory (positional)")
        ("engine,e", po::value(&engine)->required(), engines.c_str())
        ("chunk", po::value(&o.chunk)->default_value(0), "points per task (0: enough that at most 1000 tasks are made)")
        ("max-running", po::value(&o.max_running)->default_value(0), "tasks at once (0: the scheduler's choice)")
        ("jobs,j", po::value(&o.jobs)->default_value(1), "processes at once within a task (the CPUs it asks for)")
        ("batch", po::value(&batch)->default_value(0), kBatchHelp)
        ("partition", po::value(&o.partition), "slurm: the partition")
        ("account", po::value(&o.account), "slurm: the account")
        ("time", po::value(&o.time_limit), "slurm: each task's time limit (sbatch --time)")
        ("mem", po::value(&o.mem), "slurm: each task's memory (sbatch --mem)")
        ("sbatch-option", po::value(&o.sbatch_options)->composing(), "slurm: a further #SBATCH option, e.g. --qos=short")
        ("sshloginfile", po::value(&o.sshloginfile), "parallel: the machines to run on (they share DIR's file system)")
        ("quiet,q", po::bool_switch(&quiet), "print nothing but errors");
    po::positional_options_description pos;
    pos.add("dir", 1);
    po::variables_map vm;
    if (!parse_command_line("sweep emit", "DIR --engine slurm|parallel [options]", desc, args, vm, &pos)) return 0;
    check_jobs(o.jobs);
    o.batch = checked_batch(batch);
    for (const auto& v : {o.partition, o.account, o.time_limit, o.mem})
        if (v.find_first_of("\n\r") != std::string::npos) throw UsageError("a slurm option may not hold a line break");
    for (const auto& v : o.sbatch_options)
        if (v.rfind("--", 0) != 0 || v.find_first_of("\n\r") != std::string::npos)
            throw UsageError("--sbatch-option: expected one sbatch option such as --qos=short, got " + name_text(v));
    o.skipsim = self_executable();
    return sweep_emit_command(engine, o, quiet);
}

int sweep_cli(const std::vector<std::string>& args) {
    if (!args.empty()) {
        const std::string& first = args[0];
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (first == "plan") return plan_or_sweep("sweep plan", rest, false);
        if (first == "run-point") return run_point_cli(rest);
        if (first == "collect") return collect_cli(rest);
        if (first == "emit") return emit_cli(rest);
    }
    return plan_or_sweep("sweep", args, true);
}

const Registration<CommandInfo> sweep_registration{
    {"sweep", "run a workload over varied platform parameters (here, or planned for Slurm / GNU parallel)", sweep_cli}};

}  // namespace
}  // namespace skipsim
