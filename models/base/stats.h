#pragma once
// Named event counters. Models keep references to their counters (`std::uint64_t& s_macs`), so
// the container must keep element addresses stable: std::map does.
#include <cstdint>
#include <map>
#include <string>

namespace skipsim {

// A counter as its model declared it: name, unit and meaning (`skipsim describe` prints them).
struct StatDoc {
    std::string name, unit, doc;
};

class Counters {
public:
    std::uint64_t& counter(const std::string& name) { return m_values[name]; }
    std::uint64_t get(const std::string& name) const {
        auto it = m_values.find(name);
        return it == m_values.end() ? 0 : it->second;
    }
    const std::map<std::string, std::uint64_t>& all() const { return m_values; }

    // this - earlier, counter by counter (counters only grow).
    Counters minus(const Counters& earlier) const {
        Counters d;
        for (const auto& [k, v] : m_values) d.m_values[k] = v - earlier.get(k);
        return d;
    }
    void add(const Counters& other) {
        for (const auto& [k, v] : other.m_values) m_values[k] += v;
    }

private:
    std::map<std::string, std::uint64_t> m_values;
};

}  // namespace skipsim
