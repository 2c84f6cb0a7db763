#include "energy.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "error.h"
#include "file_stamp.h"
#include "strict_object.h"

namespace skipsim {

void read_size_curve(StrictObject& entry) {
    StrictObject curve = entry.object("by_size_bytes");
    if (curve.json().empty()) throw InputError(curve.file(), curve.pointer(), "expected at least one size point");
    for (auto p = curve.json().begin(); p != curve.json().end(); ++p) {
        char* end = nullptr;
        double size = std::strtod(p.key().c_str(), &end);
        if (end == p.key().c_str() || *end != '\0' || size <= 0)
            throw InputError(curve.file(), curve.where(p.key()), "expected a positive size in bytes as the key");
        curve.get_number(p.key(), 0, 0, 1e9);
    }
    curve.finish();
}

double value_by_size(const OrderedJson& curve, double size_bytes) {
    std::vector<std::pair<double, double>> pts;
    for (auto it = curve.begin(); it != curve.end(); ++it)
        pts.emplace_back(std::strtod(it.key().c_str(), nullptr), it.value().get<double>());
    std::sort(pts.begin(), pts.end());
    if (size_bytes <= pts.front().first || pts.size() == 1) return pts.front().second;
    if (size_bytes >= pts.back().first) return pts.back().second;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        if (size_bytes <= pts[i].first) {
            // Access energy grows roughly as a power of capacity: interpolate in log-log.
            double x0 = std::log(pts[i - 1].first), x1 = std::log(pts[i].first);
            double y0 = std::log(pts[i - 1].second), y1 = std::log(pts[i].second);
            double t = (std::log(size_bytes) - x0) / (x1 - x0);
            return std::exp(y0 + t * (y1 - y0));
        }
    }
    return pts.back().second;
}

EnergyTable EnergyTable::load(const std::string& path) {
    // Parsed once per version of the file: the points of a sweep batch (and the worker they are
    // forked from) share one parse instead of checking the same table each time.
    static StampedMemo<EnergyTable> kept;
    if (const EnergyTable* table = kept.find(path)) return *table;
    return kept.read_and_keep(path, [](const std::string& p) { return from_json(read_json_file(p), p); });
}

EnergyTable EnergyTable::from_json(const OrderedJson& j, const std::string& file) {
    StrictObject root(j, file, "");
    std::string schema = root.get_string("schema");
    if (schema != "skipsim.energy/1")
        throw InputError(file, "/schema", "expected 'skipsim.energy/1', got " + name_text(schema));
    root.get_string("name");
    root.get_string("source");
    StrictObject events = root.object("events");
    for (auto it = events.json().begin(); it != events.json().end(); ++it) {
        StrictObject kind = events.object(it.key());
        for (auto ev = kind.json().begin(); ev != kind.json().end(); ++ev) {
            StrictObject entry = kind.object(ev.key());
            bool has_pj = entry.has("pj"), has_curve = entry.has("by_size_bytes");
            if (has_pj == has_curve)
                throw InputError(file, entry.pointer(),
                                 "expected exactly one of 'pj' or 'by_size_bytes'");
            if (has_pj) entry.get_number("pj", 0, 0, 1e9);
            if (has_curve) read_size_curve(entry);
            entry.get_string("source", "");
            entry.finish();
        }
        kind.finish();
    }
    events.finish();
    if (root.has("area")) read_area_section(root.object("area"));
    root.finish();
    EnergyTable t;
    t.m_json = j;
    t.m_file = file;
    return t;
}

PicoJoules EnergyTable::lookup(const std::string& kind, const std::string& event,
                               double size_bytes) const {
    const std::string ptr = "/events/" + kind + "/" + event;
    if (!m_json.contains("events") || !m_json["events"].contains(kind) ||
        !m_json["events"][kind].contains(event))
        throw InputError(m_file, ptr, "missing energy entry for event '" + event +
                                          "' of kind '" + kind + "'");
    const OrderedJson& e = m_json["events"][kind][event];
    if (e.contains("pj")) return e["pj"].get<double>();
    return value_by_size(e["by_size_bytes"], size_bytes);
}

PicoJoules EnergyLedger::total(const Counters& counts) const {
    PicoJoules sum = 0;
    for (const auto& [event, n] : counts.all()) {
        auto it = m_price.find(event);
        if (it == m_price.end())
            throw InternalError("energy event '" + event + "' counted but never priced");
        sum += static_cast<double>(n) * it->second;
    }
    return sum;
}

}  // namespace skipsim
