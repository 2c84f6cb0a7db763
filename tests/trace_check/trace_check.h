#pragma once
// A validator of the Chrome Trace Event format (JSON object or array form), strict where Perfetto
// and chrome://tracing silently drop or redraw: required fields and their types per phase,
// metadata names, a thread_name for every track that has events, track names unique per
// process, and complete events ("X") that nest on every (pid, tid): two events on one track are
// disjoint or one lies inside the other (compared in whole nanoseconds).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace skipsim::trace_check {

struct Report {
    std::size_t events = 0, complete = 0, counters = 0, tracks = 0;
    std::size_t violations = 0;
    std::map<std::string, std::size_t> overlaps_by_track;  // complete events that break nesting, by track name
    std::vector<std::string> messages;                     // the first kMaxMessages violations
    bool ok() const { return violations == 0; }
    std::string summary() const;
};

constexpr std::size_t kMaxMessages = 20;

Report check_text(const std::string& text);
Report check_file(const std::string& path);

}  // namespace skipsim::trace_check
