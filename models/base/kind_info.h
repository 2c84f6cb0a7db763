#pragma once
// What the registry knows of a component kind without building one: its name, family, role and
// summary, its parameters, and how to read them and build the component. Sockets, counters and
// energy events are declared by the component itself where it creates them; `skipsim describe`
// builds one with default parameters to list them.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "component.h"
#include "params.h"
#include "registry.h"

namespace skipsim {

struct KindInfo {
    std::string name, family;
    Role role = Role::accelerator;
    std::string summary;
    std::vector<ParamDoc> params;
    // Reads and validates params strictly; returns every parameter with its final value.
    std::function<OrderedJson(const OrderedJson& params, const std::string& file,
                              const std::string& pointer)>
        resolve;
    // Creates the component from resolved params.
    std::function<std::unique_ptr<Component>(const std::string& name, const OrderedJson& resolved,
                                             BuildContext& ctx)>
        create;
    // The component runs SystemC processes of its own in fast mode. What such a platform
    // computes may depend on the order SystemC runs processes that wake at the same instant, an
    // order other platforms in the same simulation change: its sweep points run alone
    // (tb/run_batch.h).
    bool fast_mode_processes = false;
};

using KindRegistry = Registry<KindInfo>;

}  // namespace skipsim
