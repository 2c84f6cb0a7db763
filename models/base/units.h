#pragma once
// Units used throughout: time inside a component is in cycles of its own clock; conversion to
// seconds (or sc_time) happens only through Clock.
#include <cstdint>

namespace skipsim {

using Cycles = std::uint64_t;
using Bytes = std::uint64_t;
using PicoJoules = double;

struct Clock {
    double ghz = 1.0;
    double period_ns() const { return 1.0 / ghz; }
    double seconds(Cycles c) const { return static_cast<double>(c) / (ghz * 1e9); }
    double ns(Cycles c) const { return static_cast<double>(c) / ghz; }
};

inline std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

}  // namespace skipsim
