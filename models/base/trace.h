#pragma once
// Trace sink in the Chrome Trace Event format (opens in Perfetto and chrome://tracing): one
// track (thread) per component, complete events ("ph": "X") with start and duration.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "json_source.h"

namespace skipsim {

class TraceSink {
public:
    explicit TraceSink(std::ostream& out);
    ~TraceSink();
    TraceSink(const TraceSink&) = delete;
    TraceSink& operator=(const TraceSink&) = delete;

    // Events are written as they come; the track is created on first use, named by the
    // component's hierarchical path.
    void complete(const std::string& track, const std::string& name, const std::string& category,
                  double start_ns, double duration_ns, const OrderedJson& args = nullptr);
    void finish();
    std::uint64_t events() const { return m_events; }

private:
    int track_id(const std::string& track);
    std::ostream& m_out;
    std::map<std::string, int> m_tracks;
    std::uint64_t m_events = 0;
    bool m_finished = false;
};

}  // namespace skipsim
