#pragma once
// A run directory that appears whole or not at all: files are written into a hidden sibling
// directory, which moves into place only when commit() is called. Destroyed uncommitted, it
// removes everything it wrote. It never destroys what skipsim did not write (owned_dir.h): a new
// or empty directory is replaced whole; in a directory a former run made (or one the user named
// with --force) only skipsim's run files are replaced and the user's other files stay.
#include <set>
#include <string>

#include "owned_dir.h"

namespace skipsim {

// Removes the staging directories a run of `final_path` left when it was killed outright (its
// process no longer exists); those of runs still going are left alone.
void remove_stale_staging(const std::string& final_path);

class RunDir {
public:
    // Throws an InputError naming `option` when `final_path` may not receive a run (owned_dir.h).
    RunDir(std::string final_path, bool force, const std::string& option = "--out");
    ~RunDir();
    RunDir(const RunDir&) = delete;
    RunDir& operator=(const RunDir&) = delete;

    std::string file(const std::string& name);  // path inside the staging directory
    void write(const std::string& name, const std::string& content);
    void commit();
    const std::string& final_path() const { return m_final; }

private:
    std::string m_final, m_staging, m_staging_parent;
    OwnedDirState m_existing;
    std::set<std::string> m_files;  // names written into the staging directory
    bool m_committed = false;
};

}  // namespace skipsim
