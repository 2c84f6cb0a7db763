#include "run_timings.h"

#include <cstdio>

namespace skipsim {

namespace {

RunTimings::Clock::time_point g_main_started = RunTimings::Clock::now();  // until main() says

double ms_between(RunTimings::Clock::time_point a, RunTimings::Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

void RunTimings::main_started() { g_main_started = Clock::now(); }

void RunTimings::ended(const char* phase) { m_ends.emplace_back(phase, Clock::now()); }

std::string RunTimings::line() const {
    std::string s = "timings:";
    Clock::time_point from = g_main_started;
    char buf[64];
    for (const auto& [phase, end] : m_ends) {
        std::snprintf(buf, sizeof buf, " %.1f ms,", ms_between(from, end));
        s += " " + std::string(phase) + buf;
        from = end;
    }
    if (s.back() == ',') s.pop_back();
    std::snprintf(buf, sizeof buf, " (%.1f ms since main)", ms_between(g_main_started, from));
    return s + buf;
}

}  // namespace skipsim
