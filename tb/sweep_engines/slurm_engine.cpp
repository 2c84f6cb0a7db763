// `skipsim sweep emit --engine slurm`: a job array whose tasks each run a chunk of points, and a
// collect job that runs after the array ends however its tasks ended (afterany), so the table
// names what failed or is missing. Resubmitting reruns only what is not done.
#include <string>

#include "sweep_engine.h"

namespace skipsim {
namespace {

std::string sbatch_line(const std::string& option) { return "#SBATCH " + option + "\n"; }

std::string emit_slurm(const EmitOptions& o) {
    const std::string dir = o.dir + "/slurm";
    const std::size_t tasks = (o.points + o.chunk - 1) / o.chunk;
    std::string resources;
    if (!o.partition.empty()) resources += sbatch_line("--partition=" + o.partition);
    if (!o.account.empty()) resources += sbatch_line("--account=" + o.account);
    if (!o.time_limit.empty()) resources += sbatch_line("--time=" + o.time_limit);
    if (!o.mem.empty()) resources += sbatch_line("--mem=" + o.mem);
    for (const auto& extra : o.sbatch_options) resources += sbatch_line(extra);

    std::string points = "#!/bin/sh\n";
    points += sbatch_line("--job-name=skipsim-sweep");
    points += sbatch_line("--array=0-" + std::to_string(tasks - 1) +
                          (o.max_running ? "%" + std::to_string(o.max_running) : std::string()));
    points += sbatch_line("--ntasks=1");
    points += sbatch_line("--cpus-per-task=" + std::to_string(o.jobs));
    points += sbatch_line("--output=" + dir + "/task-%A_%a.out");
    points += resources;
    points += "# Written by `skipsim sweep emit --engine slurm`: array task T runs points T*" + std::to_string(o.chunk) +
              " to T*" + std::to_string(o.chunk) + "+" + std::to_string(o.chunk - 1) + " of jobs.jsonl (" +
              std::to_string(o.points) + " points);\n# a point already done is skipped.\n";
    points += "exec " + shell_quote(o.skipsim) + " sweep run-point " + shell_quote(o.dir) +
              " --index $((SLURM_ARRAY_TASK_ID * " + std::to_string(o.chunk) + "))" + worker_options(o) + "\n";
    write_script(dir + "/points.sbatch", points);

    std::string collect = "#!/bin/sh\n";
    collect += sbatch_line("--job-name=skipsim-collect");
    collect += sbatch_line("--ntasks=1");
    collect += sbatch_line("--output=" + dir + "/collect-%j.out");
    collect += resources;
    collect += "exec " + shell_quote(o.skipsim) + " sweep collect " + shell_quote(o.dir) + "\n";
    write_script(dir + "/collect.sbatch", collect);

    std::string submit = "#!/bin/sh\n";
    submit += "# Submits the sweep's points as a job array and, after it, the collect job. Run it again to\n"
              "# resubmit: points already done are skipped. Extra arguments go to both sbatch calls.\n";
    submit += "set -e\n";
    submit += "points=$(sbatch --parsable \"$@\" " + shell_quote(dir + "/points.sbatch") + ")\n";
    submit += "points=${points%%;*}\n";
    submit += "collect=$(sbatch --parsable --dependency=afterany:\"$points\" \"$@\" " + shell_quote(dir + "/collect.sbatch") + ")\n";
    submit += "collect=${collect%%;*}\n";
    submit += "echo \"points: job array $points (" + std::to_string(tasks) + " tasks of up to " + std::to_string(o.chunk) +
              " points); collect: job $collect, writes " + o.dir + "/sweep.csv\"\n";
    write_script(dir + "/submit.sh", submit);
    return shell_quote(dir + "/submit.sh");
}

const Registration<SweepEngine> slurm_registration{{"slurm", "a Slurm job array (sbatch) and a collect job after it", emit_slurm}};

}  // namespace
}  // namespace skipsim
