#pragma once
// The directory a sweep or a study works in: made (or resumed) only when skipsim made it, and
// locked while a command writes it. Shared by `skipsim sweep` and `skipsim study`.
#include <string>
#include <vector>

namespace skipsim {

// Who may write a sweep directory at once: one command that (re)writes the plan alone
// (exclusive), or any number of run-point workers and collect steps (shared: each claims its
// points). Held until the command ends; the kernel drops it if the process is killed.
class SweepLock {
public:
    SweepLock(const std::string& dir, bool exclusive);
    ~SweepLock();
    SweepLock(const SweepLock&) = delete;
    SweepLock& operator=(const SweepLock&) = delete;

private:
    int m_fd = -1;
};

// Creates `dir` and its points/ (or resumes it) when it is new, empty or one skipsim made for
// `kind` ("sweep", "study"); marks it as holding `files`. Nothing of the user's is replaced.
void prepare_sweep_dir(const std::string& dir, const std::string& kind, const std::vector<std::string>& files, bool force);

// Throws unless `dir` is a directory (read_plan names what is wrong with its plan).
void check_sweep_dir(const std::string& dir);

}  // namespace skipsim
