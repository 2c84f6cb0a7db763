#include "run_command.h"

#include <iostream>
#include <systemc>

#include "run_session.h"
#include "run_timings.h"

namespace skipsim {

int run_command(const RunOptions& opts) {
    RunTimings timings;
    timings.ended("start");
    RunSession session(opts);
    timings.ended("inputs and elaboration");
    sc_core::sc_start();
    timings.ended("simulation");
    const int status = session.finish();
    timings.ended("reports");
    if (opts.timings) std::cerr << timings.line() << "\n";
    return status;
}

}  // namespace skipsim
