#pragma once
// The cycle-stepped PE grid, advanced one clock at a time, moving real integer values. It knows
// nothing of folds' origins; the array model feeds it operand tiles and collects results. Fold
// length is not computed anywhere: a fold ends when the pipeline has drained, and the number of
// steps taken is the cycle count.
//
// Registers that only pass values on are kept as windows: an operand moving right along a row
// sits, at every clock, at the position its row's input queue (the skew FIFO at the array's
// edge) gives it, so a row of those registers is a slice of that queue that slides one place per
// clock; the same holds for the stationary operands shifting down during a fill and for OS
// operands moving down. Registers that compute (partial sums moving down, OS accumulators) are
// real per-PE state updated every clock. A PE holding a bubble adds nothing, and no value of a
// bubble's diagonal is ever read out, so only the PEs that hold operands are stepped. The PE
// columns are independent once their operands are placed by the windows, so the grid is stepped
// in blocks of columns, which several lanes (threads) may share; every block steps the same
// clocks and writes only its own results, so the outcome does not depend on the lane count.
#include <cstdint>
#include <memory>
#include <vector>

namespace skipsim {

class LanePool;

class SystolicEngine {
public:
    // `lanes`: threads that step the grid's column blocks (1: the caller's thread alone).
    SystolicEngine(std::uint32_t rows, std::uint32_t cols, unsigned lanes = 1);
    ~SystolicEngine();

    // WS / IS: `stationary` (rows x cols) is shifted in from the top, one row per cycle; then
    // `count` vectors enter from the left, skewed one cycle per row; partial sums flow down and
    // leave the bottom row. `queues` (rows x count, row-major) holds each row's input queue:
    // queues[r * count + k] is element r of vector k. results(): count x cols.
    void start_stationary_fold(const std::vector<std::int32_t>& stationary, const std::vector<std::int32_t>& queues,
                               std::uint64_t count);
    // OS: `left` (rows x depth) streams in from the left and `top` (depth x cols) from the top,
    // each skewed one cycle per row/column; every PE accumulates its own output.
    // results(): rows x cols.
    void start_output_stationary_fold(const std::vector<std::int32_t>& left,
                                      const std::vector<std::int32_t>& top, std::uint64_t depth);

    // Advances one clock. Returns true while the fold is still running after this cycle.
    bool step();
    // Advances up to `max_cycles` clocks, fewer if the fold drains first; returns the clocks taken.
    std::uint64_t advance(std::uint64_t max_cycles);
    bool busy() const { return m_busy; }
    std::uint64_t cycles() const { return m_cycles; }
    const std::vector<std::int64_t>& results() const { return m_results; }
    std::uint64_t pe_updates() const { return m_pe_updates; }
    unsigned lanes() const { return m_lanes; }

    // One block of PE columns and how far it has stepped in the current fold.
    struct Block {
        std::uint32_t c0 = 0, c1 = 0;  // engine columns [c0, c1); engine column e is array column cols - 1 - e
        std::uint64_t t = 0;           // clocks stepped in this fold
        bool drained = false;
    };

private:
    void start(bool stationary, std::uint64_t count);
    void plan_blocks();

    std::uint32_t m_rows, m_cols;
    unsigned m_lanes;
    std::unique_ptr<LanePool> m_pool;  // made at the first clock stepped with more than one lane
    bool m_busy = false, m_stationary = false, m_wide = false;
    std::uint64_t m_count = 0, m_cycles = 0, m_pe_updates = 0;
    std::vector<Block> m_blocks;
    // Per-PE state of a block, rows x its width, columns in engine order (reversed: see Block), so
    // that a row's window over its queue runs forward; each on cache lines of its own.
    struct BlockState {
        std::vector<std::int32_t> weight;  // stationary operands, as the PEs hold them after the fill
        std::vector<std::int32_t> acc32;   // partial sums (WS/IS) or accumulators (OS), when 32 bits hold every sum
        std::vector<std::int64_t> acc64;   // the same, 64 bits wide
        std::int32_t* weight_at = nullptr;
        void* acc = nullptr;  // in acc32 or acc64, for the current fold
    };
    std::vector<BlockState> m_state;
    const std::int32_t* m_queues = nullptr;  // rows x count: each row's input queue
    std::vector<std::int32_t> m_top_skew;    // OS: row j = what the top row's down-registers hold at clock j
    std::vector<std::int64_t> m_results;
};

}  // namespace skipsim
