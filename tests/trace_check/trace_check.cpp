#include "trace_check.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace skipsim::trace_check {

namespace {

using nlohmann::json;

struct Interval {
    long long start, end;
};

class Checker {
public:
    Report report;

    void fail(const std::string& msg) {
        ++report.violations;
        if (report.messages.size() < kMaxMessages) report.messages.push_back(msg);
    }

    void event(const json& e, std::size_t i) {
        const std::string at = "event " + std::to_string(i);
        if (!e.is_object()) return fail(at + ": not an object");
        if (!e.contains("ph") || !e["ph"].is_string()) return fail(at + ": no string 'ph'");
        const std::string ph = e["ph"];
        const std::string where = at + " (ph " + ph + ")";
        if (!e.contains("name") || !e["name"].is_string()) fail(where + ": no string 'name'");
        if (!e.contains("pid") || !e["pid"].is_number_integer()) return fail(where + ": no integer 'pid'");
        if (e.contains("cat") && !e["cat"].is_string()) fail(where + ": 'cat' is not a string");
        if (e.contains("args") && !e["args"].is_object()) fail(where + ": 'args' is not an object");
        const bool per_thread = ph == "X" || ph == "B" || ph == "E" || ph == "i" || ph == "I" || ph == "M";
        if (per_thread && ph != "M" && (!e.contains("tid") || !e["tid"].is_number_integer()))
            return fail(where + ": no integer 'tid'");
        if (ph != "M" && !time_of(e, "ts", where)) return;
        const long long pid = e["pid"];
        const long long tid = e.contains("tid") && e["tid"].is_number_integer() ? e["tid"].get<long long>() : 0;
        if (ph == "X") {
            ++report.complete;
            if (!time_of(e, "dur", where)) return;
            const long long s = ns(e["ts"]), d = ns(e["dur"]);
            m_complete[{pid, tid}].push_back({s, s + d});
        } else if (ph == "C") {
            ++report.counters;
            if (!e.contains("args") || !e["args"].is_object() || e["args"].empty())
                return fail(where + ": a counter needs args with its values");
            for (const auto& [k, v] : e["args"].items())
                if (!v.is_number()) fail(where + ": counter value '" + k + "' is not a number");
        } else if (ph == "M") {
            metadata(e, where, pid, tid);
        } else if (ph == "B" || ph == "E" || ph == "i" || ph == "I" || ph == "b" || ph == "e" || ph == "n") {
            // Accepted as they are; skipsim writes none of these.
        } else {
            fail(where + ": unknown phase");
        }
    }

    void finish() {
        for (auto& [key, list] : m_complete) {
            const auto name = m_thread_names.find(key);
            const std::string track = name != m_thread_names.end() ? name->second
                                                                   : "pid " + std::to_string(key.first) + " tid " + std::to_string(key.second);
            if (name == m_thread_names.end()) fail("track " + track + " has events but no thread_name");
            nesting(track, list);
        }
        std::map<long long, std::set<std::string>> names;
        for (const auto& [key, n] : m_thread_names)
            if (!names[key.first].insert(n).second) fail("pid " + std::to_string(key.first) + ": two tracks named '" + n + "'");
        report.tracks = m_thread_names.size();
    }

private:
    std::map<std::pair<long long, long long>, std::vector<Interval>> m_complete;
    std::map<std::pair<long long, long long>, std::string> m_thread_names;

    static long long ns(const json& v) { return std::llround(v.get<double>() * 1000.0); }

    bool time_of(const json& e, const char* key, const std::string& where) {
        if (!e.contains(key) || !e[key].is_number()) {
            fail(where + ": no number '" + key + "'");
            return false;
        }
        const double v = e[key].get<double>();
        if (!std::isfinite(v) || v < 0) {
            fail(where + ": '" + key + "' is negative or not finite");
            return false;
        }
        return true;
    }

    void metadata(const json& e, const std::string& where, long long pid, long long tid) {
        static const std::set<std::string> known = {"process_name", "process_labels", "process_sort_index",
                                                    "thread_name", "thread_sort_index"};
        const std::string name = e.contains("name") && e["name"].is_string() ? e["name"].get<std::string>() : "";
        if (!known.count(name)) return fail(where + ": unknown metadata '" + name + "'");
        if (!e.contains("args") || !e["args"].is_object()) return fail(where + ": metadata without args");
        const json& a = e["args"];
        if (name == "thread_name" || name == "thread_sort_index") {
            if (!e.contains("tid") || !e["tid"].is_number_integer()) return fail(where + ": no integer 'tid'");
        }
        if (name == "process_name" || name == "thread_name") {
            if (!a.contains("name") || !a["name"].is_string() || a["name"].get<std::string>().empty())
                return fail(where + ": " + name + " without a non-empty args.name");
            if (name == "thread_name") {
                auto [it, fresh] = m_thread_names.emplace(std::make_pair(pid, tid), a["name"].get<std::string>());
                if (!fresh && it->second != a["name"]) fail(where + ": tid " + std::to_string(tid) + " named twice");
            }
        } else if (name.find("sort_index") != std::string::npos) {
            if (!a.contains("sort_index") || !a["sort_index"].is_number_integer())
                fail(where + ": " + name + " without an integer args.sort_index");
        }
    }

    // Sorted by start, longer first, each event must end by the end of every event still open.
    void nesting(const std::string& track, std::vector<Interval>& list) {
        std::sort(list.begin(), list.end(), [](const Interval& a, const Interval& b) {
            return a.start != b.start ? a.start < b.start : a.end > b.end;
        });
        std::vector<long long> open;
        for (const Interval& e : list) {
            while (!open.empty() && open.back() <= e.start) open.pop_back();
            if (!open.empty() && e.end > open.back()) {
                ++report.overlaps_by_track[track];
                fail("track " + track + ": an event at " + std::to_string(e.start) + " ns to " + std::to_string(e.end) +
                     " ns overlaps one ending at " + std::to_string(open.back()) + " ns without nesting in it");
                continue;
            }
            open.push_back(e.end);
        }
    }
};

}  // namespace

std::string Report::summary() const {
    std::ostringstream o;
    o << events << " events (" << complete << " complete, " << counters << " counter), " << tracks << " tracks, "
      << violations << " violations";
    for (const auto& [track, n] : overlaps_by_track) o << "\n  " << track << ": " << n << " events overlap without nesting";
    for (const auto& m : messages) o << "\n  " << m;
    if (violations > messages.size()) o << "\n  ... " << violations - messages.size() << " more";
    return o.str();
}

Report check_text(const std::string& text) {
    Checker c;
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        c.fail("not valid JSON");
        return c.report;
    }
    const json* list = &doc;
    if (doc.is_object()) {
        if (!doc.contains("traceEvents") || !doc["traceEvents"].is_array()) {
            c.fail("an object without a traceEvents array");
            return c.report;
        }
        if (doc.contains("displayTimeUnit") && doc["displayTimeUnit"] != "ms" && doc["displayTimeUnit"] != "ns")
            c.fail("displayTimeUnit is neither \"ms\" nor \"ns\"");
        list = &doc["traceEvents"];
    } else if (!doc.is_array()) {
        c.fail("neither an object nor an array of events");
        return c.report;
    }
    for (std::size_t i = 0; i < list->size(); ++i) c.event((*list)[i], i);
    c.report.events = list->size();
    c.finish();
    return c.report;
}

Report check_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Report r;
        r.violations = 1;
        r.messages.push_back("cannot read " + path);
        return r;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return check_text(ss.str());
}

}  // namespace skipsim::trace_check
