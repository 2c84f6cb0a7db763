#pragma once
// Trace sink in the Chrome Trace Event format (opens in Perfetto and chrome://tracing). Complete
// events ("ph": "X") on named tracks (threads), counter tracks ("ph": "C"), one process.
//
// The format asks that complete events on one track nest: two events on a track are either
// disjoint or one lies inside the other. Transfers queued on one memory overlap without nesting,
// so the sink gives a track as many lanes as it has events in flight at once: an event goes on
// the track's first lane where it overlaps nothing, and lane k > 0 of track T is its own track
// named "T.queue_k". Layout in traces/README.md.
#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "json_source.h"

namespace skipsim {

class TraceSink {
public:
    explicit TraceSink(std::ostream& out);
    ~TraceSink();
    TraceSink(const TraceSink&) = delete;
    TraceSink& operator=(const TraceSink&) = delete;

    // Tracks are listed by group, then in the order they are declared (a track first used
    // undeclared is declared then), so a platform lists its tracks by its structure, not by first
    // event. A track "P.x" without a group of its own sorts inside the declared track P (a
    // component's banks, engines or queues after the component); other tracks without a group
    // sort last.
    static constexpr int kNoGroup = -1;
    void declare_track(const std::string& track, int group = kNoGroup);
    // `args` must be null or an object. Times are rounded to whole nanoseconds.
    void complete(const std::string& track, const std::string& name, const std::string& category,
                  double start_ns, double duration_ns, const OrderedJson& args = nullptr);
    // Adds `rate` (per nanosecond) to counter `counter`'s series `series` from `start_ns` to
    // `end_ns`. At the end each counter is written as the time-weighted mean of its summed rates
    // over at most kCounterPoints equal bins (bandwidth: bytes per ns is GB/s; occupancy: a level).
    void add_rate(const std::string& counter, const std::string& series, double start_ns, double end_ns,
                  double rate);
    // No event will start before `ns` any more (simulated time only moves on) but on a track
    // whose events never overlap (one sequential process): lanes forget what ended before it.
    void advance(double ns);
    void finish();
    std::uint64_t events() const { return m_events; }

    static constexpr std::size_t kCounterPoints = 2000;

private:
    struct Lane {
        int tid = 0;
        std::set<std::pair<std::int64_t, std::int64_t>> open;  // (start, end) of events that may still overlap
    };
    struct Track {
        std::vector<int> key;  // (group, declaration order) and, for a part of P, P's key first
        std::vector<Lane> lanes;
    };
    struct Series {
        std::vector<double> amount;  // rate x time per 1 us bin
    };
    int new_tid(const std::string& name);
    Track& track(const std::string& name, int group = kNoGroup);
    int place(const std::string& name, std::int64_t start, std::int64_t end);
    void write_counters();

    std::ostream& m_out;
    std::map<std::string, Track> m_tracks;
    std::vector<std::pair<std::vector<int>, int>> m_sort;  // tid -> (track key, lane) for thread_sort_index
    std::map<std::string, std::map<std::string, Series>> m_counters;
    std::vector<std::string> m_counter_order;
    std::int64_t m_horizon = 0;
    std::uint64_t m_events = 0;
    bool m_finished = false;
};

}  // namespace skipsim
