#pragma once
// The instruction stream the AIE compiler emits and the SystemC mesh executes (seed 003,
// section 4.4): DDR <-> mem-tile (LOAD, LOADW, WRITE), mem-tile <-> cores (LOADFM, LOADWM,
// WRITEFM) and COMP. One instruction drives every instance of its engine at once (the seed's
// "SIMD" view: all columns, all rows or all cores) for `iterations` iterations, chained by locks.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

enum class AieOp : std::uint8_t { load, loadw, loadfm, loadwm, comp, writefm, write };
constexpr int kAieOps = 7;
const char* to_string(AieOp op);

// Which tile's lock an instruction names; the executing engine resolves it to its own core,
// the cores of its column or row, or its mem-tile.
enum class LockTile : std::uint8_t { core, memtile };

namespace aie_lock {
// Core locks. Producer locks start at their buffer count (2 for ping-pong), consumer locks at 0.
constexpr std::uint8_t in_free = 0, in_full = 1, out_free = 2, out_full = 3, w_free = 4, w_full = 5;
constexpr int core_locks = 6;
// Mem-tile locks; the weight pair is repeated for every core row the mem-tile serves
// (id + 2 x (row / cols)).
constexpr std::uint8_t act_free = 0, act_full = 1, ofm_free = 2, ofm_full = 3, wgt_free = 4, wgt_full = 5;
}  // namespace aie_lock

struct LockRef {
    LockTile tile = LockTile::core;
    std::uint8_t id = 0;
    std::uint8_t n = 1;
    // Applies on step s (the iteration's c-piece step) when s % period == at.
    std::uint32_t period = 1, at = 0;
};

struct AieInstr {
    AieOp op = AieOp::load;
    std::string group;              // head / body / tail of a padded convolution, else empty
    std::uint32_t grp = 0;          // convolution group
    std::uint32_t band = 0, pass = 0;
    std::uint32_t iterations = 1;
    std::uint32_t row0 = 0;         // first output row (batch x P + h) of the group
    std::uint32_t wpiece = 0, kpiece = 0;
    std::uint32_t step0 = 0;        // iteration i works on c-piece step step0 + i
    std::uint64_t bytes = 0;        // per iteration of instance 0 (the text form; instances differ)
    std::uint64_t ddr_addr = 0, mt_addr = 0, core_addr = 0;
    std::vector<LockRef> enter, acquire, release, leave;  // enter/leave: once; acquire/release: per step
    double start_ns = -1, end_ns = -1;  // simulated, first instance to start .. last to end
};

// One line per instruction, with its simulated start and end when known.
std::string program_text(const std::vector<AieInstr>& program);

}  // namespace skipsim
