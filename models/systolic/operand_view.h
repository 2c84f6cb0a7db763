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
    std::size_t output_index(std::uint32_t group, std::uint64_t m, std::uint64_t n) const;

private:
    const Layer& m_layer;
    std::uint64_t m_p, m_q;
};

}  // namespace skipsim
