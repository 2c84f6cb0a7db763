// `skipsim sweep emit --engine parallel`: one GNU parallel command that runs the chunks of
// points on this machine or, with an sshlogin file, on several that share the sweep directory's
// file system; then the collect step. Rerunning it reruns only what is not done.
#include <string>

#include "sweep_engine.h"

namespace skipsim {
namespace {

std::string emit_parallel(const EmitOptions& o) {
    const std::string dir = o.dir + "/parallel";
    std::string s = "#!/bin/sh\n";
    s += "# Written by `skipsim sweep emit --engine parallel`: chunks of " + std::to_string(o.chunk) + " points of " +
         std::to_string(o.points) + ", each a `skipsim sweep run-point` job; a point already\n"
         "# done is skipped, so the script may be run again after an interruption. Then the collect step,\n"
         "# whose exit status is the script's. Extra arguments go to parallel.\n";
    s += "seq 0 " + std::to_string(o.chunk) + " " + std::to_string(o.points - 1) + " |\n";
    s += "  parallel --will-cite --halt never --joblog " + shell_quote(dir + "/joblog") + " --jobs " +
         (o.max_running ? std::to_string(o.max_running) : std::string("100%"));
    if (!o.sshloginfile.empty()) s += " --sshloginfile " + shell_quote(o.sshloginfile);
    s += " \"$@\" \\\n    " + shell_quote(shell_quote(o.skipsim) + " sweep run-point " + shell_quote(o.dir) +
                              worker_options(o) + " --index") +
         " '{}'\n";
    s += "exec " + shell_quote(o.skipsim) + " sweep collect " + shell_quote(o.dir) + "\n";
    write_script(dir + "/run.sh", s);
    return shell_quote(dir + "/run.sh");
}

const Registration<SweepEngine> parallel_registration{{"parallel", "GNU parallel, here or on the machines of an --sshloginfile", emit_parallel}};

}  // namespace
}  // namespace skipsim
