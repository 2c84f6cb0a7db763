#pragma once
// Real-valued weights to the integers the hardware computes with: symmetric per-tensor
// quantization to `bits` (w x (2^(bits-1) - 1) / max|w|, round to nearest even), except that a
// nonzero weight never becomes zero: it keeps its sign at magnitude 1. The integer weights then
// have exactly the zeros of the real ones, so a model's pruning survives its quantization.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace skipsim {

// `value(i)` gives weight i of `n`, as a double.
template <class Int, class Value>
std::vector<Int> quantize_symmetric(std::size_t n, Value value, int bits) {
    double max_abs = 0;
    for (std::size_t i = 0; i < n; ++i) max_abs = std::max(max_abs, std::fabs(value(i)));
    const double qmax = static_cast<double>((std::int64_t{1} << (bits - 1)) - 1);
    const double qmin = -qmax - 1;
    const double inverse_scale = max_abs > 0 && qmax > 0 ? qmax / max_abs : 1.0;
    std::vector<Int> q(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double w = value(i);
        double v = std::clamp(std::nearbyint(w * inverse_scale), qmin, qmax);
        if (v == 0 && w != 0) v = w > 0 ? 1 : -1;
        q[i] = static_cast<Int>(v);
    }
    return q;
}

template <class Int, class Real>
std::vector<Int> quantize_symmetric(const std::vector<Real>& w, int bits) {
    return quantize_symmetric<Int>(w.size(), [&](std::size_t i) { return static_cast<double>(w[i]); }, bits);
}

}  // namespace skipsim
