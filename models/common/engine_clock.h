#pragma once
// Cycle mode's one process per array: the layer's thread asks for up to `n` clock edges of a
// register-level engine (or every edge until the engine drains) and waits; the process steps
// the engine once per clock edge and then lets simulated time pass for the edges it stepped, in
// one wait: nothing outside the engine sees its registers between edges, so the run ends at the
// same simulated time as waiting edge by edge would, without a context switch per cycle.
#include <limits>
#include <systemc>

#include "base/units.h"

namespace skipsim {

// Engine: `bool busy() const` and `void step()` (one clock edge of every cell), or, for an engine
// that steps many edges at a time, `Cycles advance(Cycles max)` (up to `max` edges, fewer if it
// drains first; returns the edges stepped).
template <class Engine>
class EngineClock {
public:
    EngineClock(Engine& engine, const sc_core::sc_time& period) : m_engine(engine), m_period(period) {}

    // Spawns the clock process under the module being constructed.
    void spawn(const char* name) {
        sc_core::sc_spawn([this] { process(); }, name);
    }

    // From the layer's thread: runs the engine and returns the edges it ran.
    Cycles run(Cycles n, bool until_done) {
        m_request = n;
        m_until_done = until_done;
        m_run_event.notify(sc_core::SC_ZERO_TIME);
        sc_core::wait(m_done_event);
        return m_done;
    }

private:
    template <class E>
    static auto advance(E& e, Cycles max, int) -> decltype(static_cast<Cycles>(e.advance(max))) {
        return e.advance(max);
    }
    template <class E>
    static Cycles advance(E& e, Cycles max, long) {
        Cycles n = 0;
        for (; n < max && e.busy(); ++n) e.step();
        return n;
    }

    void process() {
        for (;;) {
            sc_core::wait(m_run_event);
            const Cycles limit = m_until_done ? std::numeric_limits<Cycles>::max() : m_request;
            Cycles n = 0;
            while (m_engine.busy() && n < limit) n += advance(m_engine, limit - n, 0);
            if (n) sc_core::wait(sc_core::sc_time::from_value(m_period.value() * n));
            m_done = n;
            m_done_event.notify(sc_core::SC_ZERO_TIME);
        }
    }

    Engine& m_engine;
    sc_core::sc_time m_period;
    sc_core::sc_event m_run_event, m_done_event;
    Cycles m_request = 0, m_done = 0;
    bool m_until_done = false;
};

}  // namespace skipsim
