#pragma once
// A family's platform scaled to a study's budget: its `scale` parameters doubled or halved in turn
// until the accelerator's peak MACs per cycle (as the built platform reports it) equals the
// budget's (or, normalising area, until the platform's area is the largest within the budget's), its listed SRAM buffers resized to share the budget's bytes in their original
// proportions, its clock the budget's. The result is a platform file any `skipsim run` takes.
#include <cstdint>
#include <string>
#include <vector>

#include "study_budget.h"

namespace skipsim {

struct ScaledPlatform {
    std::vector<std::string> overrides;  // what differs from the family's own platform (--set form)
    std::uint64_t base_peak = 0;         // the family's own platform's peak MACs per cycle
    std::uint64_t peak = 0;              // after scaling (the budget's, unless it cannot be reached)
    std::uint64_t sram_bytes = 0;        // in the family's listed buffers after scaling
    double area_mm2 = 0;                 // after scaling
};

// What the platforms are made equal in.
enum class StudyNormalize { peak, area };

// Throws InputError when a listed parameter or buffer is not in the family's platform.
// `area_mm2` is the area to fit within when normalising area (unused for peak).
ScaledPlatform scale_to_budget(const StudyFamily& family, const StudyBudget& budget, StudyNormalize normalize = StudyNormalize::peak,
                               double area_mm2 = 0);

// Writes `family`'s platform with `overrides` applied (resolved: every parameter written out) to
// `path`, its energy table named `energy_table` (a path relative to `path`'s folder).
void write_scaled_platform(const StudyFamily& family, const std::vector<std::string>& overrides,
                           const std::string& path, const std::string& energy_table, const std::string& description);

}  // namespace skipsim
