#pragma once
// skipsim membench: drives a saturating stream of requests at one DRAM component of a platform
// (its pure-C++ model, no SystemC) and reports bandwidth, latency, row behaviour and energy.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace skipsim {

struct MembenchOptions {
    std::string platform, component, pattern, out_dir;
    std::uint64_t bytes = 0, request_bytes = 64, seed = 1;
    std::vector<std::string> overrides;
    bool force = false;
};

// Prints the figures to `out` and, with out_dir, writes out_dir/membench.json. Bad input throws
// an InputError naming the option or the platform file and the place in it.
int membench_command(const MembenchOptions& o, std::ostream& out);

}  // namespace skipsim
