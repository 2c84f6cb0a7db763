// `skipsim sweep` as a user runs it: ResNet-18's array rows and columns over 8..128 with -j 2,
// resuming after losing half of its finished points' records, a failing point recorded with its message,
// and the plots.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> v;
    std::stringstream ss(text);
    std::string l;
    while (std::getline(ss, l)) v.push_back(l);
    return v;
}

// Log axes read like a person would label them: array sizes at powers of two, cycles at round
// numbers (a log axis of cycles once read 4.1943M, 8.38861M, ...).
TEST(Sweep, LogAxesHaveReadableTicks) {
    const std::string dir = temp_dir("sweep-ticks") + "/s";
    Result r = run_skipsim("sweep --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                           "--vary array.rows=1:1024:x2 --vary array.cols=1,32 -j 2 --out '" + dir + "'");
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string svg = read_file(dir + "/plots/cycles_vs_array.rows.svg");
    ASSERT_NE(svg.find("cycles (log scale)"), std::string::npos);
    const std::regex label(R"re(text-anchor="(end|middle)">([^<]*)</text>)re");
    std::vector<std::string> y, x;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it)
        ((*it)[1] == "end" ? y : x).push_back((*it)[2]);
    EXPECT_GE(y.size(), 2u);
    for (const auto& l : y) EXPECT_TRUE(std::regex_match(l, std::regex("[125]0*[kMG]?"))) << l;
    for (const char* t : {"1", "2", "64", "1024"}) EXPECT_NE(std::find(x.begin(), x.end(), t), x.end()) << t;
}

TEST(Sweep, RowsAndColumnsOfResnet18WithResume) {
    const std::string dir = temp_dir("sweep") + "/s";
    const std::string cmd = "sweep --platform platforms/ws_32x32.json --workload workloads/zoo/resnet18.json "
                            "--vary array.rows=8:128:x2 --vary array.cols=8:128:x2 -j 2 --quiet --out '" + dir + "'";
    Result r = run_skipsim(cmd);
    ASSERT_EQ(r.status, 0) << r.err;
    auto rows = lines(read_file(dir + "/sweep.csv"));
    ASSERT_EQ(rows.size(), 26u);  // header + 5 x 5 points
    EXPECT_EQ(rows[0].rfind("workload,array.rows,array.cols,status,cycles", 0), 0u);
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_NE(rows[i].find(",ok,"), std::string::npos) << rows[i];
    for (const char* plot : {"cycles_vs_array.rows.svg", "utilization_vs_array.cols.svg", "energy_pj_vs_array.rows.svg"}) {
        const std::string svg = read_file(dir + "/plots/" + plot);
        EXPECT_NE(svg.find("<svg"), std::string::npos) << plot;
        EXPECT_NE(svg.find("<polyline"), std::string::npos) << plot;
    }

    // A sweep killed half-way has records of only the points it finished: drop 13 of 25.
    std::vector<fs::path> records;
    for (const auto& e : fs::directory_iterator(fs::path(dir) / "points"))
        if (e.path().string().size() > 11 && e.path().string().substr(e.path().string().size() - 11) == ".state.json")
            records.push_back(e.path());
    ASSERT_EQ(records.size(), 25u);
    std::sort(records.begin(), records.end());
    for (std::size_t i = 0; i < 13; ++i) fs::remove(records[i]);
    std::map<std::string, fs::file_time_type> before;
    for (const auto& e : fs::directory_iterator(fs::path(dir) / "points"))
        if (e.path().extension() == ".log") before[e.path().filename().string()] = fs::last_write_time(e.path());
    Result again = run_skipsim(cmd.substr(0, cmd.find(" --quiet")) + " --out '" + dir + "'");
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("25 points (12 already done, 13 ran, 0 failed)"), std::string::npos) << again.out;
    EXPECT_EQ(lines(read_file(dir + "/sweep.csv")), rows);  // the same table, nothing lost or doubled
    int rerun = 0;
    for (const auto& [name, t] : before)
        if (fs::last_write_time(fs::path(dir) / "points" / name) != t) ++rerun;
    EXPECT_EQ(rerun, 13);
}

// Points over --timeout: their batch is stopped, each runs again alone under its own limit and is
// recorded as timed out; nothing is left staged, and the same sweep with time to spare finishes them.
TEST(Sweep, PointsOverTheTimeLimitAreStoppedRecordedAndRunAgainLater) {
    const std::string dir = temp_dir("sweep-timeout") + "/s";
    const std::string cmd = "sweep --quiet --no-html --platform platforms/ws_32x32.json --workload workloads/zoo/resnet18.json "
                            "--vary array.rows=4,5 --set array.cols=4 -j 1 --batch 2 --out '" + dir + "'";
    Result r = run_skipsim(cmd + " --timeout 0.02");
    EXPECT_EQ(r.status, 1) << r.err;
    const std::string csv = read_file(dir + "/sweep.csv");
    EXPECT_NE(csv.find(",4,failed,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",5,failed,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("timed out after 0.02 s"), std::string::npos) << csv;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        EXPECT_EQ(e.path().string().find(".partial"), std::string::npos) << e.path();
    Result again = run_skipsim(cmd);
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(lines(read_file(dir + "/sweep.csv")).size(), 3u);
    EXPECT_EQ(read_file(dir + "/sweep.csv").find("failed"), std::string::npos) << read_file(dir + "/sweep.csv");
}

TEST(Sweep, AFailingPointIsRecordedWithItsMessage) {
    const std::string dir = temp_dir("sweep-fail") + "/s";
    Result r = run_skipsim("sweep --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                           "--vary array.rows=8,-4 --out '" + dir + "'");
    EXPECT_EQ(r.status, 2);
    const std::string csv = read_file(dir + "/sweep.csv");
    EXPECT_NE(csv.find(",8,ok,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",-4,failed,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("--set array.rows=-4: expected an integer in [1, 4096], got -4"), std::string::npos) << csv;
}

// A point is its inputs' contents, not their names: after the platform file is edited, running
// the same sweep again runs its points again instead of keeping the former results as done.
TEST(Sweep, EditingThePlatformFileBetweenRunsRunsThePointsAgain) {
    const std::string root = temp_dir("sweep-edit"), dir = root + "/s", platform = root + "/ws.json";
    const fs::path src(SKIPSIM_SOURCE_DIR);
    fs::copy_file(src / "platforms/ws_32x32.json", platform);
    fs::create_directories(root + "/energy");
    fs::copy_file(src / "platforms/energy/45nm_horowitz.json", root + "/energy/45nm_horowitz.json");
    const std::string cmd = "sweep --quiet --platform '" + platform + "' --workload workloads/zoo/tiny.json "
                            "--vary array.rows=8,16 --out '" + dir + "'";
    ASSERT_EQ(run_skipsim(cmd).status, 0);
    const std::string before = read_file(dir + "/sweep.csv");
    std::string text = read_file(platform);
    const std::string from = "\"clock_ghz\": 1.0", to = "\"clock_ghz\": 2.0";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(), to);
    std::ofstream(platform) << text;
    ASSERT_EQ(run_skipsim(cmd).status, 0);
    const std::string after = read_file(dir + "/sweep.csv");
    EXPECT_NE(before, after) << "the edited platform's points were taken as done";
    // And unchanged inputs keep their points: a third run computes nothing.
    const Result third = run_skipsim(cmd.substr(std::string("sweep --quiet").size()).insert(0, "sweep"));
    ASSERT_EQ(third.status, 0) << third.err;
    EXPECT_NE(third.out.find("(2 already done, 0 ran"), std::string::npos) << third.out;
    EXPECT_EQ(read_file(dir + "/sweep.csv"), after);
}

TEST(Sweep, BadVaryIsABadInputBeforeAnythingRuns) {
    const std::string dir = temp_dir("sweep-bad") + "/s";
    Result r = run_skipsim("sweep --quiet --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                           "--vary array.rows=8:4:x2 --out '" + dir + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: --vary array.rows=8:4:x2: expected the range's end to be at least its start, got '8:4:x2'\n");
    EXPECT_FALSE(fs::exists(dir + "/sweep.csv"));
}

}  // namespace
}  // namespace skipsim::e2e
