// A batch holding a platform whose components run processes of their own (the AIE mesh) runs
// nothing and leaves nothing: its runs are left for the sweep to run alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "batch_options.h"
#include "run_batch.h"

namespace fs = std::filesystem;
using namespace skipsim;

TEST(Batch, APlatformWithItsOwnProcessesRunsNothingInABatch) {
    const fs::path dir = fs::temp_directory_path() / ("skipsim-sc-batch-aie-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::vector<RunOptions> runs{
        test::batch_run("platforms/ws_32x32.json", "workloads/zoo/tiny.json", (dir / "ws").string()),
        test::batch_run("platforms/aie_2x2.json", "workloads/zoo/aie_tiny.json", (dir / "aie").string())};
    std::size_t succeeded = 0;
    run_batch(runs, [&](std::size_t) { ++succeeded; });
    EXPECT_EQ(succeeded, 0u);
    EXPECT_TRUE(fs::is_empty(dir)) << "staging or run directories were left";
    fs::remove_all(dir);
}
