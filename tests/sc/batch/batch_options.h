#pragma once
// A run of a source-tree platform and workload into `out`, as a sweep point runs it.
#include <string>

#include "run_options.h"

namespace skipsim::test {

inline RunOptions batch_run(const std::string& platform, const std::string& workload, const std::string& out) {
    RunOptions o;
    o.platform = std::string(SKIPSIM_SOURCE_DIR) + "/" + platform;
    o.workload = std::string(SKIPSIM_SOURCE_DIR) + "/" + workload;
    o.out_dir = out;
    o.quiet = true;
    o.html = false;
    return o;
}

}  // namespace skipsim::test
