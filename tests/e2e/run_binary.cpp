#include "run_binary.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "trace_check.h"

namespace skipsim::e2e {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string temp_dir(const std::string& tag) {
    auto dir = std::filesystem::temp_directory_path() /
               ("skipsim-e2e-" + tag + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

Result run_binary(const std::string& binary, const std::string& args) {
    static int counter = 0;
    const std::string base = temp_dir("io") + "/" + std::to_string(counter++);
    const std::string cmd = std::string("cd '") + SKIPSIM_SOURCE_DIR + "' && '" + binary + "' " + args +
                            " >'" + base + ".out' 2>'" + base + ".err' </dev/null";
    int raw = std::system(cmd.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = read_file(base + ".out");
    r.err = read_file(base + ".err");
    return r;
}

Result run_skipsim(const std::string& args) {
    Result r = run_binary(SKIPSIM_BINARY, args);
    if (r.status == 0) check_written_trace(args);
    return r;
}

// The shell word after `option` in `args` ('quoted' or bare), or "".
std::string option_value(const std::string& args, const std::string& option) {
    const std::size_t at = args.find(option + " ");
    if (at == std::string::npos) return "";
    std::size_t i = at + option.size() + 1;
    if (i < args.size() && args[i] == '\'') {
        const std::size_t end = args.find('\'', i + 1);
        return args.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
    }
    return args.substr(i, args.find(' ', i) == std::string::npos ? std::string::npos : args.find(' ', i) - i);
}

void check_written_trace(const std::string& args) {
    if (args.rfind("run ", 0) != 0 || (" " + args + " ").find(" --trace ") == std::string::npos) return;
    std::string out = option_value(args, "--out");
    if (out.empty()) return;
    if (out[0] != '/') out = std::string(SKIPSIM_SOURCE_DIR) + "/" + out;
    const std::string path = out + "/trace.json";
    if (!std::filesystem::exists(path)) return;
    const auto report = trace_check::check_file(path);
    if (!report.ok()) ADD_FAILURE() << path << " breaks the Chrome Trace Event format: " << report.summary();
}

}  // namespace skipsim::e2e
