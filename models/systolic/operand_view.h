#pragma once
// The GEMM view of a convolution (im2col): operand A(m, d) = the input pixel under reduction
// index d for output pixel m, B(d, n) = the weight, C(m, n) = the output. Used to build
// operand tiles for the cycle-stepped array and to scatter its results back.
#include <cstdint>
#include <vector>

#include "workloads/ir.h"

namespace skipsim {

class OperandView {
public:
    explicit OperandView(const Layer& layer);

    std::int32_t input(const std::vector<std::int32_t>& in, std::uint32_t group, std::uint64_t m,
                       std::uint64_t d) const;
    std::int32_t weight(const std::vector<std::int32_t>& w, std::uint32_t group, std::uint64_t d,
                        std::uint64_t n) const;
    // Filter n's weights in reduction order: weight(w, group, d, n) == filter(w, group, n)[d].
    const std::int32_t* filter(const std::vector<std::int32_t>& w, std::uint32_t group, std::uint64_t n) const;
    std::size_t output_index(std::uint32_t group, std::uint64_t m, std::uint64_t n) const;
    // output_index(group, m, n + 1) - output_index(group, m, n): one output channel's plane.
    std::size_t output_channel_stride() const { return static_cast<std::size_t>(m_p * m_q); }

    // A block of A at once: out[(m - m0) * m_stride + k * d_stride] = A(m, ds[k]) for m in
    // [m0, m0 + m_count); a reduction index at or past the layer's (a pruned slot) leaves its
    // entries as they are. The image position of each m and the offset of each d are worked out
    // once, not per element as input() does.
    void gather_inputs(const std::vector<std::int32_t>& in, std::uint32_t group, std::uint64_t m0, std::uint64_t m_count,
                       const std::vector<std::uint64_t>& ds, std::int32_t* out, std::size_t m_stride,
                       std::size_t d_stride) const;

private:
    const Layer& m_layer;
    std::uint64_t m_p, m_q;
};

}  // namespace skipsim
