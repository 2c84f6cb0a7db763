#include "crossbar_compute.h"

#include <algorithm>

namespace skipsim {

CrossbarCompute::CrossbarCompute(const Layer& layer, const CrossbarLayout& layout,
                                 const WindowMapping& map, std::uint32_t cell_bits, std::uint32_t adc_bits,
                                 const std::vector<std::int32_t>& input, const std::vector<std::int32_t>& weights)
    : m_layer(layer), m_layout(layout), m_map(map), m_input(input), m_weights(weights), m_cell_bits(cell_bits), m_adc_bits(adc_bits),
      m_offset(std::int64_t{1} << (layer.quant.weight_bits - 1)) {
}

// The weight copy (a, b) of filter k places on window cell (y, x) of channel c; 0 where none.
std::int32_t CrossbarCompute::weight(std::uint32_t group, const CrossbarRow& r, const CrossbarColumn& c) const {
    const Layer& L = m_layer;
    const std::int64_t dy = static_cast<std::int64_t>(r.y) - static_cast<std::int64_t>(c.copy_y) * L.stride_h;
    const std::int64_t dx = static_cast<std::int64_t>(r.x) - static_cast<std::int64_t>(c.copy_x) * L.stride_w;
    if (dy < 0 || dx < 0 || dy % L.dilation_h || dx % L.dilation_w) return 0;
    const std::int64_t ki = dy / L.dilation_h, kj = dx / L.dilation_w;
    if (ki >= L.kernel_h || kj >= L.kernel_w) return 0;
    const std::uint64_t k = static_cast<std::uint64_t>(group) * L.filters_per_group() + c.filter;
    return m_weights[((k * L.channels_per_group() + r.channel) * L.kernel_h + static_cast<std::uint64_t>(ki)) *
                                 L.kernel_w + static_cast<std::uint64_t>(kj)];
}

void CrossbarCompute::program(const std::vector<ArrayTile>& refs) {
    m_arrays.clear();
    const std::uint32_t cell_mask = (1u << m_cell_bits) - 1;
    for (const ArrayTile& t : refs) {
        const auto& rows = m_layout.row_tiles[t.group][t.row_tile];
        const auto& cols = m_layout.col_tiles[t.col_tile];
        Programmed p{t, rows.size(), cols.size(), std::vector<std::uint32_t>(rows.size() * cols.size()), {}};
        for (std::size_t i = 0; i < rows.size(); ++i)
            for (std::size_t j = 0; j < cols.size(); ++j) {
                const auto u = static_cast<std::uint64_t>(weight(t.group, rows[i], cols[j]) + m_offset);
                p.levels[i * cols.size() + j] = static_cast<std::uint32_t>(u >> (cols[j].slice * m_cell_bits)) & cell_mask;
            }
        p.acc.assign(cols.size(), 0);
        m_arrays.push_back(std::move(p));
    }
}

void CrossbarCompute::begin_window(std::uint32_t batch, std::uint64_t wy, std::uint64_t wx) {
    const Layer& L = m_layer;
    m_batch = batch;
    m_wy = wy;
    m_wx = wx;
    const std::int64_t y0 = static_cast<std::int64_t>(wy * m_map.copies_h * L.stride_h) - L.pad_top;
    const std::int64_t x0 = static_cast<std::int64_t>(wx * m_map.copies_w * L.stride_w) - L.pad_left;
    m_inputs.assign(m_layout.row_tiles.size(), {});
    for (std::uint32_t g = 0; g < m_layout.row_tiles.size(); ++g)
        for (const auto& tile : m_layout.row_tiles[g]) {
            std::vector<std::int32_t> in(tile.size(), 0);
            for (std::size_t i = 0; i < tile.size(); ++i) {
                const std::int64_t y = y0 + tile[i].y, x = x0 + tile[i].x;
                if (y < 0 || x < 0 || y >= L.in_h || x >= L.in_w) continue;
                const std::uint64_t ch = static_cast<std::uint64_t>(g) * L.channels_per_group() + tile[i].channel;
                in[i] = m_input[((static_cast<std::uint64_t>(batch) * L.in_channels + ch) * L.in_h +
                                         static_cast<std::uint64_t>(y)) * L.in_w + static_cast<std::uint64_t>(x)];
            }
            m_inputs[g].push_back(std::move(in));
        }
    for (auto& a : m_arrays) std::fill(a.acc.begin(), a.acc.end(), 0);
}

void CrossbarCompute::pulse(std::uint32_t bit, CrossbarCounts& counts) {
    const int abits = m_layer.quant.activation_bits;
    const bool negative = m_layer.quant.activation_signed && static_cast<int>(bit) == abits - 1;
    const std::uint64_t adc_max = (std::uint64_t{1} << m_adc_bits) - 1;
    for (auto& a : m_arrays) {
        const auto& in = m_inputs[a.ref.group][a.ref.row_tile];
        m_sums.assign(a.cols, 0);
        for (std::size_t i = 0; i < a.rows; ++i) {
            if (!((static_cast<std::uint32_t>(in[i]) >> bit) & 1u)) continue;
            const std::uint32_t* lv = &a.levels[i * a.cols];
            for (std::size_t j = 0; j < a.cols; ++j) m_sums[j] += lv[j];
        }
        for (std::size_t j = 0; j < a.cols; ++j) {
            std::uint64_t code = m_sums[j];
            if (code > adc_max) {
                code = adc_max;
                ++counts.clipped;
            }
            const std::int64_t v = static_cast<std::int64_t>(code) << bit;
            a.acc[j] += negative ? -v : v;
        }
        counts.dac_pulses += a.rows;
        counts.cell_reads += a.rows * a.cols;
        counts.conversions += a.cols;
    }
}

void CrossbarCompute::finish_window(std::vector<std::int64_t>& out) {
    const Layer& L = m_layer;
    const std::uint64_t P = L.out_h(), Q = L.out_w();
    for (const auto& a : m_arrays) {
        std::int64_t input_sum = 0;
        for (std::int32_t v : m_inputs[a.ref.group][a.ref.row_tile]) input_sum += v;
        const auto& cols = m_layout.col_tiles[a.ref.col_tile];
        for (std::size_t j = 0; j < a.cols; ++j) {
            const CrossbarColumn& c = cols[j];
            const std::uint64_t p = m_wy * m_map.copies_h + c.copy_y, q = m_wx * m_map.copies_w + c.copy_x;
            if (p >= P || q >= Q) continue;
            std::int64_t v = a.acc[j] * (std::int64_t{1} << (c.slice * m_cell_bits));
            // The offset comes off once per weight, with its least significant slice.
            if (c.slice == 0) v -= m_offset * input_sum;
            const std::uint64_t k = static_cast<std::uint64_t>(a.ref.group) * L.filters_per_group() + c.filter;
            out[((static_cast<std::uint64_t>(m_batch) * L.out_channels + k) * P + p) * Q + q] += v;
        }
    }
}

}  // namespace skipsim
