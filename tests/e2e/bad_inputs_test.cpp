// The bad-input corpus: every file under tests/inputs/bad/ has a sibling .expected file with
// the exact message; `skipsim run` must exit 2 with "error: <message>" as its only stderr line
// and leave no run directory behind. Platform cases run against the tiny workload, workload
// cases against the 32x32 WS platform; a .args file, when present, replaces the command line.
#include <gtest/gtest.h>

#include <filesystem>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

struct Case {
    std::string input, expected, args;
};

std::vector<Case> corpus() {
    std::vector<Case> cases;
    const fs::path root = fs::path(SKIPSIM_SOURCE_DIR);
    for (const auto& e : fs::recursive_directory_iterator(root / "tests/inputs/bad")) {
        if (e.path().extension() != ".expected") continue;
        fs::path input = e.path();
        input.replace_extension();
        Case c;
        c.input = fs::relative(input, root).string();
        c.expected = read_file(e.path().string());
        while (!c.expected.empty() && c.expected.back() == '\n') c.expected.pop_back();
        fs::path args_file = input;
        args_file += ".args";
        if (fs::exists(args_file)) {
            c.args = read_file(args_file.string());
            while (!c.args.empty() && c.args.back() == '\n') c.args.pop_back();
        } else if (c.input.find("/platforms/") != std::string::npos) {
            c.args = "run --platform " + c.input + " --workload workloads/zoo/tiny.json";
        } else {
            c.args = "run --platform platforms/ws_32x32.json --workload " + c.input;
        }
        cases.push_back(c);
    }
    std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.input < b.input; });
    return cases;
}

TEST(BadInputs, CorpusIsLargeEnough) { EXPECT_GE(corpus().size(), 25u); }

TEST(BadInputs, EachGivesItsExactMessageAndExitTwoAndNoRunDirectory) {
    const std::string out = temp_dir("bad") + "/run";
    for (const Case& c : corpus()) {
        SCOPED_TRACE(c.input);
        Result r = run_skipsim(c.args + " --quiet --out '" + out + "'");
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_EQ(r.err, "error: " + c.expected + "\n");
        EXPECT_FALSE(fs::exists(out));
        for (const auto& e : fs::directory_iterator(fs::path(out).parent_path()))
            EXPECT_EQ(e.path().filename().string().find(".run.partial"), std::string::npos);
    }
}

}  // namespace
}  // namespace skipsim::e2e
