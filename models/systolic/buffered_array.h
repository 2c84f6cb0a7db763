#pragma once
// The three-buffer arrangement of the arrays fed from an ifmap, a filter and an ofmap buffer
// (the systolic array and the bit-serial array): the buffer shell with those three roles, and one
// pipeline step's traffic: fills from DRAM, the port streams while the array computes, the drain.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/buffered_accelerator.h"
#include "step_split.h"
#include "tile_plan.h"

namespace skipsim {

// Where the three tensors live in DRAM.
struct DdrLayout {
    std::uint64_t ifmap_base = 0, filter_base = 0, ofmap_base = 0;
};

// Cycle mode's side of a tile: load its operands into the engine (at its first part), step the
// engine (`run(n, until_done)`, as EngineClock::run), store its results (after its last part).
struct TileEngine {
    std::function<void(std::size_t tile)> load, store;
    std::function<Cycles(Cycles n, bool until_done)> run;
};
using StepFinished = std::function<void(const Step& s, const sc_core::sc_time& start, const sc_core::sc_time& end,
                                        Cycles ran)>;

// What each of the three buffers carries, for the socket descriptions.
struct ThreeBufferDocs {
    std::string ifmap_port, filter_port, ofmap_port;
};

class BufferedArray : public BufferedAccelerator {
public:
    BufferedArray(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz,
                  const DdrLayout& ddr, const ThreeBufferDocs& docs);

protected:
    // Usable bytes per buffer half of the bound buffers.
    BufferCapacities capacities() const;
    // The plan's tiles as pipeline steps, each split so its fills and drains fit a buffer half.
    static std::vector<Step> split_steps(const std::vector<Tile>& tiles, const BufferCapacities& caps);
    // Fills of step `s` from DRAM issued at `at`; when they are done.
    sc_core::sc_time fetch_step(const Step& s, const sc_core::sc_time& at);
    // Operand reads and result writes streaming through the buffer ports while `s` computes.
    sc_core::sc_time stream_step(const Step& s, const sc_core::sc_time& start);
    // The drain of `s` to DRAM from `end`; when its output half is free again.
    sc_core::sc_time drain_step(const Step& s, const sc_core::sc_time& end);
    // Runs `steps` through the pipeline with the three buffers' traffic: each step computes for its
    // planned cycles, or in cycle mode (`engine` set) steps the engine; `finished` counts and traces
    // each step. Sets `delay` to the layer's end.
    void run_steps(const std::vector<Step>& steps, const TileEngine* engine, const StepFinished& finished,
                   sc_core::sc_time& delay);

private:
    DdrLayout m_ddr;
};

}  // namespace skipsim
