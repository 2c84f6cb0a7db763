// `skipsim run`: one network on one platform.
#include <cmath>
#include <optional>

#include "base/error.h"
#include "cli.h"
#include "run_cli.h"
#include "run_command.h"
#include "run_batch.h"
#include "run_memory.h"
#include "workloads/loader.h"

namespace skipsim {

namespace {

// Parses `skipsim run`'s arguments; nullopt when --help was asked for (and printed).
std::optional<RunOptions> parse_run_args(const std::vector<std::string>& args, const Network* preloaded,
                                         LayerResult* totals) {
    RunOptions o;
    o.preloaded_workload = preloaded;
    o.totals_out = totals;
    std::string mode = "fast";
    std::int64_t seed = 1;
    bool no_html = false;
    std::int64_t threads = 1;
    po::options_description desc("run options");
    desc.add_options()
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("workload,w", po::value(&o.workload)->required(), "workload file (native JSON, SCALE-Sim CSV or ONNX)")
        ("workload-format", po::value(&o.workload_format)->default_value("auto"), workload_format_choices().c_str())
        ("input-shape", po::value(&o.input_shapes)->composing(),
         "[NAME=]DxDx...: size of an ONNX model's input (fixes a dynamic batch or image size)")
        ("out,o", po::value(&o.out_dir), "run directory (default runs/<workload>-<platform>)")
        ("mode,m", po::value(&mode)->default_value("fast"), "fast or cycle")
        ("check", po::bool_switch(&o.check), "compare every output with the integer reference (cycle mode)")
        ("trace", po::bool_switch(&o.trace), "write trace.json (Chrome Trace Event format)")
        ("no-html", po::bool_switch(&no_html), "do not write report.html")
        ("set,s", po::value(&o.overrides)->composing(), "override a platform parameter: component.param=value")
        ("seed", po::value(&seed)->default_value(1), "seed of generated activations (0 or more)")
        ("save-masks", po::value(&o.save_masks), "write each pruned layer's keep-mask to DIR/<layer>.npy")
        ("emit-program", po::value(&o.emit_program), "write the accelerator's programs with simulated start and end times (aie)")
        ("max-memory", po::value(&o.limits.max_memory_mib)->default_value(o.limits.max_memory_mib),
         "MiB a run may use (its estimate is checked before it starts)")
        ("max-cycle-work", po::value(&o.limits.max_cycle_work)->default_value(o.limits.max_cycle_work),
         "PE-cycles a cycle-mode run may simulate (estimated before it starts)")
        ("threads", po::value(&threads)->default_value(1),
         "threads that step a systolic array's PE grid in cycle mode (its columns split between them; same results)")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make (only its run files are replaced)")
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors")
        ("timings", po::bool_switch(&o.timings),
         "print on stderr the wall time of each phase: start, inputs and elaboration, simulation, reports");
    po::variables_map vm;
    if (!parse_command_line("run", "--platform P --workload W [options]", desc, args, vm)) return std::nullopt;
    o.html = !no_html;
    // A preloaded workload was loaded with the default options only.
    if (o.workload_format != "auto" || !o.input_shapes.empty()) o.preloaded_workload = nullptr;
    o.command_line = {"skipsim", "run"};
    o.command_line.insert(o.command_line.end(), args.begin(), args.end());
    if (mode == "fast") o.mode = Fidelity::fast;
    else if (mode == "cycle") o.mode = Fidelity::cycle;
    else throw UsageError("--mode: expected 'fast' or 'cycle', got " + name_text(mode));
    if (o.check && o.mode != Fidelity::cycle)
        throw UsageError("--check needs --mode cycle: fast mode moves no values to check");
    if (!(o.limits.max_cycle_work > 0) || !std::isfinite(o.limits.max_cycle_work))
        throw UsageError("--max-cycle-work: expected a positive number of PE-cycles");
    if (o.limits.max_memory_mib == 0 || o.limits.max_memory_mib > (std::uint64_t(1) << 30))
        throw UsageError("--max-memory: expected 1 to 1073741824 MiB");
    if (threads < 1 || threads > 64)
        throw UsageError("--threads: expected 1 to 64, got " + std::to_string(threads));
    if (threads != 1 && o.mode != Fidelity::cycle)
        throw UsageError("--threads needs --mode cycle: fast mode steps no PE grid");
    o.threads = static_cast<unsigned>(threads);
    if (seed < 0) throw UsageError("--seed: expected 0 or more, got " + std::to_string(seed));
    o.seed = static_cast<std::uint64_t>(seed);
    return o;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, const Network* preloaded, LayerResult* totals) {
    const std::optional<RunOptions> o = parse_run_args(args, preloaded, totals);
    return o ? run_command(*o) : 0;
}

void run_sweep_points(std::vector<PointCall>& calls) {
    if (calls.size() == 1) {
        PointCall& c = calls.front();
        LayerResult totals;
        c.status = exit_status_of([&] { return run_cli(*c.run_args, c.preloaded, &totals); });
        if (c.status == 0 && c.succeeded) c.succeeded(totals);
        return;
    }
    // A batch reports nothing: a point that fails in it runs again on its own, which prints its
    // error into its own log.
    std::vector<RunOptions> opts;
    std::vector<LayerResult> totals(calls.size());
    try {
        for (std::size_t k = 0; k < calls.size(); ++k) {
            std::optional<RunOptions> o = parse_run_args(*calls[k].run_args, calls[k].preloaded, &totals[k]);
            if (!o) return;
            opts.push_back(std::move(*o));
        }
    } catch (const std::exception&) {
        return;
    }
    run_batch(opts, [&](std::size_t k) {
        calls[k].status = 0;
        if (calls[k].succeeded) calls[k].succeeded(totals[k]);
    });
}

namespace {

// A sweep's points prepare their memory in the process forked for them (point_runner.cpp); a run on its own
// here.
const Registration<CommandInfo> run_registration{{"run", "simulate a workload on a platform",
                                     [](const std::vector<std::string>& args) {
                                         prepare_run_memory();
                                         return run_cli(args, nullptr);
                                     }}};

}  // namespace
}  // namespace skipsim
