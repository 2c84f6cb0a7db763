#include "bitserial_engine.h"

#include <algorithm>

#include "base/error.h"
#include "bitserial_plan.h"

namespace skipsim {

BitserialEngine::BitserialEngine(std::uint32_t rows, std::uint32_t cols, std::uint32_t mux_inputs,
                                 std::uint32_t mac_units, std::uint32_t accumulator_bits)
    : m_rows(rows), m_cols(cols), m_lines(mux_inputs), m_units(mac_units), m_acc(accumulator_bits) {}

void BitserialEngine::start(const BitserialTileData& tile) {
    const std::size_t cells = static_cast<std::size_t>(m_rows) * m_cols;
    if (tile.rows_used == 0 || tile.rows_used > m_rows || tile.weight.size() != cells || tile.select.size() != cells ||
        tile.activation.size() != tile.pixels * m_cols * m_lines || tile.load % tile.rows_used)
        throw InternalError("bit-serial engine: tile does not fit the array");
    m_tile = &tile;
    m_period = activation_period(tile.activation_bits, m_acc, m_units);
    m_cycle = m_stream_cycle = 0;
    m_loaded = 0;
    m_weight.assign(cells, 0);
    m_select.assign(cells, 0);
    m_lines_reg.assign(cells, 0);
    m_lines_next.assign(cells, 0);
    m_psum.assign(cells * m_units, 0);
    m_psum_next.assign(cells * m_units, 0);
    m_state.assign(cells * m_units, Unit{});
    m_edge.assign(static_cast<std::size_t>(m_rows) * m_units, 0);
    m_results.assign(tile.pixels * tile.rows_used, 0);
    m_results_done = 0;
    m_busy = tile.pixels > 0;
}

void BitserialEngine::step() {
    if (!m_busy) return;
    if (m_cycle < m_tile->load) load_step();
    else stream_step();
    ++m_cycle;
}

// Every load_cycles / rows_used cycles the column registers shift up one row and the next word
// enters at the bottom, the topmost row's word first.
void BitserialEngine::load_step() {
    const BitserialTileData& t = *m_tile;
    const Cycles per_row = t.load / t.rows_used;
    if ((m_cycle + 1) % per_row) return;
    for (std::uint32_t r = t.rows_used - 1; r > 0; --r)
        for (std::uint32_t c = 0; c < m_cols; ++c) {
            m_weight[r * m_cols + c] = m_weight[(r - 1) * m_cols + c];
            m_select[r * m_cols + c] = m_select[(r - 1) * m_cols + c];
        }
    const std::uint32_t src = t.rows_used - 1 - m_loaded;
    for (std::uint32_t c = 0; c < m_cols; ++c) {
        m_weight[c] = t.weight[src * m_cols + c];
        m_select[c] = t.select[src * m_cols + c];
    }
    ++m_loaded;
}

void BitserialEngine::stream_step() {
    const BitserialTileData& t = *m_tile;
    const Cycles now = m_stream_cycle++;
    const int ab = t.activation_bits;
    std::fill(m_psum_next.begin(), m_psum_next.end(), 0);
    for (std::uint32_t c = 0; c < m_cols; ++c) {
        // The feeder drives bit k of pixel m into the bottom of column c at m * period + k + c.
        std::uint32_t entering = 0;
        if (now >= c) {
            const Cycles m = (now - c) / m_period, k = (now - c) % m_period;
            if (m < t.pixels && k < static_cast<Cycles>(ab)) {
                const std::int32_t* v = &t.activation[(m * m_cols + c) * m_lines];
                for (std::uint32_t l = 0; l < m_lines; ++l)
                    entering |= ((static_cast<std::uint32_t>(v[l]) >> k) & 1u) << l;
            }
        }
        for (std::uint32_t r = 0; r < t.rows_used; ++r) {
            const std::size_t cell = static_cast<std::size_t>(r) * m_cols + c;
            const std::uint32_t lines = r == 0 ? entering : m_lines_reg[cell - m_cols];
            m_lines_next[cell] = lines;
            if (now < static_cast<Cycles>(r) + c) continue;
            const Cycles local = now - r - c;
            const std::int64_t w = m_weight[cell];
            const std::uint32_t bit_in = (lines >> m_select[cell]) & 1u;
            // Every pixel whose accumulation is still running in this cell, newest first.
            for (Cycles m = local / m_period;; --m) {
                const Cycles k = local - m * m_period;
                if (k >= m_acc) break;
                if (m < t.pixels) {
                    const std::uint32_t u = static_cast<std::uint32_t>(m % m_units);
                    Unit& unit = m_state[cell * m_units + u];
                    if (k == 0) unit = Unit{};
                    if (k < static_cast<Cycles>(ab) && bit_in)
                        unit.product += (t.activation_signed && k + 1 == static_cast<Cycles>(ab)) ? -w : w;
                    const std::uint32_t pbit = static_cast<std::uint32_t>(unit.product & 1);
                    unit.product >>= 1;
                    const std::uint32_t pin = c == 0 ? 0u : m_psum[(cell - 1) * m_units + u];
                    const std::uint32_t sum = pbit + pin + unit.carry;
                    unit.carry = sum >> 1;
                    m_psum_next[cell * m_units + u] = static_cast<std::uint8_t>(sum & 1u);
                    if (c + 1 == m_cols) {
                        std::uint64_t& edge = m_edge[r * m_units + u];
                        if (k == 0) edge = 0;
                        edge |= static_cast<std::uint64_t>(sum & 1u) << k;
                        if (k + 1 == m_acc) {
                            const int shift = 64 - static_cast<int>(m_acc);
                            m_results[m * t.rows_used + r] = static_cast<std::int64_t>(edge << shift) >> shift;
                            ++m_results_done;
                        }
                    }
                }
                if (m == 0) break;
            }
        }
    }
    m_lines_reg.swap(m_lines_next);
    m_psum.swap(m_psum_next);
    if (m_results_done == m_results.size()) m_busy = false;
}

}  // namespace skipsim
