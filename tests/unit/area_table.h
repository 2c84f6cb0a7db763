#pragma once
// The shipped energy table, whose area section the area unit tests price their components with;
// their expected figures are worked out by hand from the published numbers the entries cite.
#include "base/energy.h"

namespace skipsim::test {

inline const EnergyTable& shipped_area_table() {
    static const EnergyTable t = EnergyTable::load(SKIPSIM_SOURCE_DIR "/platforms/energy/45nm_horowitz.json");
    return t;
}

// Horowitz ISSCC 2014 (45 nm): 8-bit multiplier 282 um^2, 32-bit adder 137 um^2; NanGate 45 nm DFF_X1.
constexpr double kMult8Um2 = 282, kAdderBitUm2 = 137.0 / 32, kFlopUm2 = 4.522;

}  // namespace skipsim::test
