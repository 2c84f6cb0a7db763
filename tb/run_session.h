#pragma once
// One run's work on each side of the simulation: everything read, checked, generated and
// elaborated before sc_start(), and the run directory written after it. `skipsim run` is one
// session (run_command.cpp); a batch of sweep points elaborates several sessions side by side and
// starts the simulation once for all of them (run_batch.h). Sessions share nothing but the
// SystemC kernel: each platform has its own components, clock, energy table and trace, and a
// session's reports are the same bytes whichever way it ran.
#include <functional>
#include <memory>
#include <string>

#include "run_options.h"

namespace skipsim {

class RunSession {
public:
    // Reads and validates the inputs, stages the run directory and elaborates the platform under
    // the SystemC names "top<suffix>" and "driver<suffix>" (its components still report as
    // "top.<name>"). Throws what `skipsim run` reports: InputError, UsageError, InternalError.
    RunSession(const RunOptions& opts, const std::string& name_suffix = "");
    ~RunSession();
    RunSession(const RunSession&) = delete;
    RunSession& operator=(const RunSession&) = delete;

    // What the workload driver does once the session's last layer has run (or failed): by
    // default it stops the simulation; a batch stops it when its last session is done.
    void on_done(std::function<void()> done);

    // Whether the platform runs SystemC processes of its own (the driver's aside): what it
    // computes may then depend on the order SystemC runs processes that wake at one instant.
    bool runs_own_processes() const;

    // After sc_start() has returned: collects the figures and writes and commits the run
    // directory. Returns the exit status; throws the simulation's failure or an output error.
    int finish();

private:
    struct State;
    std::unique_ptr<State> m;
};

}  // namespace skipsim
