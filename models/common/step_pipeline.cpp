#include <algorithm>

#include "buffered_accelerator.h"

namespace skipsim {

Cycles BufferedAccelerator::run_step_pipeline(std::size_t steps, const StepHooks& hooks, sc_core::sc_time& delay) {
    using sc_core::sc_time;
    const sc_time layer_start = sc_core::sc_time_stamp() + delay;
    sc_time t = layer_start;  // when the array is free
    sc_time fill_done = steps ? hooks.fetch(0, t) : t;
    sc_time half_free[2] = {layer_start, layer_start};  // output buffer halves, free after their drain
    sc_time drains_done = layer_start;
    sc_time fetched_from = layer_start;  // when the fills of the current step were issued
    Cycles busy = 0;
    for (std::size_t i = 0; i < steps; ++i) {
        const sc_time start = std::max({t, fill_done, half_free[i % 2]});
        if (tracing() && start > t)
            trace(fill_done >= half_free[i % 2] ? "wait for operands" : "wait for output buffer", "stall", t, start);
        const sc_time next_fill = i + 1 < steps ? hooks.fetch(i + 1, start) : start;
        const sc_time ports = hooks.ports(i, start);
        sc_time end;
        const Cycles ran = hooks.compute(i, start, end);
        end = std::max(end, ports);
        busy += ran;
        hooks.finished(i, start, end, ran);
        const sc_time drained = hooks.drain(i, end);
        if (tracing()) {
            // Double-buffer halves in use: an operand half from its fill until its step ends, a
            // result half from its step's start until it has drained.
            trace_level("buffer halves in use", "operands", fetched_from, end, 1);
            trace_level("buffer halves in use", "results", start, drained, 1);
            fetched_from = start;
        }
        half_free[i % 2] = drained;
        drains_done = std::max(drains_done, drained);
        t = end;
        fill_done = next_fill;
    }
    const sc_time layer_end = std::max(t, drains_done);
    const Cycles total = static_cast<Cycles>(to_cycles(layer_end - layer_start) + 0.5);
    s_layers += 1;
    s_compute_cycles += busy;
    s_busy_cycles += total;
    s_stall_cycles += total > busy ? total - busy : 0;
    delay = layer_end - sc_core::sc_time_stamp();
    return busy;
}

}  // namespace skipsim
