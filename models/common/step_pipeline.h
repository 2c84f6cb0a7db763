#pragma once
// The double-buffered step pipeline the array accelerators (systolic, bit-serial, zero-skipping,
// PIM) run every layer through. A layer is a list of steps; the next step's operands fill one
// half of the input buffers while the current step computes out of the other, and each step's
// results drain from one half of the output buffer. A step starts when the array is free, its
// fills are done and its output half has drained; the memory models decide how long each
// transfer takes, so the overlap comes from the simulated buffers, not from a formula.
#include <cstddef>
#include <functional>

#include <systemc>

#include "base/units.h"

namespace skipsim {

// What a model does for step i. Transfers are issued in this order for every step: the fills of
// step i + 1, the port traffic of step i, its compute, its drain.
struct StepHooks {
    // Issue the fills of step i at `at`; return when they are done.
    std::function<sc_core::sc_time(std::size_t i, const sc_core::sc_time& at)> fetch;
    // SRAM port traffic while step i computes from `start`; return when it is done.
    std::function<sc_core::sc_time(std::size_t i, const sc_core::sc_time& start)> ports;
    // Compute step i from `start` (cycle mode runs the array until then); set `end`, return the
    // cycles the array computed.
    std::function<Cycles(std::size_t i, const sc_core::sc_time& start, sc_core::sc_time& end)> compute;
    // Count and trace step i, which ran from `start` to `end` (port traffic included).
    std::function<void(std::size_t i, const sc_core::sc_time& start, const sc_core::sc_time& end, Cycles ran)> finished;
    // Drain step i's results from `end`; return when its output half is free again.
    std::function<sc_core::sc_time(std::size_t i, const sc_core::sc_time& end)> drain;
};

}  // namespace skipsim
