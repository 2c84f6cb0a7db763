#include "sweep_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/error.h"
#include "owned_dir.h"

namespace skipsim {

namespace fs = std::filesystem;

SweepLock::SweepLock(const std::string& dir, bool exclusive) {
    const std::string path = (fs::path(dir) / ".skipsim-lock").string();
    m_fd = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (m_fd < 0) throw InputError(dir, "", "cannot lock the sweep directory (" + std::string(std::strerror(errno)) + ")");
    if (::flock(m_fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        ::close(m_fd);
        throw InputError(dir, "", exclusive ? "expected a sweep directory no other sweep is writing; one is running in it now"
                                            : "expected a sweep directory no plan is being written in; a sweep is running in it now");
    }
}

SweepLock::~SweepLock() { ::close(m_fd); }

void prepare_sweep_dir(const std::string& dir, const std::string& kind, const std::vector<std::string>& files, bool force) {
    const OwnedDirState existing = check_output_dir(dir, kind, force, "--out");
    std::error_code ec;
    fs::create_directories(fs::path(dir) / "points", ec);
    if (ec) throw InputError(dir, "", "cannot create the " + kind + " directory (" + ec.message() + ")");
    if (!existing.marked) write_owned_mark(dir, kind, files);
}

void check_sweep_dir(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(dir, "", "expected a sweep directory made by `skipsim sweep plan`, `skipsim sweep` or `skipsim study`");
}

}  // namespace skipsim
