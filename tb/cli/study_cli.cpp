// `skipsim study`: the families of a budget head to head on one network, each pruned with its own
// structure at each density, on platforms scaled to the same peak; `study collect DIR` rebuilds
// the tables from whatever points have finished (after a cluster ran them).
#include <sstream>

#include "base/error.h"
#include "cli.h"
#include "run_cli.h"
#include "study_command.h"

namespace skipsim {
namespace {

std::vector<std::string> comma_list(const std::string& text) {
    std::vector<std::string> v;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) v.push_back(item);
    return v;
}

std::vector<double> density_list(const std::string& text) {
    std::vector<double> v;
    for (const auto& item : comma_list(text)) {
        std::size_t used = 0;
        double d = 0;
        try {
            d = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || !(d > 0 && d <= 1))
            throw UsageError("--density: expected weight densities in (0, 1] separated by commas, got " + name_text(item));
        v.push_back(d);
    }
    if (v.empty()) throw UsageError("--density: expected at least one density");
    return v;
}

int study_cli(const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "collect") {
        std::string dir;
        bool quiet = false;
        po::options_description desc("study collect options");
        desc.add_options()
            ("dir", po::value(&dir)->required(), "the study directory (positional)")
            ("quiet,q", po::bool_switch(&quiet), "print nothing but the missing and failed points");
        po::positional_options_description pos;
        pos.add("dir", 1);
        po::variables_map vm;
        if (!parse_command_line("study collect", "DIR", desc, std::vector<std::string>(args.begin() + 1, args.end()), vm, &pos))
            return 0;
        return study_collect_command(dir, quiet);
    }
    StudyOptions o;
    std::string densities = "1,0.5,0.25,0.125", families, normalize = "peak";
    std::int64_t batch = 0;
    const std::string budget_help = "budget file (default " + default_budget_file() + ")";
    po::options_description desc("study options");
    desc.add_options()
        ("workload,w", po::value(&o.workloads)->required()->composing(), "workload file (repeat for several networks)")
        ("density,d", po::value(&densities)->default_value(densities), "target weight densities, comma-separated")
        ("families,f", po::value(&families), "families of the budget to compare, comma-separated (default: all)")
        ("budget,b", po::value(&o.budget), budget_help.c_str())
        ("normalize", po::value(&normalize)->default_value(normalize), "what the platforms share: peak (MACs per cycle) or area (mm2 at 45 nm)")
        ("out,o", po::value(&o.out_dir)->required(), "study directory (study.csv, layers.csv, study.json, index.html, plots/)")
        ("mode,m", po::value(&o.mode)->default_value("fast"), "fast or cycle")
        ("jobs,j", po::value(&o.jobs)->default_value(1), "processes at once")
        ("batch", po::value(&batch)->default_value(0), kBatchHelp)
        ("timeout", po::value(&o.timeout_s)->default_value(600), "seconds a point may run before it is killed")
        ("plan-only", po::bool_switch(&o.plan_only), "write the plan and inputs only (run with `skipsim sweep emit`)")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make")
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
    po::variables_map vm;
    if (!parse_command_line("study", "--workload W [--workload W2 ...] [--density 1,0.5,0.25,0.125] [--families LIST] "
                                     "[--budget FILE] [--normalize peak|area] [-j N] --out DIR\n   or: skipsim study collect DIR",
                            desc, args, vm))
        return 0;
    o.densities = density_list(densities);
    o.families = comma_list(families);
    if (normalize != "peak" && normalize != "area")
        throw UsageError("--normalize: expected 'peak' or 'area', got " + name_text(normalize));
    o.normalize_area = normalize == "area";
    if (o.mode != "fast" && o.mode != "cycle") throw UsageError("--mode: expected 'fast' or 'cycle', got " + name_text(o.mode));
    check_jobs(o.jobs);
    o.batch = checked_batch(batch);
    if (!(o.timeout_s > 0)) throw UsageError("--timeout: expected a positive number of seconds");
    return study_command(o, run_sweep_points);
}

const Registration<CommandInfo> study_registration{
    {"study", "which sparsity scheme wins: every family on one budget, pruned its own way at each density", study_cli}};

}  // namespace
}  // namespace skipsim
