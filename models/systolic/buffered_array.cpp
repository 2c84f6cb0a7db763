#include "buffered_array.h"

#include <algorithm>

namespace skipsim {

using sc_core::sc_time;

namespace {
enum Buffer : std::size_t { ifmap, filter, ofmap };
}  // namespace

BufferedArray::BufferedArray(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                             double clock_ghz, const DdrLayout& ddr, const ThreeBufferDocs& docs)
    : BufferedAccelerator(name, std::move(kind), ctx, clock_ghz,
                          {{"ifmap", docs.ifmap_port, "fills of the ifmap buffer"},
                           {"filter", docs.filter_port, "fills of the filter buffer"},
                           {"ofmap", docs.ofmap_port, "drains (and partial-sum refills) of the ofmap buffer"}}),
      m_ddr(ddr) {}

BufferCapacities BufferedArray::capacities() const {
    BufferCapacities c;
    c.ifmap = buffer_half(ifmap);
    c.filter = buffer_half(filter);
    c.ofmap = buffer_half(ofmap);
    return c;
}

std::vector<Step> BufferedArray::split_steps(const std::vector<Tile>& tiles, const BufferCapacities& caps) {
    std::size_t parts = 0;
    for (const Tile& t : tiles) parts += tile_parts(t, caps);
    std::vector<Step> steps;
    steps.reserve(parts);
    for (std::size_t i = 0; i < tiles.size(); ++i) split_tile(tiles[i], i, caps, steps);
    return steps;
}

sc_time BufferedArray::fetch_step(const Step& s, const sc_time& at) {
    sc_time done = at;
    done = std::max(done, fill(filter, m_ddr.filter_base + s.filter_addr, s.filter_fill, at));
    done = std::max(done, fill(ifmap, m_ddr.ifmap_base + s.ifmap_addr, s.ifmap_fill, at));
    done = std::max(done, fill(ofmap, m_ddr.ofmap_base + s.ofmap_addr, s.psum_fill, at));
    return done;
}

sc_time BufferedArray::stream_step(const Step& s, const sc_time& start) {
    sc_time ports = start;
    ports = std::max(ports, read_port(ifmap, s.ifmap_reads, start));
    ports = std::max(ports, read_port(filter, s.filter_reads, start));
    ports = std::max(ports, read_port(ofmap, s.ofmap_reads, start));
    return std::max(ports, write_port(ofmap, s.ofmap_writes, start));
}

sc_time BufferedArray::drain_step(const Step& s, const sc_time& end) {
    return drain(ofmap, m_ddr.ofmap_base + s.ofmap_addr, s.ofmap_drain, end);
}

void BufferedArray::run_steps(const std::vector<Step>& steps, const TileEngine* engine, const StepFinished& finished,
                              sc_time& delay) {
    StepHooks hooks;
    hooks.fetch = [&](std::size_t i, const sc_time& at) { return fetch_step(steps[i], at); };
    hooks.ports = [&](std::size_t i, const sc_time& start) { return stream_step(steps[i], start); };
    hooks.compute = [&](std::size_t i, const sc_time& start, sc_time& end) {
        const Step& s = steps[i];
        if (!engine) {
            end = start + to_time(s.compute);
            return s.compute;
        }
        if (s.part == 0) engine->load(s.tile);
        sc_core::wait(start - sc_core::sc_time_stamp());
        const Cycles ran = engine->run(s.compute, s.part + 1 == s.parts);
        end = sc_core::sc_time_stamp();
        if (s.part + 1 == s.parts) engine->store(s.tile);
        return ran;
    };
    hooks.finished = [&](std::size_t i, const sc_time& start, const sc_time& end, Cycles ran) {
        finished(steps[i], start, end, ran);
    };
    hooks.drain = [&](std::size_t i, const sc_time& end) { return drain_step(steps[i], end); };
    run_step_pipeline(steps.size(), hooks, delay);
}

}  // namespace skipsim
