#include "trace.h"

#include <cstdio>

namespace skipsim {

namespace {
// Chrome's ts/dur are microseconds; three decimals keep nanosecond resolution and make the
// output independent of the locale and of floating-point printing defaults.
std::string micros(double ns) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", ns / 1000.0);
    return buf;
}
}  // namespace

TraceSink::TraceSink(std::ostream& out) : m_out(out) {
    m_out << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
    m_out << R"({"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"skipsim"}})";
}

TraceSink::~TraceSink() { finish(); }

int TraceSink::track_id(const std::string& track) {
    auto it = m_tracks.find(track);
    if (it != m_tracks.end()) return it->second;
    int id = static_cast<int>(m_tracks.size()) + 1;
    m_tracks.emplace(track, id);
    OrderedJson meta = {{"name", "thread_name"}, {"ph", "M"}, {"pid", 1}, {"tid", id},
                        {"args", {{"name", track}}}};
    m_out << ",\n" << json_text(meta);
    OrderedJson sort = {{"name", "thread_sort_index"}, {"ph", "M"}, {"pid", 1}, {"tid", id},
                        {"args", {{"sort_index", id}}}};
    m_out << ",\n" << json_text(sort);
    return id;
}

void TraceSink::complete(const std::string& track, const std::string& name,
                         const std::string& category, double start_ns, double duration_ns,
                         const OrderedJson& args) {
    int tid = track_id(track);
    m_out << ",\n{\"name\":" << json_text(OrderedJson(name)) << ",\"cat\":" << json_text(OrderedJson(category))
          << ",\"ph\":\"X\",\"pid\":1,\"tid\":" << tid << ",\"ts\":" << micros(start_ns)
          << ",\"dur\":" << micros(duration_ns);
    if (!args.is_null()) m_out << ",\"args\":" << json_text(args);
    m_out << "}";
    ++m_events;
}

void TraceSink::finish() {
    if (m_finished) return;
    m_finished = true;
    m_out << "\n]}\n";
    m_out.flush();
}

}  // namespace skipsim
