#pragma once
// The platform's area: each component's breakdown (its own area() hook), in platform order, and
// their sum; report.json's `area` object and `totals.area_mm2`, report.html's area table.
#include <memory>
#include <string>
#include <vector>

#include "base/component.h"
#include "base/json_source.h"

namespace skipsim {

struct ComponentArea {
    std::string path;
    AreaBreakdown area;
};

struct PlatformArea {
    std::vector<ComponentArea> components;
    double total_um2() const;
    double total_mm2() const { return total_um2() / 1e6; }
};

// Asks every component; a missing price is a bad-input error (so the run checks it before it
// simulates anything).
PlatformArea platform_area(const std::vector<std::unique_ptr<Component>>& components);
// {"total_mm2", "components": {path: {"um2", "items": [{what, count, um2_each, um2, source}], "note"}}, "note"}
OrderedJson area_json(const PlatformArea& a);

}  // namespace skipsim
