#include "systolic_engine.h"

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
    if (m_h_tag.size() != n) {
        m_weight.assign(n, 0);
        m_h.assign(n, 0);
        m_h_tag.assign(n, -1);
        m_v.assign(n, 0);
        m_acc.assign(n, 0);
    }
    m_count = count;
    m_t = 0;
    m_cycles = 0;
    m_injected = 0;
    m_live = 0;
    std::fill(m_h_tag.begin(), m_h_tag.end(), -1);
}

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

// One clock of the streaming phase. Registers are updated from the bottom-right corner so that
// every PE reads its neighbours' values from the previous cycle.
void SystolicEngine::step_stream() {
    const std::uint32_t R = m_rows, C = m_cols;
    const std::int64_t t = static_cast<std::int64_t>(m_t);
    for (std::uint32_t r = R; r-- > 0;) {
        std::int32_t* h = &m_h[r * C];
        std::int64_t* tag = &m_h_tag[r * C];
        std::int64_t* v = &m_v[r * C];
        const std::int64_t* v_above = r ? &m_v[(r - 1) * C] : nullptr;
        const std::int32_t* w = &m_weight[r * C];
        for (std::uint32_t c = C; c-- > 1;) {
            h[c] = h[c - 1];
            tag[c] = tag[c - 1];
            v[c] = (v_above ? v_above[c] : 0) + static_cast<std::int64_t>(w[c]) * h[c];
        }
        const std::int64_t m = t - static_cast<std::int64_t>(r);
        if (m >= 0 && static_cast<std::uint64_t>(m) < m_count) {
            h[0] = (*m_stream)[static_cast<std::size_t>(m) * R + r];
            tag[0] = m;
            ++m_injected;
            ++m_live;
        } else {
            h[0] = 0;
            tag[0] = -1;
        }
        v[0] = (v_above ? v_above[0] : 0) + static_cast<std::int64_t>(w[0]) * h[0];
        // An operand that reached the last column has done its last multiply.
        if (tag[C - 1] >= 0) --m_live;
    }
    const std::int64_t* bottom_tag = &m_h_tag[(R - 1) * C];
    const std::int64_t* bottom = &m_v[(R - 1) * C];
    for (std::uint32_t c = 0; c < C; ++c)
        if (bottom_tag[c] >= 0) m_results[static_cast<std::size_t>(bottom_tag[c]) * C + c] = bottom[c];
    m_pe_updates += static_cast<std::uint64_t>(R) * C;
    ++m_t;
    if (m_injected == m_count * R && m_live == 0) m_phase = Phase::idle;
}

void SystolicEngine::step_os() {
    const std::uint32_t R = m_rows, C = m_cols;
    const std::int64_t t = static_cast<std::int64_t>(m_t);
    for (std::uint32_t r = R; r-- > 0;) {
        std::int32_t* h = &m_h[r * C];
        std::int64_t* tag = &m_h_tag[r * C];
        std::int64_t* v = &m_v[r * C];
        const std::int64_t* v_above = r ? &m_v[(r - 1) * C] : nullptr;
        std::int64_t* acc = &m_acc[r * C];
        for (std::uint32_t c = C; c-- > 0;) {
            if (c) {
                h[c] = h[c - 1];
                tag[c] = tag[c - 1];
            } else {
                const std::int64_t k = t - static_cast<std::int64_t>(r);
                if (k >= 0 && static_cast<std::uint64_t>(k) < m_count) {
                    h[0] = (*m_stream)[r * m_count + static_cast<std::size_t>(k)];
                    tag[0] = k;
                    ++m_injected;
                    ++m_live;
                } else {
                    h[0] = 0;
                    tag[0] = -1;
                }
            }
            if (r) {
                v[c] = v_above[c];
            } else {
                const std::int64_t k = t - static_cast<std::int64_t>(c);
                v[c] = (k >= 0 && static_cast<std::uint64_t>(k) < m_count)
                           ? (*m_top)[static_cast<std::size_t>(k) * C + c]
                           : 0;
            }
            acc[c] += h[c] * v[c];
        }
        if (tag[C - 1] >= 0) --m_live;
    }
    m_pe_updates += static_cast<std::uint64_t>(R) * C;
    ++m_t;
    if (m_injected == m_count * R && m_live == 0) {
        for (std::size_t i = 0; i < m_acc.size(); ++i) m_results[i] = m_acc[i];
        m_phase = Phase::idle;
    }
}

}  // namespace skipsim
