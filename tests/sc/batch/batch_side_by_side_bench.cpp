// Three runs in one simulation: the simulation lasts until the last of them is done (the first
// driver to finish does not stop it), each writes its run directory, and each reports its
// components under "top" although SystemC names their top modules apart.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "batch_options.h"
#include "run_batch.h"

namespace fs = std::filesystem;
using namespace skipsim;

TEST(Batch, ThreeRunsOfDifferentLengthsEachWriteTheirDirectory) {
    const fs::path dir = fs::temp_directory_path() / ("skipsim-sc-batch-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    std::vector<RunOptions> runs{test::batch_run("platforms/ws_32x32.json", "workloads/zoo/tiny.json", (dir / "a").string()),
                                 test::batch_run("platforms/zero_skip_64x8.json", "workloads/zoo/resnet18.json", (dir / "b").string()),
                                 test::batch_run("platforms/ws_32x32.json", "workloads/zoo/tiny.json", (dir / "c").string())};
    runs[2].overrides = {"array.rows=8"};
    std::set<std::size_t> done;
    run_batch(runs, [&](std::size_t k) { done.insert(k); });
    EXPECT_EQ(done, (std::set<std::size_t>{0, 1, 2}));
    for (const char* run : {"a", "b", "c"}) {
        std::ifstream in(dir / run / "report.json");
        ASSERT_TRUE(in) << run;
        std::stringstream text;
        text << in.rdbuf();
        EXPECT_NE(text.str().find("\"top.ddr\""), std::string::npos) << run;
        EXPECT_EQ(text.str().find("top_"), std::string::npos) << run;
    }
    // The short runs did not stop the long one: its last layer is in its table.
    std::ifstream csv(dir / "b" / "layers.csv");
    std::string line, last;
    while (std::getline(csv, line)) last = line;
    EXPECT_EQ(last.rfind("20,FC,", 0), 0u) << last;
    fs::remove_all(dir);
}
