#pragma once
// What the registry knows of a component kind: how to read its parameters and how to build it.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "component.h"
#include "params.h"
#include "registry.h"

namespace skipsim {

struct NamedDoc {
    std::string name, doc;
};

struct KindInfo {
    std::string name, family, summary;
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

using KindRegistry = Registry<KindInfo>;

}  // namespace skipsim
