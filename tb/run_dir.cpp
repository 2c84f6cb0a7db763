#include "run_dir.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/error.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {
// The staging directory of the run in progress, removed if the user interrupts the run, so that
// an interrupted run leaves nothing behind either.
std::string g_staging;

extern "C" void remove_staging_and_exit(int sig) {
    std::error_code ec;
    if (!g_staging.empty()) fs::remove_all(g_staging, ec);
    std::_Exit(128 + sig);
}
}  // namespace

RunDir::RunDir(std::string final_path) : m_final(std::move(final_path)) {
    fs::path target = fs::absolute(m_final).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw InputError(m_final, "", "cannot create the output directory's parent (" + ec.message() + ")");
    m_staging = (target.parent_path() / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
    fs::remove_all(m_staging, ec);
    fs::create_directory(m_staging, ec);
    if (ec) throw InputError(m_final, "", "cannot create the output directory (" + ec.message() + ")");
    g_staging = m_staging;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, remove_staging_and_exit);
}

RunDir::~RunDir() {
    g_staging.clear();
    if (!m_committed) {
        std::error_code ec;
        fs::remove_all(m_staging, ec);
    }
}

std::string RunDir::file(const std::string& name) const { return (fs::path(m_staging) / name).string(); }

void RunDir::write(const std::string& name, const std::string& content) const {
    std::ofstream out(file(name), std::ios::binary);
    out << content;
    if (!out) throw InternalError("cannot write " + file(name));
}

void RunDir::commit() {
    std::error_code ec;
    fs::remove_all(m_final, ec);
    fs::rename(m_staging, m_final, ec);
    if (ec) throw InternalError("cannot move the run directory into place at " + m_final + ": " + ec.message());
    m_committed = true;
}

}  // namespace skipsim
