#pragma once
// Runs the skipsim binary as a user would and captures what it printed.
#include <string>

namespace skipsim::e2e {

struct Result {
    int status = -1;
    std::string out, err;
};

// `args` is appended to the binary path as shell words; runs in the source directory. A `run`
// with --trace that succeeds has its trace.json validated (tests/trace_check): a violation of
// the Chrome Trace Event format fails the calling test.
Result run_skipsim(const std::string& args);
// The same with another copy of the binary (no trace check).
Result run_binary(const std::string& binary, const std::string& args);
void check_written_trace(const std::string& args);
std::string option_value(const std::string& args, const std::string& option);
std::string read_file(const std::string& path);
std::string temp_dir(const std::string& tag);

}  // namespace skipsim::e2e
