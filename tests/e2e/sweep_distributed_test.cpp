// `skipsim sweep plan | run-point | collect | emit` as a cluster user runs them, with the workers
// started by hand: the points run in any order and chunking give the table a local sweep gives,
// collect names what is missing, a worker rerun computes nothing again, and the emitted scripts
// say what they run. (tests/e2e/cluster_sweep_test.sh runs them through Slurm and GNU parallel.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

const std::string kSweep = "--platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                           "--vary array.rows=8,16,32 --vary array.cols=4,8 --no-html --quiet";

std::size_t count_lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(SweepDistributed, ChunksRunByHandEqualALocalSweep) {
    const std::string root = temp_dir("sweep-dist");
    ASSERT_EQ(run_skipsim("sweep " + kSweep + " -j 2 --out '" + root + "/local'").status, 0);
    Result plan = run_skipsim("sweep plan " + kSweep.substr(0, kSweep.size() - 8) + " --out '" + root + "/d'");
    ASSERT_EQ(plan.status, 0) << plan.err;
    EXPECT_NE(plan.out.find("planned 6 points"), std::string::npos) << plan.out;
    EXPECT_EQ(count_lines(read_file(root + "/d/jobs.jsonl")), 6u);

    Result none = run_skipsim("sweep collect '" + root + "/d'");
    EXPECT_EQ(none.status, 2);
    EXPECT_NE(none.out.find("0 ok, 0 failed, 6 missing"), std::string::npos) << none.out;
    EXPECT_NE(none.err.find("missing: point 0 "), std::string::npos) << none.err;

    Result last = run_skipsim("sweep run-point '" + root + "/d' --index 4 --count 10");  // runs 4 and 5
    ASSERT_EQ(last.status, 0) << last.err;
    EXPECT_EQ(count_lines(last.out), 2u) << last.out;
    Result partial = run_skipsim("sweep collect '" + root + "/d' --quiet");
    EXPECT_EQ(partial.status, 2);
    EXPECT_EQ(count_lines(partial.err), 4u) << partial.err;
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(run_skipsim("sweep run-point '" + root + "/d' --index " + std::to_string(i) + " --quiet").status, 0);
    Result all = run_skipsim("sweep collect '" + root + "/d'");
    ASSERT_EQ(all.status, 0) << all.err;
    EXPECT_NE(all.out.find("6 ok, 0 failed, 0 missing"), std::string::npos) << all.out;
    EXPECT_EQ(read_file(root + "/d/sweep.csv"), read_file(root + "/local/sweep.csv"));

    Result again = run_skipsim("sweep run-point '" + root + "/d' --index 0 --count 6 -j 2");
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(count_lines(again.out), 6u);
    EXPECT_EQ(again.out.find(": ok\n"), std::string::npos) << "a done point ran again:\n" << again.out;
}

TEST(SweepDistributed, IdsFollowTheWholeConfiguration) {
    const std::string root = temp_dir("sweep-ids");
    ASSERT_EQ(run_skipsim("sweep plan " + kSweep + " --out '" + root + "/a'").status, 0);
    ASSERT_EQ(run_skipsim("sweep plan " + kSweep + " --set array.dataflow=os --out '" + root + "/b'").status, 0);
    const std::string a = read_file(root + "/a/jobs.jsonl"), b = read_file(root + "/b/jobs.jsonl");
    const auto first_id = [](const std::string& jobs) {
        const auto at = jobs.find("\"id\":\"") + 6;
        return jobs.substr(at, jobs.find('"', at) - at);
    };
    EXPECT_NE(first_id(a), first_id(b));
    EXPECT_EQ(first_id(a).rfind("tiny__array.rows-8__array.cols-4-", 0), 0u) << first_id(a);
    // The plan's inputs are absolute, so a worker may start anywhere.
    EXPECT_NE(a.find("\"--platform\",\"" + fs::path(SKIPSIM_SOURCE_DIR).lexically_normal().string()), std::string::npos) << a;
}

TEST(SweepDistributed, EmittedScriptsRunWorkersOnChunks) {
    const std::string root = temp_dir("sweep-emit");
    const std::string d = root + "/d";
    ASSERT_EQ(run_skipsim("sweep plan " + kSweep + " --out '" + d + "'").status, 0);
    Result slurm = run_skipsim("sweep emit '" + d + "' --engine slurm --chunk 4 --max-running 3 --partition short "
                               "--time 00:10:00 --sbatch-option=--qos=low");
    ASSERT_EQ(slurm.status, 0) << slurm.err;
    const std::string sb = read_file(d + "/slurm/points.sbatch");
    for (const char* line : {"#SBATCH --array=0-1%3\n", "#SBATCH --partition=short\n", "#SBATCH --time=00:10:00\n",
                             "#SBATCH --qos=low\n", "--index $((SLURM_ARRAY_TASK_ID * 4)) --count 4 -j 1\n"})
        EXPECT_NE(sb.find(line), std::string::npos) << line << " in\n" << sb;
    const std::string submit = read_file(d + "/slurm/submit.sh");
    EXPECT_NE(submit.find("--dependency=afterany:\"$points\""), std::string::npos) << submit;
    EXPECT_TRUE(fs::status(d + "/slurm/submit.sh").permissions() != fs::perms::none);
    ASSERT_EQ(run_skipsim("sweep emit '" + d + "' --engine parallel --chunk 2 --batch 2 --quiet").status, 0);
    const std::string par = read_file(d + "/parallel/run.sh");
    EXPECT_NE(par.find("seq 0 2 5 |"), std::string::npos) << par;
    EXPECT_NE(par.find(" --count 2 -j 1 --batch 2 --index"), std::string::npos) << par;  // the workers' batches
    EXPECT_NE(par.find("sweep collect"), std::string::npos) << par;
    // Without --chunk, no more than 1000 tasks (Slurm's default MaxArraySize is 1001).
    Result big = run_skipsim("sweep plan --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                             "--vary array.rows=1:2500:+1 --quiet --out '" + root + "/big'");
    ASSERT_EQ(big.status, 0) << big.err;
    ASSERT_EQ(run_skipsim("sweep emit '" + root + "/big' --engine slurm --quiet").status, 0);
    EXPECT_NE(read_file(root + "/big/slurm/points.sbatch").find("#SBATCH --array=0-833\n"), std::string::npos);
}

TEST(SweepDistributed, BadUseIsOneClearLine) {
    const std::string root = temp_dir("sweep-bad-dist");
    const std::string d = root + "/d";
    ASSERT_EQ(run_skipsim("sweep plan " + kSweep + " --out '" + d + "'").status, 0);
    Result r = run_skipsim("sweep run-point '" + d + "' --index 6");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: --index: 6: expected a point index from 0 to 5 (the plan has 6 points)\n");
    r = run_skipsim("sweep emit '" + d + "' --engine slurn");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: --engine: slurn: expected one of parallel, slurm (did you mean 'slurm'?)\n");
    r = run_skipsim("sweep collect '" + root + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: " + root + "/plan.json: expected a sweep plan (made by `skipsim sweep plan` or `skipsim sweep`)\n");
    {
        std::ofstream jobs(d + "/jobs.jsonl", std::ios::app);
        jobs << "{\"index\": 6, \"id\": \"../escape\", \"workload\": \"w\", \"values\": [\"1\", \"2\"], \"run\": []}\n";
    }
    r = run_skipsim("sweep collect '" + d + "'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: " + d + "/jobs.jsonl: line 7 /id: expected a directory name\n");
}

}  // namespace
}  // namespace skipsim::e2e
