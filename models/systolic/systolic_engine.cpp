#include "systolic_engine.h"

#include <cstring>

#include "base/error.h"

namespace skipsim {

// The registers are allocated by the first fold: a fast-mode run builds the engine but never
// steps it, and a 1024 x 1024 array's registers are tens of megabytes.
SystolicEngine::SystolicEngine(std::uint32_t rows, std::uint32_t cols) : m_rows(rows), m_cols(cols) {}

void SystolicEngine::start_stationary_fold(const std::vector<std::int32_t>& stationary,
                                           const std::vector<std::int32_t>& stream,
                                           std::uint64_t count) {
    if (busy()) throw InternalError("systolic engine: fold started while busy");
    if (stationary.size() != static_cast<std::size_t>(m_rows) * m_cols ||
        stream.size() != count * m_rows)
        throw InternalError("systolic engine: operand tile of the wrong size");
    m_stationary = &stationary;
    m_stream = &stream;
    restart(count);
    std::fill(m_weight.begin(), m_weight.end(), 0);
    m_results.assign(count * m_cols, 0);
    m_phase = Phase::shift_in;
}

void SystolicEngine::start_output_stationary_fold(const std::vector<std::int32_t>& left,
                                                  const std::vector<std::int32_t>& top,
                                                  std::uint64_t depth) {
    if (busy()) throw InternalError("systolic engine: fold started while busy");
    if (left.size() != depth * m_rows || top.size() != depth * m_cols)
        throw InternalError("systolic engine: operand tile of the wrong size");
    m_stream = &left;
    m_top = &top;
    restart(depth);
    std::fill(m_acc.begin(), m_acc.end(), 0);
    m_results.assign(static_cast<std::size_t>(m_rows) * m_cols, 0);
    m_phase = Phase::os_stream;
}

void SystolicEngine::restart(std::uint64_t count) {
    const std::size_t n = static_cast<std::size_t>(m_rows) * m_cols;
    if (m_h.size() != n) {
        m_words = (m_cols + 63) / 64;
        m_weight.assign(n, 0);
        m_h.assign(n, 0);
        m_v.assign(n, 0);
        m_down.assign(n, 0);
        m_acc.assign(n, 0);
    }
    m_count = count;
    m_t = 0;
    m_cycles = 0;
    m_injected = 0;
    m_live = 0;
    m_valid.assign(static_cast<std::size_t>(m_rows) * m_words, 0);
}

void SystolicEngine::move_right(std::uint32_t r, std::size_t k_stride, std::size_t r_stride) {
    const std::uint32_t C = m_cols;
    std::int32_t* h = &m_h[r * C];
    std::uint64_t* valid = &m_valid[r * m_words];
    for (std::uint32_t i = m_words; i-- > 0;) valid[i] = (valid[i] << 1) | (i ? valid[i - 1] >> 63 : 0);
    if (C % 64) valid[m_words - 1] &= (std::uint64_t(1) << (C % 64)) - 1;
    std::memmove(h + 1, h, (C - 1) * sizeof *h);
    const std::int64_t k = static_cast<std::int64_t>(m_t) - static_cast<std::int64_t>(r);
    if (k >= 0 && static_cast<std::uint64_t>(k) < m_count) {
        h[0] = (*m_stream)[static_cast<std::size_t>(k) * k_stride + r * r_stride];
        valid[0] |= 1;
        ++m_injected;
        ++m_live;
    } else {
        h[0] = 0;
    }
    // An operand that reached the last column does its last multiply now.
    if (valid_at(r, C - 1)) --m_live;
}

namespace {

// The row kernels are built twice, for AVX2 (four 32x32->64-bit multiply-adds at once) and for any
// x86-64, and the loader picks the one the machine runs.
#if defined(__x86_64__) && defined(__GNUC__)
#define SKIPSIM_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SKIPSIM_SIMD_CLONES
#endif

// One row of the WS/IS streaming step after its operands moved right: each PE adds its product to
// the partial sum from the PE above (that row's value of the previous cycle).
SKIPSIM_SIMD_CLONES void accumulate_row(std::int64_t* __restrict v, const std::int64_t* __restrict above, const std::int32_t* __restrict w,
                    const std::int32_t* __restrict h, std::uint32_t n) {
    for (std::uint32_t c = 0; c < n; ++c) v[c] = above[c] + static_cast<std::int64_t>(w[c]) * h[c];
}
SKIPSIM_SIMD_CLONES void multiply_row(std::int64_t* __restrict v, const std::int32_t* __restrict w, const std::int32_t* __restrict h,
                  std::uint32_t n) {
    for (std::uint32_t c = 0; c < n; ++c) v[c] = static_cast<std::int64_t>(w[c]) * h[c];
}
// One row of the OS step: every PE multiplies the operands passing it into its accumulator.
SKIPSIM_SIMD_CLONES void mac_row(std::int64_t* __restrict acc, const std::int32_t* __restrict h, const std::int32_t* __restrict down,
             std::uint32_t n) {
    for (std::uint32_t c = 0; c < n; ++c) acc[c] += static_cast<std::int64_t>(h[c]) * down[c];
}

}  // namespace

bool SystolicEngine::step() {
    switch (m_phase) {
        case Phase::idle: return false;
        case Phase::shift_in: step_shift_in(); break;
        case Phase::stream: step_stream(); break;
        case Phase::os_stream: step_os(); break;
    }
    ++m_cycles;
    return busy();
}

// Stationary operands enter at the top and shift down one row per cycle: the row destined for
// the bottom goes first, so after `rows` cycles every PE holds its operand.
void SystolicEngine::step_shift_in() {
    const std::uint32_t R = m_rows, C = m_cols;
    for (std::uint32_t r = R; r-- > 1;)
        for (std::uint32_t c = 0; c < C; ++c) m_weight[r * C + c] = m_weight[(r - 1) * C + c];
    const std::uint32_t src_row = R - 1 - static_cast<std::uint32_t>(m_t);
    for (std::uint32_t c = 0; c < C; ++c) m_weight[c] = (*m_stationary)[src_row * C + c];
    m_pe_updates += static_cast<std::uint64_t>(R) * C;
    if (++m_t == R) {
        m_t = 0;
        m_phase = Phase::stream;
    }
}

// One clock of the streaming phase. Rows are updated from the bottom up, so that every PE reads
// the partial sum the PE above it held in the previous cycle.
void SystolicEngine::step_stream() {
    const std::uint32_t R = m_rows, C = m_cols;
    const std::int64_t t = static_cast<std::int64_t>(m_t);
    for (std::uint32_t r = R; r-- > 0;) {
        move_right(r, R, 1);  // vector k's element r is stream[k * R + r]
        const std::int32_t* h = &m_h[r * C];
        if (r) accumulate_row(&m_v[r * C], &m_v[(r - 1) * C], &m_weight[r * C], h, C);
        else multiply_row(&m_v[0], &m_weight[0], h, C);
    }
    // The bottom row's partial sums are finished dot products: the operand at column c entered
    // row R-1 c cycles ago, as vector t - (R-1) - c.
    const std::int64_t* bottom = &m_v[(R - 1) * C];
    for (std::uint32_t c = 0; c < C; ++c)
        if (valid_at(R - 1, c))
            m_results[static_cast<std::size_t>(t - (R - 1) - c) * C + c] = bottom[c];
    m_pe_updates += static_cast<std::uint64_t>(R) * C;
    ++m_t;
    if (m_injected == m_count * R && m_live == 0) m_phase = Phase::idle;
}

void SystolicEngine::step_os() {
    const std::uint32_t R = m_rows, C = m_cols;
    const std::int64_t t = static_cast<std::int64_t>(m_t);
    for (std::uint32_t r = R; r-- > 0;) {
        move_right(r, 1, m_count);  // row r's k-th operand is left[r * depth + k]
        const std::int32_t* h = &m_h[r * C];
        std::int32_t* down = &m_down[r * C];
        // Operands moving down: each row takes the row above's (the top row takes column c's k-th
        // operand, skewed one cycle per column).
        if (r) {
            std::memcpy(down, &m_down[(r - 1) * C], C * sizeof *down);
        } else {
            for (std::uint32_t c = 0; c < C; ++c) {
                const std::int64_t kc = t - static_cast<std::int64_t>(c);
                down[c] = (kc >= 0 && static_cast<std::uint64_t>(kc) < m_count) ? (*m_top)[static_cast<std::size_t>(kc) * C + c] : 0;
            }
        }
        mac_row(&m_acc[r * C], h, down, C);
    }
    m_pe_updates += static_cast<std::uint64_t>(R) * C;
    ++m_t;
    if (m_injected == m_count * R && m_live == 0) {
        for (std::size_t i = 0; i < m_acc.size(); ++i) m_results[i] = m_acc[i];
        m_phase = Phase::idle;
    }
}

}  // namespace skipsim
