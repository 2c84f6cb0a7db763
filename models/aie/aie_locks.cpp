#include <sstream>

#include "aie_array.h"
#include "aie_engine.h"

namespace skipsim {

void AieArray::engine_done() {
    --m_active;
    if (m_active == 0) m_done.notify(sc_core::SC_ZERO_TIME);
    else check_deadlock();
}

const std::vector<AieLock*>& AieArray::resolve(AieEngine& e, std::uint32_t instance, const LockRef& l) {
    const std::uint32_t R = m_params.rows, C = m_params.cols;
    std::vector<AieLock*>& v = e.locks;
    v.clear();
    if (l.tile == LockTile::core) {
        switch (e.op) {
            case AieOp::loadfm:
                for (std::uint32_t r = 0; r < R; ++r) v.push_back(&core_lock(r, instance, l.id));
                break;
            case AieOp::loadwm:
                for (std::uint32_t c = 0; c < C; ++c) v.push_back(&core_lock(instance, c, l.id));
                break;
            case AieOp::comp:
            case AieOp::writefm: v.push_back(&core_lock(instance / C, instance % C, l.id)); break;
            default: throw InternalError(std::string(to_string(e.op)) + " names a core lock");
        }
        return v;
    }
    std::uint32_t col = instance, id = l.id;
    if (e.op == AieOp::loadw || e.op == AieOp::loadwm) {
        col = instance % C;
        if (id >= aie_lock::wgt_free) id += 2 * (instance / C);
    } else if (e.op == AieOp::comp || e.op == AieOp::writefm) {
        col = instance % C;
    }
    v.push_back(&mt_lock(col, static_cast<std::uint8_t>(id)));
    return v;
}

void AieArray::acquire(AieEngine& e, AieLock& l, int n) {
    if (m_aborted) throw AieDeadlock("aborted");
    while (l.value < n) {
        ++s_lock_waits;
        m_waiting[e.id] = {&l, n};
        ++m_waiting_count;
        check_deadlock();
        sc_core::wait(l.changed);
        m_waiting[e.id] = {};
        --m_waiting_count;
        if (m_aborted) throw AieDeadlock("aborted");
        if (!m_deadlock.empty()) throw AieDeadlock(m_deadlock);
    }
    l.value -= n;
}

void AieArray::release(AieLock& l, int n) {
    l.value += n;
    if (l.value > AieLock::max_value)
        throw InternalError(path() + ": lock " + l.name + " released beyond " + std::to_string(AieLock::max_value));
    l.changed.notify(sc_core::SC_ZERO_TIME);
}

// Every process still in the layer waits on a lock whose value is too low: nobody can release
// anything any more.
void AieArray::check_deadlock() {
    if (m_active == 0 || m_waiting_count != m_active || !m_deadlock.empty()) return;
    for (const Waiting& w : m_waiting)
        if (w.lock && w.lock->value >= w.n) return;
    std::ostringstream o;
    o << path() << ": deadlock in layer '" << m_plan->layer().name << "' at " << sc_core::sc_time_stamp().to_seconds() * 1e9
      << " ns: " << m_waiting_count << " processes wait on locks:";
    for (std::size_t e = 0, listed = 0; e < m_waiting.size(); ++e) {
        const Waiting& w = m_waiting[e];
        if (!w.lock) continue;
        o << ' ' << m_engines[e]->basename() << " on " << w.lock->name << " (value " << w.lock->value << ", needs " << w.n
          << ")" << (++listed == m_waiting_count ? "" : ",");
    }
    m_deadlock = o.str();
    // Wake the waiting processes so that they unwind (AieDeadlock) instead of staying blocked.
    for (const Waiting& w : m_waiting)
        if (w.lock) w.lock->changed.notify(sc_core::SC_ZERO_TIME);
    m_done.notify(sc_core::SC_ZERO_TIME);
}

}  // namespace skipsim
