#include "systolic_engine.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "base/error.h"
#include "base/lane_pool.h"

namespace skipsim {

namespace {

// Columns per block: a block's per-PE state of a 256-row array (partial sums and stationary
// operands, 32 bits each) stays within 128 kB, so it is stepped from the core's own caches.
constexpr std::uint32_t kBlockCols = 64;

// What the row kernels read and write. The per-PE state of a block is its own (rows x block
// width, on cache lines no other block writes), so lanes never write the same line.
struct Grid {
    std::int64_t rows, cols, count;
    const std::int32_t* weight;    // the block's rows x width
    const std::int32_t* queues;    // rows x count
    const std::int32_t* top_skew;  // OS: (count + cols - 1) x cols
    void* acc;                     // the block's rows x width, int32 or int64
    std::int64_t* results;
};

// The engine columns of a row's window that hold operands: engine column e of a row whose
// column-0 operand (array column 0 = engine column cols - 1) is vector j holds vector
// j - (cols - 1) + e, an operand while that is in [0, count). [lo, hi) within the block.
struct Span {
    std::int64_t lo, hi, base;  // base: the vector at engine column 0
};
inline Span operand_span(const Grid& g, const SystolicEngine::Block& b, std::int64_t j) {
    const std::int64_t base = j - (g.cols - 1);
    return {std::max<std::int64_t>(b.c0, -base), std::min<std::int64_t>(b.c1, g.count - base), base};
}

// The clocks a block still runs: a block has drained once its bottom row's window has passed the
// last operand of its queue in every column of the block (after its first stream clock if no
// operand ever enters).
// The rows whose windows hold an operand in some column of the block at stream clock s: those
// whose engine column 0 holds a vector in (-c1, count - c0), [lo, hi] (empty when lo > hi). Short
// folds on tall arrays leave most rows empty at every clock.
struct RowRange {
    std::int64_t lo, hi;
};
inline RowRange busy_rows(const Grid& g, const SystolicEngine::Block& b, std::int64_t s) {
    return {std::max<std::int64_t>(0, s - g.cols + 2 - g.count + b.c0), std::min<std::int64_t>(g.rows - 1, s - g.cols + b.c1)};
}

inline bool drained_after(const Grid& g, const SystolicEngine::Block& b, std::int64_t stream_clock) {
    if (g.count == 0) return true;
    const std::int64_t next_base = stream_clock + 1 - (g.rows - 1) - (g.cols - 1);
    return next_base + b.c0 >= g.count;
}

// WS / IS: `n` clocks of one block. The fill's R clocks move the stationary operands down one row
// each and multiply nothing; then each clock, from the bottom row up (so that every PE reads the
// partial sum the PE above held in the previous clock), every PE holding an operand adds its
// product to the partial sum from above, and the bottom row's finished dot products are read out.
template <class Acc>
inline __attribute__((always_inline)) std::uint64_t stationary_clocks(const Grid g, SystolicEngine::Block& block,
                                                                       std::uint64_t n) {
    // Locals: the stores into partial sums and results must not make the compiler reload these.
    SystolicEngine::Block b = block;
    const std::int64_t R = g.rows, C = g.cols, W = b.c1 - b.c0;
    Acc* const acc = static_cast<Acc*>(g.acc);  // engine column e is column e - c0 of the block's rows
    std::uint64_t ran = 0;
    while (ran < n && !b.drained) {
        if (b.t < static_cast<std::uint64_t>(R)) {
            const std::uint64_t fill = std::min<std::uint64_t>(n - ran, R - b.t);
            b.t += fill;
            ran += fill;
            continue;
        }
        const std::int64_t s = static_cast<std::int64_t>(b.t) - R;  // clock of the stream phase
        if (s - (R - 1) - (C - 1) + b.c0 >= 0 && s - (C - 1) + b.c1 <= g.count) {
            // Every row holds operands in every column of the block (the bulk of a long fold):
            // the same update as below without working out each row's span.
            for (std::int64_t r = R - 1; r > 0; --r) {
                const std::int32_t* __restrict h = g.queues + r * g.count + (s - r - (C - 1) + b.c0);
                const std::int32_t* __restrict w = g.weight + r * W;
                Acc* __restrict v = acc + r * W;
                const Acc* __restrict above = v - W;
                for (std::int64_t i = 0; i < W; ++i) v[i] = above[i] + static_cast<Acc>(w[i]) * h[i];
            }
            const std::int32_t* __restrict h = g.queues + (s - (C - 1) + b.c0);
            const std::int32_t* __restrict w = g.weight;
            Acc* __restrict v = acc;
            for (std::int64_t i = 0; i < W; ++i) v[i] = static_cast<Acc>(w[i]) * h[i];
        } else {
            const RowRange rows = busy_rows(g, b, s);
            for (std::int64_t r = rows.hi; r >= rows.lo; --r) {
                const Span sp = operand_span(g, b, s - r);
                if (sp.lo >= sp.hi) continue;
                const std::int64_t len = sp.hi - sp.lo;
                const std::int32_t* __restrict h = g.queues + r * g.count + (sp.base + sp.lo);
                const std::int32_t* __restrict w = g.weight + r * W + (sp.lo - b.c0);
                Acc* __restrict v = acc + r * W + (sp.lo - b.c0);
                if (r) {
                    const Acc* __restrict above = v - W;
                    for (std::int64_t i = 0; i < len; ++i) v[i] = above[i] + static_cast<Acc>(w[i]) * h[i];
                } else {
                    for (std::int64_t i = 0; i < len; ++i) v[i] = static_cast<Acc>(w[i]) * h[i];
                }
            }
        }
        // Engine column e of the bottom row holds the finished dot product of vector base + e
        // for array column C - 1 - e.
        const Span out = operand_span(g, b, s - (R - 1));
        const Acc* bottom = acc + (R - 1) * W;
        for (std::int64_t e = out.lo; e < out.hi; ++e) g.results[(out.base + e) * C + (C - 1 - e)] = bottom[e - b.c0];
        ++b.t;
        ++ran;
        b.drained = drained_after(g, b, s);
    }
    block = b;
    return ran;
}

// OS: `n` clocks of one block. Every PE holding a pair of operands multiplies them into its own
// accumulator; when the block has drained its accumulators are its results.
template <class Acc>
inline __attribute__((always_inline)) std::uint64_t output_stationary_clocks(const Grid g, SystolicEngine::Block& block,
                                                                              std::uint64_t n) {
    SystolicEngine::Block b = block;
    const std::int64_t R = g.rows, C = g.cols, W = b.c1 - b.c0;
    Acc* const acc = static_cast<Acc*>(g.acc);
    std::uint64_t ran = 0;
    while (ran < n && !b.drained) {
        const std::int64_t s = static_cast<std::int64_t>(b.t);
        const RowRange rows = busy_rows(g, b, s);
        for (std::int64_t r = rows.lo; r <= rows.hi; ++r) {
            const Span sp = operand_span(g, b, s - r);
            if (sp.lo >= sp.hi) continue;
            const std::int64_t len = sp.hi - sp.lo;
            const std::int32_t* __restrict h = g.queues + r * g.count + (sp.base + sp.lo);
            const std::int32_t* __restrict down = g.top_skew + (s - r) * C + sp.lo;
            Acc* __restrict a = acc + r * W + (sp.lo - b.c0);
            for (std::int64_t i = 0; i < len; ++i) a[i] += static_cast<Acc>(h[i]) * down[i];
        }
        ++b.t;
        ++ran;
        b.drained = drained_after(g, b, s);
        if (b.drained)
            for (std::int64_t r = 0; r < R; ++r)
                for (std::int64_t e = b.c0; e < b.c1; ++e) g.results[r * C + (C - 1 - e)] = acc[r * W + (e - b.c0)];
    }
    block = b;
    return ran;
}

// The kernels are built for AVX2 (eight 32-bit or four 64-bit multiply-adds at once) and for any
// x86-64, and the loader picks the one the machine runs.
#if defined(__x86_64__) && defined(__GNUC__)
#define SKIPSIM_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SKIPSIM_SIMD_CLONES
#endif

SKIPSIM_SIMD_CLONES std::uint64_t stationary_clocks32(const Grid& g, SystolicEngine::Block& b, std::uint64_t n) {
    return stationary_clocks<std::int32_t>(g, b, n);
}
SKIPSIM_SIMD_CLONES std::uint64_t stationary_clocks64(const Grid& g, SystolicEngine::Block& b, std::uint64_t n) {
    return stationary_clocks<std::int64_t>(g, b, n);
}
SKIPSIM_SIMD_CLONES std::uint64_t output_stationary_clocks32(const Grid& g, SystolicEngine::Block& b, std::uint64_t n) {
    return output_stationary_clocks<std::int32_t>(g, b, n);
}
SKIPSIM_SIMD_CLONES std::uint64_t output_stationary_clocks64(const Grid& g, SystolicEngine::Block& b, std::uint64_t n) {
    return output_stationary_clocks<std::int64_t>(g, b, n);
}

std::uint64_t max_abs(const std::int32_t* p, std::size_t n) {
    std::int32_t lo = 0, hi = 0;  // a min and max scan, which vectorizes
    for (std::size_t i = 0; i < n; ++i) {
        lo = std::min(lo, p[i]);
        hi = std::max(hi, p[i]);
    }
    return std::max(static_cast<std::uint64_t>(-static_cast<std::int64_t>(lo)), static_cast<std::uint64_t>(hi));
}

// Whether every sum of `terms` products of operands bounded by `a` and `b` fits 32 bits: then the
// 32-bit kernels give the same values as the 64-bit ones, twice as many per instruction.
bool sums_fit_32_bits(std::uint64_t terms, std::uint64_t a, std::uint64_t b) {
    constexpr std::uint64_t limit = std::numeric_limits<std::int32_t>::max();
    if (a == 0 || b == 0) return true;
    if (a > limit / b) return false;
    const std::uint64_t product = a * b;
    return terms <= limit / product;
}

}  // namespace

// Handing blocks to the other lanes and waiting for them costs tens of microseconds (a futex round
// trip each way, more on a virtualised machine), so a call with less work than this steps every
// block on the caller's thread; the blocks are independent, so the results are the same either
// way. Measured on workloads/zoo/bench_cycle.json with --threads 2 (medians of 3, ms): 32x32
// 119 with every call shared, 67 with this (72 on one thread); 64x64 74 and 55 (61); 128x128 58
// and 58 (65). 2 M PE-clocks are about half a millisecond of stepping.
constexpr std::uint64_t kShareWork = std::uint64_t(1) << 21;

SystolicEngine::SystolicEngine(std::uint32_t rows, std::uint32_t cols, unsigned lanes)
    : m_rows(rows), m_cols(cols), m_lanes(std::max(1u, std::min(lanes, cols))) {}

SystolicEngine::~SystolicEngine() = default;

namespace {

// An address in `v` at the start of a cache line, with room for `n` elements after it and at
// least a line of `v` before and after them, so that no other allocation shares the lines written.
template <class T>
T* line_aligned(std::vector<T>& v, std::size_t n) {
    constexpr std::size_t line = 64;
    v.resize(n + 3 * line / sizeof(T));
    const auto at = reinterpret_cast<std::uintptr_t>(v.data());
    return reinterpret_cast<T*>((at + line - 1) / line * line + line);
}

}  // namespace

// The registers are allocated by the first fold: a fast-mode run builds the engine but never
// steps it, and a 1024 x 1024 array's registers are tens of megabytes.
void SystolicEngine::plan_blocks() {
    if (!m_blocks.empty()) return;
    // At least one block per lane, none wider than kBlockCols, all of about the same width.
    std::uint32_t blocks = std::max<std::uint32_t>(m_lanes, (m_cols + kBlockCols - 1) / kBlockCols);
    blocks = (blocks + m_lanes - 1) / m_lanes * m_lanes;
    blocks = std::min(blocks, m_cols);
    m_blocks.resize(blocks);
    m_state.resize(blocks);
    for (std::uint32_t i = 0; i < blocks; ++i) {
        m_blocks[i].c0 = static_cast<std::uint32_t>(static_cast<std::uint64_t>(m_cols) * i / blocks);
        m_blocks[i].c1 = static_cast<std::uint32_t>(static_cast<std::uint64_t>(m_cols) * (i + 1) / blocks);
    }
}

void SystolicEngine::start(bool stationary, std::uint64_t count) {
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        Block& b = m_blocks[i];
        BlockState& st = m_state[i];
        const std::size_t n = static_cast<std::size_t>(m_rows) * (b.c1 - b.c0);
        // OS accumulators start from zero; WS/IS partial sums are written before they are read.
        if (m_wide) {
            st.acc = line_aligned(st.acc64, n);
            if (!stationary) std::fill_n(static_cast<std::int64_t*>(st.acc), n, 0);
        } else {
            st.acc = line_aligned(st.acc32, n);
            if (!stationary) std::fill_n(static_cast<std::int32_t*>(st.acc), n, 0);
        }
        b.t = 0;
        b.drained = false;
    }
    m_stationary = stationary;
    m_count = count;
    m_cycles = 0;
    m_busy = true;
}

void SystolicEngine::start_stationary_fold(const std::vector<std::int32_t>& stationary,
                                           const std::vector<std::int32_t>& queues, std::uint64_t count) {
    if (busy()) throw InternalError("systolic engine: fold started while busy");
    const std::size_t R = m_rows, C = m_cols;
    if (stationary.size() != R * C || queues.size() != count * R)
        throw InternalError("systolic engine: operand tile of the wrong size");
    m_queues = queues.data();
    plan_blocks();
    // The PEs' stationary registers once the fill has shifted every row into place, block by block.
    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        const std::size_t c0 = m_blocks[i].c0, W = m_blocks[i].c1 - c0;
        std::int32_t* w = m_state[i].weight_at = line_aligned(m_state[i].weight, R * W);
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t e = 0; e < W; ++e) w[r * W + e] = stationary[r * C + (C - 1 - (c0 + e))];
    }
    m_wide = !sums_fit_32_bits(R, max_abs(stationary.data(), stationary.size()), max_abs(queues.data(), queues.size()));
    m_results.resize(count * C);  // every entry is written as its dot product leaves the array
    start(true, count);
}

void SystolicEngine::start_output_stationary_fold(const std::vector<std::int32_t>& left,
                                                  const std::vector<std::int32_t>& top, std::uint64_t depth) {
    if (busy()) throw InternalError("systolic engine: fold started while busy");
    const std::size_t R = m_rows, C = m_cols;
    if (left.size() != depth * R || top.size() != depth * C)
        throw InternalError("systolic engine: operand tile of the wrong size");
    m_queues = left.data();
    plan_blocks();
    // Row j: the operands the top row's down-registers hold at clock j (array column c takes
    // top[j - c][c], skewed one clock per column); row r holds row j - r at clock j.
    m_top_skew.assign((depth + C - 1) * C, 0);
    for (std::size_t j = 0; j < depth + C - 1; ++j)
        for (std::size_t e = 0; e < C; ++e) {
            const std::int64_t k = static_cast<std::int64_t>(j) - static_cast<std::int64_t>(C - 1) + static_cast<std::int64_t>(e);
            if (k >= 0 && static_cast<std::uint64_t>(k) < depth)
                m_top_skew[j * C + e] = top[static_cast<std::size_t>(k) * C + (C - 1 - e)];
        }
    m_wide = !sums_fit_32_bits(depth, max_abs(left.data(), left.size()), max_abs(top.data(), top.size()));
    m_results.resize(R * C);  // written from the accumulators as each block drains
    start(false, depth);
}

bool SystolicEngine::step() {
    advance(1);
    return busy();
}

std::uint64_t SystolicEngine::advance(std::uint64_t max_cycles) {
    if (!m_busy || max_cycles == 0) return 0;
    auto kernel = m_stationary ? (m_wide ? stationary_clocks64 : stationary_clocks32)
                               : (m_wide ? output_stationary_clocks64 : output_stationary_clocks32);
    std::vector<std::uint64_t> ran(m_blocks.size(), 0);
    auto lane_work = [&](unsigned lane) {
        for (std::size_t i = lane; i < m_blocks.size(); i += m_lanes) {
            const Grid g{m_rows,           m_cols,        static_cast<std::int64_t>(m_count), m_state[i].weight_at,
                         m_queues,         m_top_skew.data(), m_state[i].acc,                  m_results.data()};
            ran[i] = kernel(g, m_blocks[i], max_cycles);
        }
    };
    // At most this many PE-clocks: a fold's clocks are its vectors plus the fill and the drain.
    const std::uint64_t clocks_bound = std::min<std::uint64_t>(max_cycles, m_count + m_rows + m_cols);
    if (m_lanes > 1 && clocks_bound * m_rows * m_cols >= kShareWork) {
        if (!m_pool) m_pool = std::make_unique<LanePool>(m_lanes);
        m_pool->run(lane_work);
    } else {
        for (unsigned lane = 0; lane < m_lanes; ++lane) lane_work(lane);
    }
    // The array steps as long as its slowest block: every block runs the same clocks until it
    // drains, and a drained block holds only bubbles.
    const std::uint64_t clocks = *std::max_element(ran.begin(), ran.end());
    m_cycles += clocks;
    m_pe_updates += clocks * m_rows * m_cols;
    m_busy = std::any_of(m_blocks.begin(), m_blocks.end(), [](const Block& b) { return !b.drained; });
    return clocks;
}

}  // namespace skipsim
