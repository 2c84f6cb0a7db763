// Output directories never lose a user's file: --out may replace only what skipsim wrote itself
// (owned_dir.h). Each case checks the exit status, the message and that the user's files are
// still there afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kRun = "run --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json";

void put(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

TEST(OutputDir, AUsersDirectoryIsRefusedAndKept) {
    const fs::path dir = fs::path(temp_dir("out-user")) / "mine";
    put(dir / "notes.txt", "my notes");
    Result r = run_skipsim(kRun + " --out '" + dir.string() + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("holds files skipsim did not write (use --force"), std::string::npos) << r.err;
    EXPECT_EQ(read_file((dir / "notes.txt").string()), "my notes");
    EXPECT_FALSE(fs::exists(dir / "report.json"));
}

TEST(OutputDir, TheWorkingDirectoryIsRefused) {
    Result r = run_skipsim(kRun + " --out .");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("not the working directory or one above it (use --force"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(fs::path(SKIPSIM_SOURCE_DIR) / "README.md"));
    EXPECT_FALSE(fs::exists(fs::path(SKIPSIM_SOURCE_DIR) / "report.json"));
    Result above = run_skipsim(kRun + " --out ..");
    EXPECT_EQ(above.status, 2) << above.err;
}

TEST(OutputDir, AFileIsNeverReplaced) {
    const fs::path file = fs::path(temp_dir("out-file")) / "table.csv";
    put(file, "a,b\n");
    Result r = run_skipsim(kRun + " --out '" + file.string() + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("this is an existing file"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(file.string()), "a,b\n");
    Result forced = run_skipsim(kRun + " --force --out '" + file.string() + "'");
    EXPECT_EQ(forced.status, 2);
    EXPECT_EQ(read_file(file.string()), "a,b\n");
}

TEST(OutputDir, ARerunReplacesOnlyItsOwnFiles) {
    const fs::path dir = fs::path(temp_dir("out-rerun")) / "run";
    ASSERT_EQ(run_skipsim(kRun + " --trace --out '" + dir.string() + "'").status, 0);
    EXPECT_TRUE(fs::exists(dir / "trace.json"));
    put(dir / "mine.txt", "kept");
    Result r = run_skipsim(kRun + " --out '" + dir.string() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_file((dir / "mine.txt").string()), "kept");
    EXPECT_TRUE(fs::exists(dir / "report.json"));
    EXPECT_FALSE(fs::exists(dir / "trace.json")) << "the former run's trace is not this run's";
}

TEST(OutputDir, ARunDirectoryOfAnEarlierSkipsimWithoutTheMarkIsReplaced) {
    const fs::path dir = fs::path(temp_dir("out-legacy")) / "run";
    ASSERT_EQ(run_skipsim(kRun + " --out '" + dir.string() + "'").status, 0);
    fs::remove(dir / ".skipsim-owned");
    EXPECT_EQ(run_skipsim(kRun + " --out '" + dir.string() + "'").status, 0);
    fs::remove(dir / ".skipsim-owned");
    put(dir / "notes.txt", "mine");  // no longer only run files: the user's
    EXPECT_EQ(run_skipsim(kRun + " --out '" + dir.string() + "'").status, 2);
    EXPECT_EQ(read_file((dir / "notes.txt").string()), "mine");
}

TEST(OutputDir, ForceWritesIntoAUsersDirectoryAndKeepsTheRest) {
    const fs::path dir = fs::path(temp_dir("out-force")) / "mine";
    put(dir / "notes.txt", "my notes");
    Result r = run_skipsim(kRun + " --force --out '" + dir.string() + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_file((dir / "notes.txt").string()), "my notes");
    EXPECT_TRUE(fs::exists(dir / "report.json"));
}

TEST(OutputDir, AnEmptyDirectoryIsUsed) {
    const fs::path dir = fs::path(temp_dir("out-empty")) / "empty";
    fs::create_directories(dir);
    ASSERT_EQ(run_skipsim(kRun + " --out '" + dir.string() + "'").status, 0);
    EXPECT_TRUE(fs::exists(dir / "report.json"));
}

TEST(OutputDir, AFailedRunLeavesTheFormerRunWhole) {
    const fs::path dir = fs::path(temp_dir("out-failed")) / "run";
    ASSERT_EQ(run_skipsim(kRun + " --out '" + dir.string() + "'").status, 0);
    const std::string before = read_file((dir / "report.json").string());
    Result r = run_skipsim(kRun + " --set array.rows=0 --out '" + dir.string() + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(read_file((dir / "report.json").string()), before);
}

TEST(OutputDir, SweepsFollowTheSameRule) {
    const fs::path root = temp_dir("out-sweep");
    const std::string sweep = "sweep --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                              "--vary array.rows=8,16 --out ";
    put(root / "mine" / "notes.txt", "my notes");
    Result refused = run_skipsim(sweep + "'" + (root / "mine").string() + "'");
    EXPECT_EQ(refused.status, 2);
    EXPECT_NE(refused.err.find("use --force"), std::string::npos) << refused.err;
    EXPECT_EQ(read_file((root / "mine" / "notes.txt").string()), "my notes");
    EXPECT_FALSE(fs::exists(root / "mine" / "sweep.csv"));
    ASSERT_EQ(run_skipsim(sweep + "'" + (root / "sweep").string() + "'").status, 0);
    Result resumed = run_skipsim(sweep + "'" + (root / "sweep").string() + "'");
    EXPECT_EQ(resumed.status, 0) << resumed.err;
    Result run_into_sweep = run_skipsim(kRun + " --out '" + (root / "sweep").string() + "'");
    EXPECT_EQ(run_into_sweep.status, 2);
    EXPECT_TRUE(fs::exists(root / "sweep" / "sweep.csv"));
}

}  // namespace
}  // namespace skipsim::e2e
