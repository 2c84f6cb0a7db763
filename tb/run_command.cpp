#include "run_command.h"

#include <systemc>

#include "run_session.h"

namespace skipsim {

int run_command(const RunOptions& opts) {
    RunSession session(opts);
    sc_core::sc_start();
    return session.finish();
}

}  // namespace skipsim
