// The skipsim binary: dispatches to the subcommands registered in tb/cli/*_cli.cpp.
// Exit status: 0 success, 2 bad input or bad use (one line naming file and place), 1 internal.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <malloc.h>
#include <unistd.h>

#include <systemc>

#include "base/error.h"
#include "cli/cli.h"
#include "layer_data.h"
#include "run_memory.h"
#include "run_timings.h"

using namespace skipsim;

namespace {

void print_usage(std::ostream& out) {
    out << "usage: skipsim COMMAND [options]   (skipsim COMMAND --help for its options)\n\ncommands:\n";
    for (const auto& [name, info] : CommandRegistry::instance().entries())
        out << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << info.summary << "\n";
    out << "\nskipsim --version prints the version and the commit built from.\n";
}

int dispatch(std::vector<std::string> args) {
    if (args.empty()) {
        print_usage(std::cerr);
        return 2;
    }
    const std::string cmd = args[0];
    args.erase(args.begin());
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        print_usage(std::cout);
        return 0;
    }
    const CommandInfo* info = CommandRegistry::instance().find(cmd == "--version" ? "version" : cmd);
    if (!info) {
        const std::string hint = did_you_mean(cmd, CommandRegistry::instance().names());
        throw UsageError("unknown command '" + cmd + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    return info->run(args);
}

// `skipsim sweep ...` (but plan, collect and emit), `skipsim sweep run-point ...` and `skipsim study ...`
// (but collect).
bool forks_points(int argc, char* argv[]) {
    const std::string cmd = argv[1], sub = argc > 2 ? argv[2] : "";
    if (sub == "--help" || sub == "-h") return false;
    if (cmd == "sweep") return sub != "plan" && sub != "collect" && sub != "emit";
    return cmd == "study" && sub != "collect";
}

}  // namespace

// SystemC's own main() prints a banner before calling sc_main unless told not to, so skipsim
// brings its own main() that says so first.
int main(int argc, char* argv[]) {
    skipsim::RunTimings::main_started();
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    // A process that forks a point per run (a sweep, a sweep worker, a study) binds every library
    // symbol once, at start-up, by starting again with LD_BIND_NOW: with lazy binding each forked
    // point resolved the same symbols again (about 5 % of a small point's time). If the binary
    // cannot be started again, it goes on as it is.
    if (argc > 1 && !std::getenv("LD_BIND_NOW") && forks_points(argc, argv)) {
        setenv("LD_BIND_NOW", "1", 1);
        execv("/proc/self/exe", argv);
        unsetenv("LD_BIND_NOW");
    }
    return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
    // Whole networks are generated and pruned layer after layer in buffers of megabytes; by default
    // glibc maps each such buffer afresh and returns it on free, so every layer pays its page
    // faults again (a third of a pruned ResNet-50's run). Keep freed memory for reuse instead.
    // glibc refuses a threshold above 32 MB (half its largest heap) and then keeps its default.
    mallopt(M_MMAP_THRESHOLD, kLargestMmapThreshold);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    // SystemC's informational messages ("simulation stopped by user") are not for users.
    sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
    return exit_status_of([&] { return dispatch(std::vector<std::string>(argv + 1, argv + argc)); });
}
