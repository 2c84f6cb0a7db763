#include "sweep_engine.h"

#include <filesystem>

#include "base/whole_file.h"

namespace skipsim {

std::string worker_options(const EmitOptions& o) {
    return " --count " + std::to_string(o.chunk) + " -j " + std::to_string(o.jobs) +
           (o.batch ? " --batch " + std::to_string(o.batch) : std::string());
}

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void write_script(const std::string& path, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    write_whole_file(path, text, true);
}

}  // namespace skipsim
