// The skipsim binary: `skipsim run`, `skipsim sweep`, `skipsim membench`, `skipsim describe`, `skipsim convert`.
// Exit status: 0 success, 2 bad input or bad use (one line naming file and place), 1 internal.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <malloc.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <systemc>

#include "base/error.h"
#include "describe_command.h"
#include "layer_data.h"
#include "membench_command.h"
#include "plot_command.h"
#include "run_command.h"
#include "sweep_command.h"
#include "workloads/loader.h"
#include "workloads/workload_json.h"

namespace po = boost::program_options;
using namespace skipsim;

namespace {

const char* kUsage =
    "usage: skipsim run --platform P --workload W [--out DIR] [--mode fast|cycle] [--check]\n"
    "                   [--trace] [--set key=value ...] [--workload-format F] [--seed N]\n"
    "                   [--save-masks DIR] [--emit-program FILE] [--force] [--quiet]\n"
    "       skipsim sweep --platform P --workload W [--workload W2 ...] --vary path=v1,v2|a:b:xK [--vary ...]\n"
    "                     [--zip] [-j N] --out DIR [--mode fast|cycle] [--set key=value ...] [--timeout S] [--force]\n"
    "       skipsim membench --platform P --pattern seq_read|rand_read|seq_write|rand_write|mix --bytes N\n"
    "                        [--component NAME] [--request-bytes 64] [--seed S] [--set key=value ...] [--out DIR]\n"
    "       skipsim describe [KIND]\n"
    "       skipsim convert --workload W [--workload-format F] --out FILE.json\n"
    "       skipsim plot --csv F --x COLUMN --y COLUMN [--y COLUMN ...] --out FILE.svg [--title T] [--y-label L]\n";

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A byte count: digits only (program_options would wrap "-5" into a huge unsigned number).
std::uint64_t parse_count(const std::string& option, const std::string& text) {
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError(option + ": expected a whole number of bytes, got '" + text + "'");
    return std::stoull(text);
}

po::variables_map parse(const po::options_description& desc, const std::vector<std::string>& args) {
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
    return vm;
}

int cmd_run(const std::vector<std::string>& args) {
    RunOptions o;
    std::string mode = "fast";
    po::options_description desc("run options");
    desc.add_options()("help,h", "show this help")
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("workload,w", po::value(&o.workload)->required(), "workload file (native JSON or SCALE-Sim CSV)")
        ("workload-format", po::value(&o.workload_format)->default_value("auto"), "auto, json, scalesim or scalesim-gemm")
        ("out,o", po::value(&o.out_dir), "run directory (default runs/<workload>-<platform>)")
        ("mode,m", po::value(&mode)->default_value("fast"), "fast or cycle")
        ("check", po::bool_switch(&o.check), "compare every output with the integer reference (cycle mode)")
        ("trace", po::bool_switch(&o.trace), "write trace.json (Chrome Trace Event format)")
        ("set,s", po::value(&o.overrides)->composing(), "override a platform parameter: component.param=value")
        ("seed", po::value(&o.seed)->default_value(1), "seed of generated activations")
        ("save-masks", po::value(&o.save_masks), "write each pruned layer's keep-mask to DIR/<layer>.npy")
        ("emit-program", po::value(&o.emit_program), "write the accelerator's programs with simulated start and end times (aie)")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make (only its run files are replaced)")
        ("quiet,q", po::bool_switch(&o.quiet), "print nothing but errors");
    po::variables_map vm;
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kUsage << "\n" << desc;
            return 0;
        }
    vm = parse(desc, args);
    if (mode == "fast") o.mode = Fidelity::fast;
    else if (mode == "cycle") o.mode = Fidelity::cycle;
    else throw UsageError("--mode: expected 'fast' or 'cycle', got '" + mode + "'");
    if (o.check && o.mode != Fidelity::cycle)
        throw UsageError("--check needs --mode cycle: fast mode moves no values to check");
    return run_command(o);
}

int cmd_sweep(const std::vector<std::string>& args) {
    SweepOptions o;
    po::options_description desc("sweep options");
    desc.add_options()("help,h", "show this help")
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
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kUsage << "\n" << desc;
            return 0;
        }
    parse(desc, args);
    if (o.mode != "fast" && o.mode != "cycle") throw UsageError("--mode: expected 'fast' or 'cycle', got '" + o.mode + "'");
    if (o.jobs < 1 || o.jobs > 256) throw UsageError("--jobs: expected 1 to 256");
    if (o.timeout_s <= 0) throw UsageError("--timeout: expected a positive number of seconds");
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) throw InternalError("cannot find the skipsim executable");
    self[n] = 0;
    return sweep_command(o, self);
}

int cmd_membench(const std::vector<std::string>& args) {
    MembenchOptions o;
    std::string bytes, request_bytes;
    po::options_description desc("membench options");
    desc.add_options()("help,h", "show this help")
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("component,c", po::value(&o.component), "the DRAM component to drive (default: the platform's only one)")
        ("pattern", po::value(&o.pattern)->required(), "seq_read, rand_read, seq_write, rand_write or mix")
        ("bytes", po::value(&bytes)->required(), "bytes to move")
        ("request-bytes", po::value(&request_bytes)->default_value("64"), "bytes per request")
        ("seed", po::value(&o.seed)->default_value(1), "seed of the random addresses")
        ("set,s", po::value(&o.overrides)->composing(), "override a platform parameter: component.param=value")
        ("out,o", po::value(&o.out_dir), "directory for membench.json")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make");
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kUsage << "\n" << desc;
            return 0;
        }
    parse(desc, args);
    o.bytes = parse_count("--bytes", bytes);
    o.request_bytes = parse_count("--request-bytes", request_bytes);
    return membench_command(o, std::cout);
}

int cmd_describe(const std::vector<std::string>& args) {
    if (args.size() > 1) throw UsageError("describe takes at most one KIND");
    return describe_command(args.empty() ? "" : args[0], std::cout);
}

int cmd_convert(const std::vector<std::string>& args) {
    std::string workload, format = "auto", out;
    po::options_description desc("convert options");
    desc.add_options()("workload,w", po::value(&workload)->required(), "input workload")
        ("workload-format", po::value(&format)->default_value("auto"), "auto, json, scalesim or scalesim-gemm")
        ("out,o", po::value(&out)->required(), "native JSON file to write");
    parse(desc, args);
    LoadOptions load;
    load.format = format;
    load.warn = [](const std::string& msg) { std::cerr << "warning: " << msg << "\n"; };
    Network net = load_workload(workload, load);
    const std::string text = network_to_json(net).dump(2) + "\n";
    const std::string tmp = out + ".partial";
    {
        std::ofstream f(tmp, std::ios::binary);
        f << text;
        if (!f) throw InputError(out, "", "cannot write the file");
    }
    if (std::rename(tmp.c_str(), out.c_str()) != 0) throw InputError(out, "", "cannot write the file");
    return 0;
}

int cmd_plot(const std::vector<std::string>& args) {
    PlotOptions o;
    po::options_description desc("plot options");
    desc.add_options()("csv", po::value(&o.csv)->required(), "CSV file with a header line")
        ("x", po::value(&o.x)->required(), "column of the x axis")
        ("y", po::value(&o.y)->required()->composing(), "column drawn as a series (repeat for several)")
        ("out,o", po::value(&o.out)->required(), "SVG file to write")
        ("title", po::value(&o.title), "plot title")
        ("y-label", po::value(&o.y_label), "label of the y axis");
    parse(desc, args);
    return plot_command(o);
}

}  // namespace

// SystemC's own main() prints a banner before calling sc_main unless told not to, so skipsim
// brings its own main() that says so first.
int main(int argc, char* argv[]) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
    // Whole networks are generated and pruned layer after layer in buffers of megabytes; by default
    // glibc maps each such buffer afresh and returns it on free, so every layer pays its page
    // faults again (a third of a pruned ResNet-50's run). Keep freed memory for reuse instead.
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    // SystemC's informational messages ("simulation stopped by user") are not for users.
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
            std::cout << kUsage;
            return args.empty() ? 2 : 0;
        }
        const std::string cmd = args[0];
        args.erase(args.begin());
        if (cmd == "run") return cmd_run(args);
        if (cmd == "describe") return cmd_describe(args);
        if (cmd == "sweep") return cmd_sweep(args);
        if (cmd == "convert") return cmd_convert(args);
        if (cmd == "plot") return cmd_plot(args);
        if (cmd == "membench") return cmd_membench(args);
        throw UsageError("unknown command '" + cmd + "' (expected run, sweep, membench, describe, convert or plot)");
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << " (see skipsim --help)\n";
        return 2;
    } catch (const po::error& e) {
        std::cerr << "error: " << e.what() << " (see skipsim --help)\n";
        return 2;
    } catch (const CheckFailure& e) {
        std::cerr << "error: check failed: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return 1;
    }
}
