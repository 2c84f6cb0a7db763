#include "local_process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <thread>

#include "base/error.h"

namespace skipsim {

namespace {

// The children in flight, where a signal handler can read them: a fixed array of pids, since a
// handler may not allocate or lock.
constexpr std::size_t kMaxJobs = 256;
volatile sig_atomic_t g_children[kMaxJobs];

// Stops every point and waits for them: each removes its staging directory on SIGTERM, so a
// sweep that has exited has left none behind.
extern "C" void stop_points_and_exit(int sig) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (g_children[i] > 0) kill(static_cast<pid_t>(g_children[i]), SIGTERM);
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (g_children[i] > 0)
            while (waitpid(static_cast<pid_t>(g_children[i]), nullptr, 0) < 0 && errno == EINTR) {
            }
    _exit(128 + sig);
}

void track_child(pid_t pid, bool add) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (add ? g_children[i] == 0 : g_children[i] == pid) {
            g_children[i] = add ? pid : 0;
            return;
        }
}

// stdin and stdout are /dev/null (points run with --quiet); the body chooses its stderr. A point
// must not outlive the sweep, even one killed with SIGKILL (no handler runs then): the kernel
// sends the child SIGTERM when its parent dies, and the run's own handler removes its staging
// directory.
pid_t spawn(const PointJob& job) {
    const pid_t parent = getpid();
    std::cout.flush();
    std::cerr.flush();
    // A stop signal that arrives while fork() runs (a millisecond here, and a sweep is most often
    // stopped just as a point has finished and the next one starts) is held until the child is
    // tracked: otherwise the handler would not wait for it, and the sweep would exit while its
    // orphaned point still removes its staging directory.
    sigset_t stops, before;
    sigemptyset(&stops);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stops, sig);
    sigprocmask(SIG_BLOCK, &stops, &before);
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) _exit(127);  // the sweep died before the line above
        // The sweep's handler would stop the sweep's other points: the point has its own.
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        for (std::size_t i = 0; i < kMaxJobs; ++i) g_children[i] = 0;
        const int null_fd = open("/dev/null", O_RDWR);
        if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(null_fd, STDOUT_FILENO) < 0) _exit(127);
        int status = 1;
        try {
            status = job.body();
        } catch (...) {
            status = 1;
        }
        std::cout.flush();
        std::cerr.flush();
        // Not exit(): the sweep's static objects belong to the sweep.
        _exit(status);
    }
    const int fork_errno = errno;
    if (pid > 0) track_child(pid, true);
    sigprocmask(SIG_SETMASK, &before, nullptr);
    if (pid < 0) throw InternalError("cannot start point " + job.id + ": " + std::strerror(fork_errno));
    return pid;
}

// Stops a point that ran out of time: SIGTERM first, so that it removes its staging directory,
// then SIGKILL if it does not end within a second.
void stop(pid_t pid) {
    kill(pid, SIGTERM);
    for (int i = 0; i < 100; ++i) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
}

struct Running {
    std::size_t job;
    std::chrono::steady_clock::time_point started;
};

}  // namespace

void LocalProcessPool::run(const std::vector<PointJob>& jobs, const ExecutorOptions& opts,
                           const OnFinished& on_finished) {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, stop_points_and_exit);
    sigset_t child_ended, before;
    sigemptyset(&child_ended);
    sigaddset(&child_ended, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child_ended, &before);
    std::size_t next = 0;
    std::map<pid_t, Running> running;
    while (next < jobs.size() || !running.empty()) {
        while (next < jobs.size() && running.size() < std::max(1u, opts.jobs)) {
            const std::size_t j = next++;
            if (jobs[j].claim && !jobs[j].claim()) {
                PointExit skipped;
                skipped.skipped = true;
                on_finished(j, skipped);
                continue;
            }
            running[spawn(jobs[j])] = {j, std::chrono::steady_clock::now()};
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
            if (std::chrono::duration<double>(now - it->second.started).count() >
                opts.timeout_s * static_cast<double>(std::max<std::size_t>(1, jobs[it->second.job].points))) {
                stop(it->first);
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
        // Woken as soon as a point ends (SIGCHLD is blocked, so it waits here until taken), and
        // at least every 20 ms, so that time limits are noticed.
        const timespec tick{0, 20'000'000};
        sigtimedwait(&child_ended, nullptr, &tick);
    }
    sigprocmask(SIG_SETMASK, &before, nullptr);
}

}  // namespace skipsim
