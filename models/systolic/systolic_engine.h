#pragma once
// The cycle-stepped PE grid: one register set per PE, advanced one clock at a time, moving real
// integer values. It knows nothing of folds' origins; the array model feeds it operand tiles
// and collects results. Fold length is not computed anywhere: a fold ends when the pipeline has
// drained, and the number of steps taken is the cycle count.
#include <cstdint>
#include <vector>

namespace skipsim {

class SystolicEngine {
public:
    SystolicEngine(std::uint32_t rows, std::uint32_t cols);

    // WS / IS: `stationary` (rows x cols) is shifted in from the top, one row per cycle; then
    // `count` vectors of `stream` (count x rows, row-major) enter from the left, skewed one cycle
    // per row; partial sums flow down and leave the bottom row. results(): count x cols.
    void start_stationary_fold(const std::vector<std::int32_t>& stationary,
                               const std::vector<std::int32_t>& stream, std::uint64_t count);
    // OS: `left` (rows x depth) streams in from the left and `top` (depth x cols) from the top,
    // each skewed one cycle per row/column; every PE accumulates its own output.
    // results(): rows x cols.
    void start_output_stationary_fold(const std::vector<std::int32_t>& left,
                                      const std::vector<std::int32_t>& top, std::uint64_t depth);

    // Advances one clock. Returns true while the fold is still running after this cycle.
    bool step();
    bool busy() const { return m_phase != Phase::idle; }
    std::uint64_t cycles() const { return m_cycles; }
    const std::vector<std::int64_t>& results() const { return m_results; }
    std::uint64_t pe_updates() const { return m_pe_updates; }

private:
    enum class Phase { idle, shift_in, stream, os_stream };
    void restart(std::uint64_t count);  // empties the pipeline for a new fold of `count` vectors
    void step_shift_in();
    void step_stream();
    void step_os();

    // Moves row r's operands one PE right and, while the row's share of the stream lasts, takes
    // its next operand (the k-th, k = t - r, at stream[k * k_stride + r * r_stride]) into column
    // 0. Each operand carries a valid bit, as hardware does beside the data (one word per 64
    // columns); the bits move with the operands and count those still in the array.
    void move_right(std::uint32_t r, std::size_t k_stride, std::size_t r_stride);
    bool valid_at(std::uint32_t r, std::uint32_t c) const { return (m_valid[r * m_words + c / 64] >> (c % 64)) & 1; }

    std::uint32_t m_rows, m_cols, m_words = 0;
    Phase m_phase = Phase::idle;
    std::uint64_t m_cycles = 0, m_t = 0, m_count = 0, m_injected = 0, m_live = 0;
    std::uint64_t m_pe_updates = 0;
    const std::vector<std::int32_t>* m_stationary = nullptr;
    const std::vector<std::int32_t>* m_stream = nullptr;
    const std::vector<std::int32_t>* m_top = nullptr;
    // Per-PE registers, row-major rows x cols.
    std::vector<std::int32_t> m_weight;   // stationary operand held by the PE
    std::vector<std::int32_t> m_h;        // operand moving right
    std::vector<std::uint64_t> m_valid;   // per row, a bit per column: m_h holds an operand, not a bubble
    std::vector<std::int64_t> m_v;        // WS/IS: partial sum moving down
    std::vector<std::int32_t> m_down;     // OS: operand moving down
    std::vector<std::int64_t> m_acc;      // OS accumulators
    std::vector<std::int64_t> m_results;
};

}  // namespace skipsim
