#include "executable_path.h"

#include <unistd.h>

namespace skipsim {

std::string executable_path() {
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return "";
    return std::string(self, static_cast<std::size_t>(n));
}

}  // namespace skipsim
