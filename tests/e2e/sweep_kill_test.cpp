// A sweep killed with SIGKILL at random moments (no handler of its own runs) leaves no point
// running without it and, once rerun, no staging directory; the rerun's table equals an
// uninterrupted sweep's.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

// Nine cycle-mode points of about 0.4 s each: a kill lands while points run.
const std::vector<std::string> kSweep = {"sweep", "--quiet", "--platform", "platforms/ws_32x32.json", "--workload",
                                         "workloads/zoo/bench_cycle.json", "--mode", "cycle", "--vary", "array.rows=8,16,32",
                                         "--vary", "array.cols=8,16,32", "-j", "2", "--out"};

pid_t start_sweep(const std::string& out) {
    std::vector<std::string> args = kSweep;
    args.insert(args.begin(), SKIPSIM_BINARY);
    args.push_back(out);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        if (chdir(SKIPSIM_SOURCE_DIR) != 0) _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

// Processes whose command line names `dir` (the sweep's points do, in --out).
std::vector<std::string> processes_naming(const std::string& dir) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string pid = e.path().filename().string();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string cmd = read_file((e.path() / "cmdline").string());
        for (char& c : cmd)
            if (c == '\0') c = ' ';
        if (cmd.find(dir) != std::string::npos) found.push_back(pid + ": " + cmd);
    }
    return found;
}

std::vector<std::string> staging_left(const std::string& dir) {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.path().filename().string().find(".partial") != std::string::npos) found.push_back(e.path().string());
    return found;
}

TEST(SweepKill, KilledOutrightFiveTimesThenRerunEqualsAnUninterruptedSweep) {
    const std::string root = temp_dir("sweep-kill");
    const std::string whole = root + "/whole", killed = root + "/killed";
    std::string cmd;
    for (const auto& a : kSweep) cmd += a + " ";
    ASSERT_EQ(run_skipsim(cmd + "'" + whole + "'").status, 0);

    std::mt19937 rng(7);
    for (int round = 0; round < 5; ++round) {
        SCOPED_TRACE(round);
        const pid_t pid = start_sweep(killed);
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1500)(rng)));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        // The points get SIGTERM from the kernel when the sweep dies; give them a moment to end.
        std::vector<std::string> orphans;
        for (int i = 0; i < 50; ++i) {
            orphans = processes_naming(killed);
            if (orphans.empty()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        EXPECT_TRUE(orphans.empty()) << orphans.front();
    }
    Result rerun = run_skipsim(cmd + "'" + killed + "'");
    ASSERT_EQ(rerun.status, 0) << rerun.err;
    EXPECT_TRUE(staging_left(killed).empty()) << staging_left(killed).front();
    EXPECT_EQ(read_file(killed + "/sweep.csv"), read_file(whole + "/sweep.csv"));
}

TEST(SweepKill, ASecondSweepInTheSameDirectoryIsRefused) {
    const std::string dir = temp_dir("sweep-lock") + "/s";
    const pid_t pid = start_sweep(dir);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::string cmd;
    for (const auto& a : kSweep) cmd += a + " ";
    Result second = run_skipsim(cmd + "'" + dir + "'");
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    EXPECT_EQ(second.status, 2);
    EXPECT_NE(second.err.find("no other sweep is writing"), std::string::npos) << second.err;
}

}  // namespace
}  // namespace skipsim::e2e
