#include "sweep_engine.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"

namespace skipsim {

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

void write_script(const std::string& path, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string tmp = path + ".partial";
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out.flush()) throw InputError(path, "", "cannot write the file");
    }
    ::chmod(tmp.c_str(), 0755);
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw InputError(path, "", "cannot write the file (" + ec.message() + ")");
}

}  // namespace skipsim
