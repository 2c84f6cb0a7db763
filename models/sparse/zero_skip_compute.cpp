#include "zero_skip_compute.h"

#include <algorithm>

namespace skipsim {

ZeroSkipCompute::ZeroSkipCompute(const Layer& layer, const ZeroSkipShape& array, const std::vector<std::int32_t>& input,
                                 const std::vector<std::int32_t>& weights, const std::vector<std::uint8_t>* mask)
    : m_layer(layer), m_array(array), m_format(layer_format(layer, array, mask != nullptr)), m_input(input),
      m_weights(weights), m_mask(mask) {}

Bytes ZeroSkipCompute::load_pass(std::uint32_t k0, std::uint32_t k1) {
    const auto d = static_cast<std::uint32_t>(m_layer.gemm().d);
    m_k0 = k0;
    m_lanes.clear();
    Bytes bytes = 0;
    for (std::uint32_t k = k0; k < k1; ++k) {
        const std::size_t at = static_cast<std::size_t>(k) * d;
        const auto stream = encode_stream(m_format, m_weights.data() + at, m_mask ? m_mask->data() + at : nullptr, d);
        bytes += stream.size();
        m_lanes.push_back(decode_stream(m_format, stream, d));
    }
    return bytes;
}

Cycles ZeroSkipCompute::run_block(std::uint32_t b, std::uint32_t row, std::uint32_t q0, std::uint32_t q1,
                                  std::vector<std::int64_t>& out, ZeroSkipCounts& counts) {
    const Layer& l = m_layer;
    const std::uint32_t R = l.kernel_h, S = l.kernel_w, cg = l.channels_per_group(), fg = l.filters_per_group();
    const std::uint32_t P = l.out_h(), Q = l.out_w(), width = q1 - q0;
    const std::size_t lanes = m_lanes.size();
    m_acc.assign(lanes * width, 0);
    Cycles block = 0;
    for (std::size_t g0 = 0; g0 < lanes; g0 += m_array.group_size) {
        const std::size_t g1 = std::min(lanes, g0 + m_array.group_size);
        Cycles group = 0;
        for (std::size_t s = 0; s < m_lanes[g0].size(); ++s) {
            std::size_t slowest = 0;
            for (std::size_t i = g0; i < g1; ++i) slowest = std::max(slowest, m_lanes[i][s].size());
            // One entry per lane per cycle; a lane out of entries idles until the slice ends.
            for (std::size_t t = 0; t < slowest; ++t) {
                for (std::size_t i = g0; i < g1; ++i) {
                    if (t >= m_lanes[i][s].size()) {
                        ++counts.idle_lane_cycles;
                        continue;
                    }
                    const StreamEntry& e = m_lanes[i][s][t];
                    ++counts.entries;
                    const std::uint32_t k = m_k0 + static_cast<std::uint32_t>(i);
                    const std::uint32_t c = e.pos / (R * S), r = e.pos / S % R, sc = e.pos % S;
                    const std::uint64_t ci = static_cast<std::uint64_t>(k / fg) * cg + c;
                    const std::int64_t ih = static_cast<std::int64_t>(row) * l.stride_h - l.pad_top +
                                            static_cast<std::int64_t>(r) * l.dilation_h;
                    for (std::uint32_t v = 0; v < width; ++v) {
                        ++counts.macs;
                        const std::int64_t iw = static_cast<std::int64_t>(q0 + v) * l.stride_w - l.pad_left +
                                                static_cast<std::int64_t>(sc) * l.dilation_w;
                        if (ih < 0 || ih >= l.in_h || iw < 0 || iw >= l.in_w) continue;  // zero padding
                        const std::size_t x = ((static_cast<std::size_t>(b) * l.in_channels + ci) * l.in_h +
                                               static_cast<std::size_t>(ih)) * l.in_w + static_cast<std::size_t>(iw);
                        m_acc[i * width + v] += static_cast<std::int64_t>(e.value) * m_input[x];
                    }
                }
            }
            group += slowest + m_array.sync_cycles;
        }
        block = std::max(block, group);
    }
    for (std::size_t i = 0; i < lanes; ++i)
        for (std::uint32_t v = 0; v < width; ++v) {
            const std::size_t k = m_k0 + i;
            out[((static_cast<std::size_t>(b) * l.out_channels + k) * P + row) * Q + q0 + v] = m_acc[i * width + v];
        }
    return block;
}

}  // namespace skipsim
