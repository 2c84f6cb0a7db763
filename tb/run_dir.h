#pragma once
// A run directory that appears whole or not at all: files are written into a hidden sibling
// directory, which replaces the target only when commit() is called. Destroyed uncommitted, it
// removes everything it wrote.
#include <string>

namespace skipsim {

class RunDir {
public:
    explicit RunDir(std::string final_path);
    ~RunDir();
    RunDir(const RunDir&) = delete;
    RunDir& operator=(const RunDir&) = delete;

    std::string file(const std::string& name) const;  // path inside the staging directory
    void write(const std::string& name, const std::string& content) const;
    void commit();
    const std::string& final_path() const { return m_final; }

private:
    std::string m_final, m_staging;
    bool m_committed = false;
};

}  // namespace skipsim
