#pragma once
// An AIE2 lock: a counting semaphore with values 0..63. acquire(n) waits until the value is at
// least n and subtracts it; release(n) adds n. Pure bookkeeping plus one sc_event; the waiting
// (and the deadlock detection) is done by the mesh, which knows every process.
#include <string>
#include <systemc>

namespace skipsim {

struct AieLock {
    std::string name;
    int init = 0;
    int value = 0;
    sc_core::sc_event changed;
    static constexpr int max_value = 63;
};

}  // namespace skipsim
