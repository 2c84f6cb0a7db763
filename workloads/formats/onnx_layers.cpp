#include "onnx_layers.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "base/error.h"
#include "workloads/layer_checks.h"
#include "base/strict_object.h"
#include "base/json_source.h"
#include "onnx_tensor.h"
#include "workloads/quantize.h"

namespace skipsim::onnx_import {

namespace {

// Operators that carry weights skipsim does not simulate.
const std::set<std::string> kUnsupportedWithWeights = {"ConvTranspose", "LSTM", "GRU", "RNN", "Einsum", "DeformConv"};
// Operators without MACs that may take a large constant (a table, an addend, a shape): edges.
const std::set<std::string> kDataOps = {
    "Add", "Sub", "Mul", "Div", "Pow", "PRelu", "Max", "Min", "Sum", "Mean", "Where", "Equal", "Less", "Greater",
    "Concat", "Gather", "GatherElements", "GatherND", "ScatterND", "ScatterElements", "Expand", "Reshape", "Tile",
    "Pad", "Resize", "Slice", "BatchNormalization", "InstanceNormalization", "LayerNormalization",
    "GroupNormalization", "QuantizeLinear", "DequantizeLinear", "ConstantOfShape", "Range", "Clip", "And", "Or",
    "CastLike", "Identity", "Cast", "Constant"};

std::int64_t int_attr(const onnx::NodeProto& n, const std::string& name, std::int64_t dflt) {
    for (const auto& a : n.attribute())
        if (a.name() == name) return a.i();
    return dflt;
}

std::vector<std::int64_t> ints_attr(const onnx::NodeProto& n, const std::string& name) {
    for (const auto& a : n.attribute())
        if (a.name() == name) return {a.ints().begin(), a.ints().end()};
    return {};
}

std::string string_attr(const onnx::NodeProto& n, const std::string& name) {
    for (const auto& a : n.attribute())
        if (a.name() == name) return a.s();
    return "";
}

bool has_input(const onnx::NodeProto& n, int i) { return n.input_size() > i && !n.input(i).empty(); }

// A weight operand: a constant, or (QDQ) a DequantizeLinear of a constant.
struct Operand {
    const Constant* constant = nullptr;
    const Constant* zero_point = nullptr;
    std::int64_t axis = 0;  // the per-channel axis of a DequantizeLinear
    bool per_axis = false;
};

Operand operand(const Model& m, const onnx::NodeProto& n, int index, int zp_index) {
    Operand o;
    if (!has_input(n, index)) return o;
    auto constant_zero_point = [&](const onnx::NodeProto& node, int i) -> const Constant* {
        if (!has_input(node, i)) return nullptr;
        const Constant* zp = m.constant(node.input(i));
        if (!zp) throw InputError(m.path(), Model::where(node), "expected a constant zero point, got tensor " + name_text(node.input(i)));
        return zp;
    };
    if ((o.constant = m.constant(n.input(index)))) {
        if (zp_index >= 0) o.zero_point = constant_zero_point(n, zp_index);
        return o;
    }
    const onnx::NodeProto* dq = m.producer(n.input(index));
    if (dq && dq->op_type() == "DequantizeLinear" && has_input(*dq, 0) && (o.constant = m.constant(dq->input(0)))) {
        o.zero_point = constant_zero_point(*dq, 2);
        o.axis = int_attr(*dq, "axis", 1);
        o.per_axis = has_input(*dq, 1) && m.constant(dq->input(1)) &&
                     element_count(m.constant(dq->input(1))->dims(), m.path(), Model::where(*dq)) > 1;
    }
    return o;
}

int bits_for(std::int64_t lo, std::int64_t hi) {
    int b = 1;
    while (b < 62 && (lo < -(std::int64_t{1} << (b - 1)) || hi > (std::int64_t{1} << (b - 1)) - 1)) ++b;
    return b;
}

// Weight width from the element type and the zero points: float weights are quantized to 8 bits.
int weight_bits(const Model& m, const onnx::NodeProto& n, const Operand& w) {
    const std::int32_t type = w.constant->elem_type();
    if (is_float_type(type)) return 8;
    std::int64_t lo, hi;
    if (!integer_range(type, lo, hi))
        throw InputError(m.path(), Model::where(n), "expected float or 8/16-bit integer weights, got " + elem_type_name(type));
    std::vector<double> zps = w.zero_point ? m.values(*w.zero_point, "zero point of " + Model::where(n)) : std::vector<double>{0};
    if (zps.empty()) zps = {0};
    const auto [zmin, zmax] = std::minmax_element(zps.begin(), zps.end());
    const int bits = bits_for(lo - static_cast<std::int64_t>(*zmax), hi - static_cast<std::int64_t>(*zmin));
    if (bits > 16)
        throw InputError(m.path(), Model::where(n), "expected weights of at most 16 bits, got " + elem_type_name(type) +
                                                        " weights needing " + std::to_string(bits));
    return bits;
}

// Activations of a quantized operator (or fed by DequantizeLinear): the width of their integer type.
void activation_quant(const Model& m, const onnx::NodeProto& n, bool quantized, Quantization& q) {
    std::int32_t type = 0;
    if (quantized) type = m.elem_type(n.input(0));
    else if (const onnx::NodeProto* dq = m.producer(n.input(0)); dq && dq->op_type() == "DequantizeLinear")
        type = m.elem_type(dq->input(0));
    std::int64_t lo, hi;
    if (!integer_range(type, lo, hi)) return;
    q.activation_bits = std::min(16, bits_for(lo, hi) - (lo == 0 ? 1 : 0));
    q.activation_signed = lo < 0;
}

// Sizes out of range are clamped here and refused by check_layer_limits with the node named.
std::uint32_t dim(std::int64_t v) { return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 0, UINT32_MAX)); }
std::int64_t times(std::int64_t a, std::int64_t b) { return a > 0 && b > INT32_MAX / a ? INT32_MAX : a * b; }

NodeKind read_conv(const Model& m, const onnx::NodeProto& n, PendingLayer& p) {
    const bool qlinear = n.op_type() == "QLinearConv", integer = n.op_type() == "ConvInteger";
    const Operand w = qlinear ? operand(m, n, 3, 5) : operand(m, n, 1, integer ? 3 : -1);
    const int w_index = qlinear ? 3 : 1;
    if (!has_input(n, w_index))
        throw InputError(m.path(), Model::where(n), "expected weights as input " + std::to_string(w_index + 1) +
                                                        ", got " + std::to_string(n.input_size()) + " input(s)");
    if (!w.constant)
        throw InputError(m.path(), Model::where(n), constant_weights_expected(n.input(w_index)));
    const std::vector<std::int64_t> wd = w.constant->dims();
    if (wd.size() != 3 && wd.size() != 4)
        throw InputError(m.path(), Model::where(n), "expected a 1-D or 2-D convolution (weights of rank 3 or 4), got rank " +
                                                        std::to_string(wd.size()));
    if (w.per_axis && w.axis != 0 && w.axis != -static_cast<std::int64_t>(wd.size()))
        throw InputError(m.path(), Model::where(n), "expected weights quantized per output channel (axis 0)");
    const std::vector<std::int64_t> x = m.shape(n.input(0), n);
    if (x.size() != wd.size())
        throw InputError(m.path(), Model::where(n), "expected an input of rank " + std::to_string(wd.size()) + ", got " +
                                                        std::to_string(x.size()));
    const bool one_d = wd.size() == 3;
    Layer& l = p.layer;
    l.kind = LayerKind::conv2d;
    l.batch = dim(x[0]);
    l.in_channels = dim(x[1]);
    l.in_h = one_d ? 1 : dim(x[2]);
    l.in_w = dim(x.back());
    l.out_channels = dim(wd[0]);
    l.kernel_h = one_d ? 1 : dim(wd[2]);
    l.kernel_w = dim(wd.back());
    l.groups = dim(int_attr(n, "group", 1));
    if (l.groups == 0 || static_cast<std::int64_t>(l.groups) * wd[1] != x[1])
        throw InputError(m.path(), Model::where(n), "expected weights of " + std::to_string(x[1]) +
                                                        " input channels over group " + std::to_string(l.groups) + ", got " +
                                                        std::to_string(wd[1]) + " per group");
    auto pair = [&](const std::string& name, std::int64_t dflt, std::uint32_t& h, std::uint32_t& wv) {
        const auto v = ints_attr(n, name);
        h = one_d ? 1 : dim(v.size() == 2 ? v[0] : dflt);
        wv = dim(v.empty() ? dflt : v.back());
    };
    pair("strides", 1, l.stride_h, l.stride_w);
    pair("dilations", 1, l.dilation_h, l.dilation_w);
    const std::string auto_pad = string_attr(n, "auto_pad");
    if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
        auto same = [&](std::uint32_t in, std::uint32_t k, std::uint32_t s, std::uint32_t d, std::uint32_t& lo,
                        std::uint32_t& hi) {
            const std::int64_t out = (static_cast<std::int64_t>(in) + s - 1) / s, span = std::int64_t{d} * (k - 1) + 1;
            const auto total = static_cast<std::uint32_t>(std::max<std::int64_t>(0, (out - 1) * s + span - in));
            lo = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
            hi = total - lo;
        };
        same(l.in_h, l.kernel_h, l.stride_h, l.dilation_h, l.pad_top, l.pad_bottom);
        same(l.in_w, l.kernel_w, l.stride_w, l.dilation_w, l.pad_left, l.pad_right);
    } else if (auto_pad.empty() || auto_pad == "NOTSET") {
        const auto pads = ints_attr(n, "pads");  // [x1_begin, x2_begin, x1_end, x2_end]
        if (pads.size() == 4) l.pad_top = dim(pads[0]), l.pad_left = dim(pads[1]), l.pad_bottom = dim(pads[2]), l.pad_right = dim(pads[3]);
        if (pads.size() == 2) l.pad_left = dim(pads[0]), l.pad_right = dim(pads[1]);
    } else if (auto_pad != "VALID") {
        throw InputError(m.path(), Model::where(n), "expected auto_pad NOTSET, SAME_UPPER, SAME_LOWER or VALID, got " +
                                                        name_text(auto_pad));
    }
    l.quant.weight_bits = weight_bits(m, n, w);
    activation_quant(m, n, qlinear || integer, l.quant);
    p.weights = {w.constant, w.zero_point, false};
    return NodeKind::layer;
}

NodeKind read_matrix(const Model& m, const onnx::NodeProto& n, PendingLayer& p) {
    const std::string& op = n.op_type();
    const bool gemm = op == "Gemm", qlinear = op == "QLinearMatMul", integer = op == "MatMulInteger";
    const int a_index = 0, b_index = qlinear ? 3 : 1;
    for (int i : {a_index, b_index})
        if (!has_input(n, i))
            throw InputError(m.path(), Model::where(n), "expected an operand as input " + std::to_string(i + 1) + ", got " +
                                                            std::to_string(n.input_size()) + " input(s)");
    const Operand a = operand(m, n, a_index, qlinear ? 2 : integer ? 2 : -1);
    const Operand b = operand(m, n, b_index, qlinear ? 5 : integer ? 3 : -1);
    if (a.constant && b.constant) return NodeKind::edge;  // constants folded into constants: nothing runs
    if (!a.constant && !b.constant) return NodeKind::activations_only;
    const bool trans_a = gemm && int_attr(n, "transA", 0), trans_b = gemm && int_attr(n, "transB", 0);
    const bool weights_b = b.constant != nullptr;
    const Operand& w = weights_b ? b : a;
    const std::vector<std::int64_t> wd = w.constant->dims();
    if (wd.size() != 2)
        throw InputError(m.path(), Model::where(n), "expected a 2-D constant operand, got rank " + std::to_string(wd.size()));
    const std::vector<std::int64_t> x = m.shape(n.input(weights_b ? a_index : b_index), n);
    if (x.empty() || (gemm && x.size() != 2))
        throw InputError(m.path(), Model::where(n), "expected an operand of rank " + std::string(gemm ? "2" : "1 or more") +
                                                        ", got rank " + std::to_string(x.size()));
    // Weights held as [in, out] (B, or A transposed) become out x in.
    const bool transpose = weights_b ? !trans_b : trans_a;
    const std::int64_t in = transpose ? wd[0] : wd[1], out = transpose ? wd[1] : wd[0];
    if (w.per_axis && w.axis != (transpose ? 1 : 0) && w.axis != (transpose ? -1 : -2))
        throw InputError(m.path(), Model::where(n), "expected weights quantized per output channel");
    std::int64_t rows = 1;  // the activation's other dimension: rows of the batch
    if (weights_b) {
        const std::int64_t k = gemm && trans_a ? x[0] : x.back();
        if (k != in)
            throw InputError(m.path(), Model::where(n), "expected an operand of " + std::to_string(in) + " columns, got " +
                                                            std::to_string(k));
        for (std::size_t i = 0; i + 1 < x.size(); ++i) rows = times(rows, x[i]);
        if (gemm && trans_a) rows = x[1];
    } else {
        const std::size_t kdim = x.size() >= 2 ? x.size() - 2 : 0;
        const std::int64_t k = gemm && trans_b ? x[1] : x[kdim];
        if (k != in)
            throw InputError(m.path(), Model::where(n), "expected an operand of " + std::to_string(in) + " rows, got " +
                                                            std::to_string(k));
        for (std::size_t i = 0; i < x.size(); ++i)
            if (i != kdim) rows = times(rows, x[i]);
        if (gemm) rows = trans_b ? x[0] : x[1];
    }
    Layer& l = p.layer;
    l.kind = gemm ? LayerKind::linear : LayerKind::matmul;
    l.batch = dim(rows);
    l.in_channels = dim(in);
    l.out_channels = dim(out);
    l.quant.weight_bits = weight_bits(m, n, w);
    if (qlinear || integer) {
        // The activation operand's own type decides its width.
        std::int64_t lo, hi;
        if (integer_range(m.elem_type(n.input(weights_b ? a_index : b_index)), lo, hi)) {
            l.quant.activation_bits = std::min(16, bits_for(lo, hi) - (lo == 0 ? 1 : 0));
            l.quant.activation_signed = lo < 0;
        }
    } else {
        activation_quant(m, n, false, l.quant);
    }
    p.weights = {w.constant, w.zero_point, transpose};
    return NodeKind::layer;
}

}  // namespace

std::string supported_operators() {
    return "Conv, Gemm, MatMul with a constant operand, QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger, "
           "and Conv/Gemm/MatMul with weights through DequantizeLinear";
}

NodeKind read_node(const Model& m, const onnx::NodeProto& n, PendingLayer& out) {
    const std::string& op = n.op_type();
    const bool standard = n.domain().empty() || n.domain() == "ai.onnx";
    out.node = &n;
    if (standard && (op == "Conv" || op == "ConvInteger" || op == "QLinearConv")) return read_conv(m, n, out);
    if (standard && (op == "Gemm" || op == "MatMul" || op == "MatMulInteger" || op == "QLinearMatMul"))
        return read_matrix(m, n, out);
    const std::string refusal = "expected an operator skipsim simulates; the supported operators with weights are " +
                                supported_operators();
    if (standard && kUnsupportedWithWeights.count(op)) throw InputError(m.path(), Model::where(n), refusal);
    if (standard && kDataOps.count(op)) return NodeKind::edge;
    // Any other operator taking a constant matrix carries weights skipsim cannot simulate.
    for (const auto& in : n.input())
        if (const Constant* c = in.empty() ? nullptr : m.constant(in); c && c->dims().size() >= 2)
            throw InputError(m.path(), Model::where(n), "carries weights (" + name_text(in) + "); " + refusal);
    return NodeKind::edge;
}

namespace {

// Real weights must be finite: they are quantized against their largest magnitude.
template <class Value>
void check_finite(std::size_t n, Value value, const Model& m, const std::string& where) {
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(value(i)))
            throw InputError(m.path(), where, "expected finite weights, got " + format_number(value(i)) + " at element " +
                                                  std::to_string(i));
}

// V: float for every type but double, whose tiny values float would turn into zeros.
template <class V>
std::vector<std::int16_t> integer_weights(const Model& m, const PendingLayer& p) {
    const Layer& l = p.layer;
    const WeightRef& w = p.weights;
    const std::string where = "weights of " + Model::where(*p.node);
    const onnx::TensorProto& t = *w.tensor->tensor;
    if (t.data_type() == onnx::TensorProto::FLOAT && !w.transpose && t.data_location() != onnx::TensorProto::EXTERNAL &&
        t.raw_data().size() == 4 * l.weight_count()) {
        // A float model's weights, quantized straight from the file's bytes (no copy of a large tensor).
        const char* raw = t.raw_data().data();
        const auto weight = [raw](std::size_t i) {
            float f;
            std::memcpy(&f, raw + 4 * i, 4);
            return static_cast<double>(f);
        };
        check_finite(l.weight_count(), weight, m, where);
        return quantize_symmetric<std::int16_t>(l.weight_count(), weight, l.quant.weight_bits);
    }
    std::vector<V> v = m.values<V>(*w.tensor, where);
    if (v.size() != l.weight_count())
        throw InputError(m.path(), where, "expected " + std::to_string(l.weight_count()) + " weights, got " +
                                              std::to_string(v.size()));
    const std::uint64_t out = l.out_channels, in = l.weight_count() / std::max<std::uint64_t>(1, out);
    if (w.transpose) {
        std::vector<V> t(v.size());
        for (std::uint64_t i = 0; i < in; ++i)
            for (std::uint64_t o = 0; o < out; ++o) t[o * in + i] = v[i * out + o];
        v.swap(t);
    }
    if (is_float_type(w.tensor->elem_type())) {
        check_finite(v.size(), [&v](std::size_t i) { return static_cast<double>(v[i]); }, m, where);
        return quantize_symmetric<std::int16_t>(v, l.quant.weight_bits);
    }
    const std::vector<double> zps = w.zero_point ? m.values(*w.zero_point, "zero point of " + Model::where(*p.node))
                                                 : std::vector<double>{0};
    if (zps.size() != 1 && zps.size() != out)
        throw InputError(m.path(), Model::where(*p.node), "expected a zero point per tensor or per output channel (" +
                                                              std::to_string(out) + "), got " + std::to_string(zps.size()));
    std::vector<std::int16_t> q(v.size());
    for (std::uint64_t i = 0; i < v.size(); ++i) {
        const double x = static_cast<double>(v[i]) - zps[zps.size() == 1 ? 0 : i / in];
        if (!(x >= -32768 && x <= 32767))  // NaN too
            throw InputError(m.path(), where, "expected weights minus their zero point within 16 bits, got " +
                                                  format_number(x) + " at element " + std::to_string(i));
        q[i] = static_cast<std::int16_t>(x);
    }
    return q;
}

}  // namespace

void read_weights(const Model& m, PendingLayer& p) {
    const bool exact = p.weights.tensor->elem_type() == onnx::TensorProto::DOUBLE;
    p.layer.weights.kind = WeightSource::Kind::values;
    p.layer.weights.values = std::make_shared<const std::vector<std::int16_t>>(
        exact ? integer_weights<double>(m, p) : integer_weights<float>(m, p));
}

}  // namespace skipsim::onnx_import
