#pragma once
// Energy is counted, not computed, inside models: a model adds events to its ledger
// (`m_energy.add("mac_int8", n)`), and the energy table turns counts into picojoules.
#include <map>
#include <string>

#include "area.h"
#include "json_source.h"
#include "stats.h"
#include "units.h"

namespace skipsim {

// pJ per event, per component kind, read from a JSON file that names its sources.
class EnergyTable {
public:
    static EnergyTable load(const std::string& path);
    static EnergyTable from_json(const OrderedJson& j, const std::string& file);

    // pJ of one `event` of a component of `kind`; `size_bytes` selects a point on a
    // size-dependent curve (SRAM) by log-log interpolation. Missing entries are input errors.
    PicoJoules lookup(const std::string& kind, const std::string& event,
                      double size_bytes = 0) const;

    // um^2 per unit of `entry` of a component of `kind` (the `area` section); `size_bytes` as in
    // lookup(). Missing entries are input errors.
    AreaPrice area(const std::string& kind, const std::string& entry, double size_bytes = 0) const;

    const std::string& file() const { return m_file; }
    const OrderedJson& json() const { return m_json; }

private:
    OrderedJson m_json;
    std::string m_file;
};

class StrictObject;
// Reads an entry's `by_size_bytes` curve strictly (positive sizes as keys, non-negative values).
void read_size_curve(StrictObject& entry);
// The value of a curve of sizes at `size_bytes`: log-log interpolation, the end points beyond.
double value_by_size(const OrderedJson& curve, double size_bytes);

// Event counts of one component and the price of each event, fixed at elaboration.
class EnergyLedger {
public:
    void define(const std::string& event, PicoJoules pj_each) {
        m_price[event] = pj_each;
        m_counts.counter(event);
    }
    void add(const std::string& event, std::uint64_t n) { m_counts.counter(event) += n; }
    std::uint64_t& counter(const std::string& event) { return m_counts.counter(event); }

    const Counters& counts() const { return m_counts; }
    const std::map<std::string, PicoJoules>& prices() const { return m_price; }

    PicoJoules total(const Counters& counts) const;
    PicoJoules total() const { return total(m_counts); }

private:
    Counters m_counts;
    std::map<std::string, PicoJoules> m_price;
};

}  // namespace skipsim
