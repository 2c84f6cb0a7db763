#pragma once
// What a platform offers before it runs anything: its accelerator's peak MACs per cycle and its
// area (45 nm, from the energy table's area section), built
// by the same code a run builds it with. The platform is elaborated in a forked process (SystemC
// elaborates once per process), so a command may probe many platforms and still run points.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

struct PlatformProbe {
    std::uint64_t peak_macs_per_cycle = 0;
    double clock_ghz = 1;
    double area_mm2 = 0;
};

// Loads `platform` with `overrides` (as `skipsim run --set` takes them) and builds it; a platform
// that does not load or build is the InputError a run of it would give.
PlatformProbe probe_platform(const std::string& platform, const std::vector<std::string>& overrides);

}  // namespace skipsim
