#pragma once
#include "run_options.h"

namespace skipsim {

// `skipsim run`: returns the process exit status; InputErrors propagate to the caller.
int run_command(const RunOptions& opts);

}  // namespace skipsim
