#include "local_process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <map>
#include <thread>

#include "base/error.h"

extern char** environ;

namespace skipsim {

namespace {

// The children in flight, where a signal handler can read them: a fixed array of pids, since a
// handler may not allocate or lock.
constexpr std::size_t kMaxJobs = 256;
volatile sig_atomic_t g_children[kMaxJobs];

extern "C" void stop_points_and_exit(int sig) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (g_children[i] > 0) kill(static_cast<pid_t>(g_children[i]), SIGTERM);
    _exit(128 + sig);
}

void track_child(pid_t pid, bool add) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (add ? g_children[i] == 0 : g_children[i] == pid) {
            g_children[i] = add ? pid : 0;
            return;
        }
}

// stdin and stdout are /dev/null (points run with --quiet); stderr is the job's log.
pid_t spawn(const PointJob& job) {
    std::vector<std::string> args = job.argv;
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args[0].c_str(), &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw InternalError("cannot start " + args[0] + ": " + std::strerror(rc));
    track_child(pid, true);
    return pid;
}

struct Running {
    std::size_t job;
    std::chrono::steady_clock::time_point started;
};

}  // namespace

void LocalProcessPool::run(const std::vector<PointJob>& jobs, const ExecutorOptions& opts,
                           const OnFinished& on_finished) {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, stop_points_and_exit);
    std::size_t next = 0;
    std::map<pid_t, Running> running;
    while (next < jobs.size() || !running.empty()) {
        while (next < jobs.size() && running.size() < std::max(1u, opts.jobs)) {
            running[spawn(jobs[next])] = {next, std::chrono::steady_clock::now()};
            ++next;
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0 && running.count(pid)) {
            track_child(pid, false);
            const std::size_t job = running[pid].job;
            running.erase(pid);
            PointExit ended;
            ended.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            on_finished(job, ended);
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        for (auto it = running.begin(); it != running.end();) {
            if (std::chrono::duration<double>(now - it->second.started).count() > opts.timeout_s) {
                kill(it->first, SIGKILL);
                waitpid(it->first, nullptr, 0);
                track_child(it->first, false);
                const std::size_t job = it->second.job;
                it = running.erase(it);
                PointExit ended;
                ended.timed_out = true;
                on_finished(job, ended);
            } else {
                ++it;
            }
        }
        // Polled rather than blocking in waitpid, so that time limits are noticed.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace skipsim
