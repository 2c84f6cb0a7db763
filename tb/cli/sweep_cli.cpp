// `skipsim sweep`: many runs over varied parameters, N processes at a time.
#include "cli.h"
#include "sweep_command.h"

namespace skipsim {
namespace {

int sweep_cli(const std::vector<std::string>& args) {
    SweepOptions o;
    po::options_description desc("sweep options");
    desc.add_options()
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("workload,w", po::value(&o.workloads)->required()->composing(), "workload file (repeat for several)")
        ("vary", po::value(&o.vary)->composing(), "path=v1,v2,... or path=start:end:step|+step|xfactor")
        ("zip", po::bool_switch(&o.zip), "pair the --vary lists instead of crossing them")
        ("jobs,j", po::value(&o.jobs)->default_value(1), "points run at once")
        ("out,o", po::value(&o.out_dir)->required(), "sweep directory (sweep.csv, points/, plots/)")
        ("mode,m", po::value(&o.mode)->default_value("fast"), "fast or cycle")
        ("set,s", po::value(&o.overrides)->composing(), "a fixed override for every point")
        ("timeout", po::value(&o.timeout_s)->default_value(600), "seconds a point may run before it is killed")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make")
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
    po::variables_map vm;
    if (!parse_command_line("sweep", "--platform P --workload W [--workload W2 ...] --vary path=LIST [...] --out DIR",
                            desc, args, vm))
        return 0;
    if (o.mode != "fast" && o.mode != "cycle") throw UsageError("--mode: expected 'fast' or 'cycle', got " + name_text(o.mode));
    if (o.jobs < 1 || o.jobs > 256) throw UsageError("--jobs: expected 1 to 256");
    if (!(o.timeout_s > 0)) throw UsageError("--timeout: expected a positive number of seconds");
    return sweep_command(o, self_executable());
}

const Registration<CommandInfo> reg{{"sweep", "run a workload over varied platform parameters", sweep_cli}};

}  // namespace
}  // namespace skipsim
