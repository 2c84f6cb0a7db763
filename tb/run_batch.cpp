#include "run_batch.h"

#include <memory>
#include <string>
#include <systemc>

#include "run_session.h"

namespace skipsim {

void run_batch(const std::vector<RunOptions>& opts, const std::function<void(std::size_t)>& succeeded) {
    std::vector<std::unique_ptr<RunSession>> sessions;
    try {
        for (std::size_t k = 0; k < opts.size(); ++k)
            sessions.push_back(std::make_unique<RunSession>(opts[k], "_" + std::to_string(k)));
    } catch (const std::exception&) {
        return;
    }
    // Platforms whose processes could interleave with another's differently than alone run alone
    // (the sweep keeps them out of batches; this is the check that it did).
    if (sessions.size() > 1)
        for (const auto& s : sessions)
            if (s->runs_own_processes()) return;
    // The simulation stops when the last platform's driver is done, not the first.
    std::size_t running = sessions.size();
    for (auto& s : sessions)
        s->on_done([&running] {
            if (--running == 0) sc_core::sc_stop();
        });
    try {
        sc_core::sc_start();
    } catch (const std::exception&) {
        return;
    }
    for (std::size_t k = 0; k < sessions.size(); ++k) {
        try {
            if (sessions[k]->finish() == 0) succeeded(k);
        } catch (const std::exception&) {
        }
        sessions[k].reset();  // its memory, before the next one writes its reports
    }
}

}  // namespace skipsim
