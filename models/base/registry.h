#pragma once
// Registry of model kinds. Each model's .cpp registers itself with one line; the builder creates
// components by kind, and `skipsim describe` prints what each kind declares.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "component.h"
#include "params.h"

namespace skipsim {

struct NamedDoc {
    std::string name, doc;
};

struct KindInfo {
    std::string kind, family, summary;
    std::vector<ParamDoc> params;
    std::vector<NamedDoc> sockets, stats, energy_events;
    // Reads and validates params strictly; returns every parameter with its final value.
    std::function<OrderedJson(const OrderedJson& params, const std::string& file,
                              const std::string& pointer)>
        resolve;
    // Creates the component from resolved params.
    std::function<std::unique_ptr<Component>(const std::string& name, const OrderedJson& resolved,
                                             BuildContext& ctx)>
        create;
};

class KindRegistry {
public:
    static KindRegistry& instance();
    void add(KindInfo info);
    const KindInfo* find(const std::string& kind) const;
    std::vector<std::string> kinds() const;

private:
    std::map<std::string, KindInfo> m_kinds;
};

// Used at namespace scope in a model's .cpp: `static const KindRegistration reg{...};`
struct KindRegistration {
    explicit KindRegistration(KindInfo info) { KindRegistry::instance().add(std::move(info)); }
};

}  // namespace skipsim
