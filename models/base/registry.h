#pragma once
// The one extension mechanism: a thing that comes in kinds (component models, pruning patterns,
// workload formats, ...) registers itself by name in its own .cpp with one line,
//   static const skipsim::Registration<PruningPattern> nm_registration{{"nm", ...}};
// and nothing else names it. Every registry is a Registry<Entry> where Entry has a `name`.
// The variable is named after the file: a unity build compiles several .cpp files as one
// translation unit, where two `registration`s at namespace scope would collide.
// The archives holding registrations are linked whole, so the registering objects stay.
#include <map>
#include <string>
#include <vector>

#include "error.h"

namespace skipsim {

template <class Entry>
class Registry {
public:
    static Registry& instance() {
        static Registry r;
        return r;
    }
    void add(Entry e) {
        const std::string name = e.name;
        if (!m_entries.emplace(name, std::move(e)).second) throw InternalError("registered twice: " + name);
    }
    const Entry* find(const std::string& name) const {
        auto it = m_entries.find(name);
        return it == m_entries.end() ? nullptr : &it->second;
    }
    // In name order.
    std::vector<std::string> names() const {
        std::vector<std::string> v;
        for (const auto& [k, _] : m_entries) v.push_back(k);
        return v;
    }
    const std::map<std::string, Entry>& entries() const { return m_entries; }

private:
    Registry() = default;
    std::map<std::string, Entry> m_entries;
};

// At namespace scope in the file that defines the kind.
template <class Entry>
struct Registration {
    explicit Registration(Entry e) { Registry<Entry>::instance().add(std::move(e)); }
};

}  // namespace skipsim
