#pragma once
// A platform file (schema skipsim.platform/1) read strictly, with --set overrides applied and
// every component's parameters resolved through the registry.
#include <string>
#include <vector>

#include "base/json_source.h"
#include "base/param_origin.h"

namespace skipsim {

struct ComponentSpec {
    std::string name, kind;
    OrderedJson params;  // resolved: every parameter with its final value
    std::string pointer; // where it is in the platform file
};

struct BindingSpec {
    std::string from_component, from_socket, to_component, to_socket;
    std::string pointer;
};

struct PlatformSpec {
    std::string file, name, description;
    double clock_ghz = 1.0;
    std::string energy_table;  // resolved path
    std::string accelerator;   // component driven by the workload driver
    std::vector<ComponentSpec> components;
    std::vector<BindingSpec> bindings;
    std::vector<std::string> overrides;
    ParamOrigins origins;  // where each component parameter came from (file pointer or --set)

    const ComponentSpec* find(const std::string& name) const;
    OrderedJson to_json() const;
};

// Reads `path`, applies `overrides` ("component.param=value" or "clock_ghz=value") and
// validates everything; errors are InputErrors naming the file (or the --set) and the place.
PlatformSpec load_platform(const std::string& path, const std::vector<std::string>& overrides);
// The same from the file's text in memory; `path` names it (and anchors the energy table's path).
PlatformSpec parse_platform_text(const std::string& text, const std::string& path, const std::vector<std::string>& overrides);

}  // namespace skipsim
