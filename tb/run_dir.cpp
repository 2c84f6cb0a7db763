#include "run_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include <csignal>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "base/error.h"
#include "owned_dir.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {
// The staging directories of the runs in progress (a batch of sweep points has several) and the
// hidden directories that hold them, removed if the user interrupts the run, so that an
// interrupted run leaves nothing behind either. Changed only while the stop signals are held.
std::vector<std::pair<std::string, std::string>> g_staging;

// Removes `dir` and the files in it with system calls only, as a signal handler must: the signal
// may have interrupted malloc, and std::filesystem allocates (a point stopped inside malloc died
// in its handler and left its staging directory). A staging directory holds files only.
void remove_files_and_dir(const char* dir) {
    const int fd = ::open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        // Removing entries while reading them may skip some: read again until none is left.
        for (int pass = 0; pass < 16; ++pass) {
            ::lseek(fd, 0, SEEK_SET);
            alignas(struct dirent64) char buf[4096];
            bool found = false;
            for (long n; (n = ::getdents64(fd, buf, sizeof buf)) > 0;)
                for (long at = 0; at < n;) {
                    const auto* e = reinterpret_cast<const struct dirent64*>(buf + at);
                    at += e->d_reclen;
                    if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
                    found = true;
                    ::unlinkat(fd, e->d_name, 0);
                }
            if (!found) break;
        }
        ::close(fd);
    }
    ::rmdir(dir);
}

extern "C" void remove_staging_and_exit(int sig) {
    for (const auto& [staging, parent] : g_staging) {
        remove_files_and_dir(staging.c_str());
        ::rmdir(parent.c_str());  // unless another run stages there
    }
    std::_Exit(128 + sig);
}

// Holds SIGINT, SIGTERM and SIGHUP while the handler's directories change, so that the handler
// never sees them half-assigned; a signal that arrives meanwhile is delivered at the end.
class StopSignalsHeld {
public:
    StopSignalsHeld() {
        sigset_t stops;
        sigemptyset(&stops);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stops, sig);
        sigprocmask(SIG_BLOCK, &stops, &m_before);
    }
    ~StopSignalsHeld() { sigprocmask(SIG_SETMASK, &m_before, nullptr); }
    StopSignalsHeld(const StopSignalsHeld&) = delete;
    StopSignalsHeld& operator=(const StopSignalsHeld&) = delete;

private:
    sigset_t m_before;
};

fs::path target_of(const std::string& final_path) {
    fs::path target = fs::absolute(final_path).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    return target;
}

// A run of <dir>/<name> stages in <dir>/.<name>.partial/<pid>: finding what a killed run left
// means listing that one small directory, not <dir> (a sweep's points/ holds thousands).
fs::path staging_parent(const fs::path& target) {
    return target.parent_path() / ("." + target.filename().string() + ".partial");
}

// Removes the staging directories in `holder` whose process is gone, and `holder` once empty.
void remove_dead_staging(const fs::path& holder) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(holder, ec)) {
        const std::string name = e.path().filename().string();
        char* end = nullptr;
        const long pid = std::strtol(name.c_str(), &end, 10);
        if (pid <= 0 || *end) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to ask)
        fs::remove_all(e.path(), ec);
    }
    ::rmdir(holder.c_str());
}
}  // namespace

void remove_stale_staging(const std::string& final_path) { remove_dead_staging(staging_parent(target_of(final_path))); }

RunDir::RunDir(std::string final_path, bool force, const std::string& option)
    : m_final(std::move(final_path)), m_existing(check_output_dir(m_final, "run", force, option)) {
    const fs::path target = target_of(m_final);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw InputError(m_final, "", "cannot create the output directory's parent (" + ec.message() + ")");
    remove_stale_staging(m_final);
    m_staging_parent = staging_parent(target).string();
    m_staging = (fs::path(m_staging_parent) / std::to_string(::getpid())).string();
    {
        // The handler knows the directory before it exists, so that no moment leaves it behind.
        const StopSignalsHeld held;
        g_staging.emplace_back(m_staging, m_staging_parent);
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_staging_and_exit);
    }
    fs::remove_all(m_staging, ec);
    fs::create_directories(m_staging, ec);
    if (ec) throw InputError(m_final, "", "cannot create the output directory (" + ec.message() + ")");
}

RunDir::~RunDir() {
    const StopSignalsHeld held;  // a stop signal now is handled once the staging is gone
    if (!m_committed) {
        std::error_code ec;
        fs::remove_all(m_staging, ec);
    }
    ::rmdir(m_staging_parent.c_str());  // unless another run stages there
    g_staging.erase(std::remove(g_staging.begin(), g_staging.end(), std::make_pair(m_staging, m_staging_parent)),
                    g_staging.end());
}

std::string RunDir::file(const std::string& name) {
    m_files.insert(name);
    return (fs::path(m_staging) / name).string();
}

void RunDir::write(const std::string& name, const std::string& content) {
    std::ofstream out(file(name), std::ios::binary);
    out << content;
    if (!out) throw InternalError("cannot write " + file(name));
}

void RunDir::commit() {
    const std::vector<std::string> files(m_files.begin(), m_files.end());
    write_owned_mark(m_staging, "run", files);
    std::error_code ec;
    if (!m_existing.exists || fs::is_empty(m_final, ec)) {
        // A new (or empty) directory: the staged one takes its place in one rename.
        fs::rename(m_staging, m_final, ec);
        if (ec) throw InputError(m_final, "", "cannot move the run directory into place (" + ec.message() + ")");
        m_committed = true;
        return;
    }
    // A directory with files: move ours in one by one, drop the former run's files this run did
    // not write again, and mark the directory last, so that an interruption leaves a directory
    // that is still recognisably skipsim's.
    for (const auto& f : files) {
        fs::rename(fs::path(m_staging) / f, fs::path(m_final) / f, ec);
        if (ec) throw InputError(m_final, "", "cannot move '" + f + "' into place (" + ec.message() + ")");
    }
    for (const auto& f : m_existing.files) {
        const bool plain_name = !f.empty() && f.find('/') == std::string::npos && f != "." && f != "..";
        if (plain_name && !m_files.count(f) && fs::is_regular_file(fs::path(m_final) / f, ec))
            fs::remove(fs::path(m_final) / f, ec);
    }
    fs::rename(fs::path(m_staging) / kOwnedMark, fs::path(m_final) / kOwnedMark, ec);
    if (ec) throw InputError(m_final, "", "cannot mark the run directory (" + ec.message() + ")");
    fs::remove_all(m_staging, ec);
    m_committed = true;
}

}  // namespace skipsim
