#include "whole_file.h"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "error.h"

namespace skipsim {

void write_whole_file(const std::string& path, const std::string& text, bool executable) {
    const std::string tmp = path + ".partial";
    bool written;
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        written = static_cast<bool>(out.flush());
    }
    if (!written || (executable && ::chmod(tmp.c_str(), 0755) != 0) || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw InputError(path, "", "cannot write the file");
    }
}

}  // namespace skipsim
