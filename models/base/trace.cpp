#include "trace.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "error.h"

namespace skipsim {

namespace {

constexpr double kBinNs = 100;  // resolution counters are gathered at, before they are merged

// Chrome's ts/dur are microseconds; whole nanoseconds printed as integers keep the output exact
// and independent of the locale and of floating-point printing defaults.
std::string micros(std::int64_t ns) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ns / 1000), static_cast<long long>(ns % 1000));
    return buf;
}

std::int64_t whole_ns(double ns) { return ns > 0 ? static_cast<std::int64_t>(std::llround(ns)) : 0; }

std::string number(double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.6g", std::abs(v) < 1e-9 ? 0.0 : v);
    return buf;
}

}  // namespace

TraceSink::TraceSink(std::ostream& out) : m_out(out) {
    m_out << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
    m_out << R"({"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"skipsim"}})";
    m_sort.emplace_back(std::vector<int>{}, 0);  // tid 0: the process itself
}

TraceSink::~TraceSink() { finish(); }

int TraceSink::new_tid(const std::string& name) {
    const int tid = static_cast<int>(m_sort.size());
    OrderedJson meta = {{"name", "thread_name"}, {"ph", "M"}, {"pid", 1}, {"tid", tid}, {"args", {{"name", name}}}};
    m_out << ",\n" << json_text(meta);
    return tid;
}

TraceSink::Track& TraceSink::track(const std::string& name, int group) {
    auto it = m_tracks.find(name);
    if (it != m_tracks.end()) return it->second;
    std::vector<int> key = {group == kNoGroup ? INT32_MAX : group};
    if (group == kNoGroup)
        for (std::size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0; dot = name.rfind('.', dot - 1)) {
            auto parent = m_tracks.find(name.substr(0, dot));
            if (parent != m_tracks.end()) {
                key = parent->second.key;
                break;
            }
        }
    key.push_back(static_cast<int>(m_tracks.size()));
    Track& t = m_tracks[name];
    t.key = std::move(key);
    t.lanes.push_back({new_tid(name), {}});
    m_sort.emplace_back(t.key, 0);
    return t;
}

void TraceSink::declare_track(const std::string& name, int group) { track(name, group); }

// The first lane of `name` on which [start, end) overlaps no event; a new lane if there is none.
// Events touching at an end point do not overlap.
int TraceSink::place(const std::string& name, std::int64_t start, std::int64_t end) {
    Track& t = track(name);
    for (Lane& lane : t.lanes) {
        // What ended before the horizon overlaps no event to come. A lane's events are disjoint,
        // so ordered by start they are ordered by end too.
        while (!lane.open.empty() && lane.open.begin()->second <= m_horizon) lane.open.erase(lane.open.begin());
        // Disjoint events ordered by (start, end) have ascending ends: of the events that start
        // before `end`, the last one ends latest.
        auto after = lane.open.lower_bound({end, INT64_MIN});
        if (after != lane.open.begin() && std::prev(after)->second > start) continue;
        lane.open.emplace(start, end);
        return lane.tid;
    }
    const int k = static_cast<int>(t.lanes.size());
    t.lanes.push_back({new_tid(name + ".queue_" + std::to_string(k)), {{start, end}}});
    m_sort.emplace_back(t.key, k);
    return t.lanes.back().tid;
}

void TraceSink::complete(const std::string& track_name, const std::string& name, const std::string& category,
                         double start_ns, double duration_ns, const OrderedJson& args) {
    if (m_finished) throw InternalError("trace event '" + name + "' after the trace was finished");
    const std::int64_t s = whole_ns(start_ns), e = std::max(s, whole_ns(start_ns + duration_ns));
    const int tid = place(track_name, s, e);
    m_out << ",\n{\"name\":" << json_text(OrderedJson(name)) << ",\"cat\":" << json_text(OrderedJson(category))
          << ",\"ph\":\"X\",\"pid\":1,\"tid\":" << tid << ",\"ts\":" << micros(s) << ",\"dur\":" << micros(e - s);
    if (!args.is_null()) m_out << ",\"args\":" << json_text(args);
    m_out << "}";
    ++m_events;
}

void TraceSink::add_rate(const std::string& counter, const std::string& series, double start_ns, double end_ns,
                         double rate) {
    if (!(end_ns > start_ns) || rate == 0) return;
    if (!m_counters.count(counter)) m_counter_order.push_back(counter);
    std::vector<double>& bins = m_counters[counter][series].amount;
    const double a = std::max(0.0, start_ns) / kBinNs, b = std::max(0.0, end_ns) / kBinNs;
    const std::size_t last = static_cast<std::size_t>(b);
    if (bins.size() <= last) bins.resize(last + 1, 0.0);
    for (std::size_t k = static_cast<std::size_t>(a); k <= last; ++k) {
        const double lo = std::max(a, static_cast<double>(k)), hi = std::min(b, static_cast<double>(k + 1));
        if (hi > lo) bins[k] += rate * (hi - lo) * kBinNs;
    }
}

void TraceSink::advance(double ns) { m_horizon = std::max(m_horizon, whole_ns(ns)); }

void TraceSink::write_counters() {
    for (const std::string& name : m_counter_order) {
        const auto& series = m_counters[name];
        std::size_t bins = 0;
        for (const auto& [_, s] : series) bins = std::max(bins, s.amount.size());
        const std::size_t merge = std::max<std::size_t>(1, (bins + kCounterPoints - 1) / kCounterPoints);
        const double width = kBinNs * static_cast<double>(merge);
        std::vector<std::string> last(series.size());
        for (std::size_t p = 0; p * merge < bins + merge; ++p) {
            std::vector<std::string> values;
            for (const auto& [_, s] : series) {
                double sum = 0;
                for (std::size_t k = p * merge; k < std::min(s.amount.size(), (p + 1) * merge); ++k) sum += s.amount[k];
                values.push_back(number(sum / width));
            }
            if (p > 0 && values == last) continue;
            last = values;
            m_out << ",\n{\"name\":" << json_text(OrderedJson(name)) << ",\"ph\":\"C\",\"pid\":1,\"ts\":"
                  << micros(whole_ns(static_cast<double>(p) * width)) << ",\"args\":{";
            std::size_t i = 0;
            for (const auto& [key, _] : series)
                m_out << (i ? "," : "") << json_text(OrderedJson(key)) << ":" << values[i], ++i;
            m_out << "}}";
        }
    }
}

void TraceSink::finish() {
    if (m_finished) return;
    m_finished = true;
    write_counters();
    // Lanes of a track sort right after it (trace.h: declare_track).
    std::vector<int> tids(m_sort.size());
    for (std::size_t i = 0; i < tids.size(); ++i) tids[i] = static_cast<int>(i);
    std::stable_sort(tids.begin() + 1, tids.end(), [&](int a, int b) { return m_sort[a] < m_sort[b]; });
    for (std::size_t rank = 1; rank < tids.size(); ++rank) {
        OrderedJson sort = {{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1}, {"tid", tids[rank]},
                            {"args", {{"sort_index", rank}}}};
        m_out << ",\n" << json_text(sort);
    }
    m_out << "\n]}\n";
    m_out.flush();
}

}  // namespace skipsim
