#pragma once
// `skipsim run --timings`: where a run's wall time went, printed on stderr and never written into
// the run directory (whose files stay the same bytes from run to run). Phases are measured on the
// steady clock from main(); what comes before main() (the loader, libraries' static set-up) and
// after the last phase (exit) is the process's own start and end, which a benchmark sees as the
// difference to the whole wall time.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace skipsim {

class RunTimings {
public:
    using Clock = std::chrono::steady_clock;

    // main(), first thing: the start of the first phase.
    static void main_started();

    // The phase that ends now (from the end of the one before, or from main()).
    void ended(const char* phase);
    // "timings: start 0.4 ms, inputs and elaboration 4.1 ms, ... (33.8 ms since main)".
    std::string line() const;

private:
    std::vector<std::pair<const char*, Clock::time_point>> m_ends;
};

}  // namespace skipsim
