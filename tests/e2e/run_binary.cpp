#include "run_binary.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

Result run_skipsim(const std::string& args) {
    static int counter = 0;
    const std::string base = temp_dir("io") + "/" + std::to_string(counter++);
    const std::string cmd = std::string("cd '") + SKIPSIM_SOURCE_DIR + "' && '" + SKIPSIM_BINARY + "' " + args +
                            " >'" + base + ".out' 2>'" + base + ".err' </dev/null";
    int raw = std::system(cmd.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = read_file(base + ".out");
    r.err = read_file(base + ".err");
    return r;
}

}  // namespace skipsim::e2e
