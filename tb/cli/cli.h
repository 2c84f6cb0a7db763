#pragma once
// The command line: every subcommand registers itself in its own file (`*_cli.cpp`) with its
// name, a one-line summary and a function; skipsim_main.cpp only dispatches. The parsing rules
// are the same for all of them: unknown options and stray arguments are errors, every command
// has --help, and an option that takes a value never swallows the next option.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "base/json_source.h"
#include "base/registry.h"

namespace skipsim {

namespace po = boost::program_options;

// Bad use of the command line (exit 2, with a pointer to --help).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CommandInfo {
    std::string name, summary;
    // Runs the command on the arguments after its name; returns the exit status.
    std::function<int(const std::vector<std::string>& args)> run;
};
using CommandRegistry = Registry<CommandInfo>;

// Parses `args` against `desc`, strictly. Returns false when --help was asked for (the usage
// and `desc` have been printed). `positional` names the positional arguments it takes, in order
// (none by default).
bool parse_command_line(const std::string& command, const std::string& usage, const po::options_description& desc,
                        const std::vector<std::string>& args, po::variables_map& vm,
                        const po::positional_options_description* positional = nullptr);

// The path of the running skipsim binary (sweep job scripts start workers with it).
std::string self_executable();

// --batch of the commands that run sweep points (sweep, sweep run-point, study).
constexpr const char* kBatchHelp =
    "fast-mode points one process runs side by side (1: each alone; 0: chosen from the points and -j)";
// A UsageError when -j (processes at once) is out of range.
void check_jobs(unsigned jobs);
// --batch's value, or a UsageError when it is out of range.
std::size_t checked_batch(std::int64_t batch);

// Runs a command and turns what it throws into skipsim's exit status, with its one-line message
// on stderr: 2 for bad input or bad use, 1 for a failed check or an internal error.
int exit_status_of(const std::function<int()>& command);

}  // namespace skipsim
