#pragma once
// A study's budget (schema skipsim.budget/1, e.g. platforms/budget_1024.json): what every family
// gets (the same peak int8 MACs per cycle at the same clock, the same on-chip SRAM bytes in the
// buffers the platform shares with the others, one energy table) and how each family's platform
// scales to it. Paths are relative to the budget file.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

struct StudyFamily {
    std::string name;                 // "ws_kij", "zero_skip", ...
    std::string platform;             // the family's own platform file (resolved path)
    std::string pruning;              // a registered StudyPruning (study_pruning.h)
    // component.param, doubled (or halved) in turn to reach the peak; "/component.param" is one the
    // peak falls as it grows (halved to raise it)
    std::vector<std::string> scale;
    std::vector<std::string> sram;    // sram_buffer components sharing the budget's SRAM bytes
    std::vector<std::string> set;     // fixed overrides (component.param=value) before scaling
    std::string combine_param;        // component.param set to round(1 / density), or ""
    std::string note;                 // what the budget does not equalise for this family
    std::string pointer;              // where it is in the budget file (/families/N)
};

struct StudyBudget {
    std::string file, name, description;
    std::uint64_t peak_macs_per_cycle = 1024;
    double clock_ghz = 1.0;
    std::uint64_t sram_bytes = 0;
    double area_mm2 = 0;       // with --normalize area, the area each platform fits in (0: the
                               // baseline family's at the peak budget)
    std::string energy_table;  // resolved path
    std::string baseline;      // the family every row is also compared with (dense)
    std::vector<StudyFamily> families;

    const StudyFamily* find(const std::string& family) const;
};

// Reads a budget strictly: unknown keys, wrong types, a missing platform or an unknown pruning
// are InputErrors naming the file and the JSON pointer.
StudyBudget load_budget(const std::string& path);

}  // namespace skipsim
