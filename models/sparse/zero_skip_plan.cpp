#include "zero_skip_plan.h"

#include <algorithm>

namespace skipsim {

FormatSpec layer_format(const Layer& layer, const ZeroSkipShape& a, bool masked) {
    FormatSpec f;
    f.format = masked ? a.format : WeightFormat::dense;
    f.run_bits = a.run_bits;
    f.weight_bits = static_cast<std::uint32_t>(layer.quant.weight_bits);
    // A slice never spans more than the filter's channels, which also keeps it within 32 bits.
    f.slice_len = std::min(a.slice_channels, layer.channels_per_group()) * layer.kernel_h * layer.kernel_w;
    return f;
}

namespace {

LanePass plan_pass(const Layer& l, const std::vector<std::uint8_t>* mask, const ZeroSkipShape& a, std::uint32_t k0,
                   std::uint32_t k1, Bytes& largest) {
    const FormatSpec f = layer_format(l, a, mask != nullptr);
    const auto d = static_cast<std::uint32_t>(l.gemm().d);
    LanePass p;
    p.k0 = k0;
    p.k1 = k1;
    std::vector<StreamCost> lanes;
    for (std::uint32_t k = k0; k < k1; ++k) {
        lanes.push_back(stream_cost(f, mask ? mask->data() + static_cast<std::size_t>(k) * d : nullptr, d));
        const StreamCost& c = lanes.back();
        p.weight_bytes += c.bytes();
        p.metadata_bytes += (c.metadata_bits + 7) / 8;
        p.fillers += c.fillers;
        largest = std::max(largest, c.bytes());
    }
    const std::size_t slices = lanes.front().entries.size();
    for (std::size_t s = 0; s < slices; ++s)
        p.dense_block_cycles += std::min<std::uint64_t>(f.slice_len, d - s * f.slice_len) + a.sync_cycles;
    for (std::size_t g0 = 0; g0 < lanes.size(); g0 += a.group_size) {
        const std::size_t g1 = std::min(lanes.size(), g0 + a.group_size);
        Cycles group = 0;
        for (std::size_t s = 0; s < slices; ++s) {
            std::uint32_t slowest = 0;
            for (std::size_t i = g0; i < g1; ++i) slowest = std::max(slowest, lanes[i].entries[s]);
            for (std::size_t i = g0; i < g1; ++i) {
                p.entries += lanes[i].entries[s];
                p.idle_lane_cycles += slowest - lanes[i].entries[s];
            }
            group += slowest + a.sync_cycles;
        }
        p.block_cycles = std::max(p.block_cycles, group);
    }
    return p;
}

// Activation bytes read per block: each slice's channels over the block's receptive field, read
// once and broadcast to the register files of every group (the groups run the same block and
// slice, a barrier apart), once per conv group the pass's filters belong to.
Bytes block_input_reads(const Layer& l, const LanePass& p, std::uint32_t q_len) {
    const std::uint64_t ab = ceil_div(static_cast<std::uint64_t>(l.quant.activation_bits), 8);
    const std::uint64_t span_h = static_cast<std::uint64_t>(l.dilation_h) * (l.kernel_h - 1) + 1;
    const std::uint64_t span_w = static_cast<std::uint64_t>(l.dilation_w) * (l.kernel_w - 1) + 1;
    const std::uint64_t rows = std::min<std::uint64_t>(l.in_h, span_h);
    const std::uint64_t cols = std::min<std::uint64_t>(l.in_w, static_cast<std::uint64_t>(q_len - 1) * l.stride_w + span_w);
    const std::uint32_t per_group = l.filters_per_group();
    const std::uint64_t conv_groups = (p.k1 - 1) / per_group - p.k0 / per_group + 1;
    return conv_groups * l.channels_per_group() * rows * cols * ab;
}

}  // namespace

ZeroSkipPlan plan_zero_skip_layer(const Layer& l, const std::vector<std::uint8_t>* mask, const ZeroSkipShape& a,
                                  Bytes input_half, Bytes output_half) {
    ZeroSkipPlan plan;
    plan.masked = mask != nullptr;
    const std::uint32_t P = l.out_h(), Q = l.out_w(), K = l.out_channels;
    plan.blocks_per_row = static_cast<std::uint32_t>(ceil_div(Q, a.vector_width));
    plan.slices = static_cast<std::uint32_t>(ceil_div(l.channels_per_group(), a.slice_channels));
    for (std::uint32_t k0 = 0; k0 < K; k0 += a.lanes)
        plan.passes.push_back(plan_pass(l, mask, a, k0, std::min(K, k0 + a.lanes), plan.largest_stream));

    const std::uint64_t ab = ceil_div(static_cast<std::uint64_t>(l.quant.activation_bits), 8);
    const std::uint64_t span_h = static_cast<std::uint64_t>(l.dilation_h) * (l.kernel_h - 1) + 1;
    const std::uint64_t in_row_bytes = static_cast<std::uint64_t>(l.in_w) * l.in_channels * ab;
    auto input_rows = [&](std::uint32_t r0, std::uint32_t r1) {
        const std::int64_t lo = std::max<std::int64_t>(0, static_cast<std::int64_t>(r0) * l.stride_h - l.pad_top);
        const std::int64_t hi = std::min<std::int64_t>(
            l.in_h, static_cast<std::int64_t>(r1 - 1) * l.stride_h - l.pad_top + static_cast<std::int64_t>(span_h));
        return std::make_pair(lo, std::max(lo, hi));
    };
    Bytes weight_addr = 0;
    for (std::uint32_t pi = 0; pi < plan.passes.size(); ++pi) {
        const LanePass& p = plan.passes[pi];
        const std::uint64_t out_row_bytes = static_cast<std::uint64_t>(p.k1 - p.k0) * Q * a.output_bytes;
        Bytes row_reads = 0;
        for (std::uint32_t q0 = 0; q0 < Q; q0 += a.vector_width)
            row_reads += block_input_reads(l, p, std::min(a.vector_width, Q - q0));
        for (std::uint32_t b = 0; b < l.batch; ++b) {
            for (std::uint32_t r0 = 0; r0 < P;) {
                auto fits = [&](std::uint32_t r1) {
                    const auto [lo, hi] = input_rows(r0, r1);
                    return static_cast<std::uint64_t>(hi - lo) * in_row_bytes <= input_half &&
                           (r1 - r0) * out_row_bytes <= output_half;
                };
                if (!fits(r0 + 1)) {
                    const auto [lo, hi] = input_rows(r0, r0 + 1);
                    plan.error = "one output row needs " + std::to_string(static_cast<std::uint64_t>(hi - lo) * in_row_bytes) +
                                 " input bytes and " + std::to_string(out_row_bytes) + " output bytes, the buffer halves hold " +
                                 std::to_string(input_half) + " and " + std::to_string(output_half);
                    plan.steps.clear();
                    return plan;
                }
                std::uint32_t r1 = r0 + 1;
                while (r1 < P && fits(r1 + 1)) ++r1;
                ZeroSkipStep s;
                s.pass = pi;
                s.batch = b;
                s.row0 = r0;
                s.row1 = r1;
                s.blocks = static_cast<std::uint64_t>(r1 - r0) * plan.blocks_per_row;
                s.compute = s.blocks * p.block_cycles;
                if (b == 0 && r0 == 0) s.weight_fill = p.weight_bytes;
                const auto [lo, hi] = input_rows(r0, r1);
                s.input_fill = static_cast<std::uint64_t>(hi - lo) * in_row_bytes;
                s.input_reads = (r1 - r0) * row_reads;
                s.output_writes = s.output_drain = (r1 - r0) * out_row_bytes;
                s.weight_addr = weight_addr;
                s.input_addr = (static_cast<std::uint64_t>(b) * l.in_h + static_cast<std::uint64_t>(lo)) * in_row_bytes;
                s.output_addr = ((static_cast<std::uint64_t>(b) * K + p.k0) * P + r0) * Q * a.output_bytes;
                plan.compute_cycles += s.compute;
                plan.dense_compute_cycles += s.blocks * p.dense_block_cycles;
                plan.steps.push_back(s);
                r0 = r1;
            }
        }
        weight_addr += p.weight_bytes;
    }
    return plan;
}

}  // namespace skipsim
