#include "onnx_fold.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onnx_tensor.h"

namespace skipsim::onnx_import {

namespace {

constexpr std::size_t kMaxFoldElements = 64;  // shape arithmetic only: small vectors

struct Ints {
    std::vector<std::int64_t> dims, v;
};

std::optional<Ints> ints_of(const onnx::TensorProto& t) {
    if ((t.data_type() != onnx::TensorProto::INT64 && t.data_type() != onnx::TensorProto::INT32) ||
        t.data_location() == onnx::TensorProto::EXTERNAL)
        return std::nullopt;
    Ints r{tensor_dims(t), {}};
    std::size_t n = 1;
    for (std::int64_t d : r.dims) {
        if (d < 0 || d > static_cast<std::int64_t>(kMaxFoldElements)) return std::nullopt;
        n *= static_cast<std::size_t>(d);
    }
    if (n > kMaxFoldElements) return std::nullopt;
    try {
        for (double x : tensor_values<double>(t, "", "")) r.v.push_back(static_cast<std::int64_t>(x));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return r;
}

std::vector<std::int64_t> ints_attr(const onnx::NodeProto& n, const std::string& name, bool& found) {
    for (const auto& a : n.attribute())
        if (a.name() == name) {
            found = true;
            return {a.ints().begin(), a.ints().end()};
        }
    found = false;
    return {};
}

std::int64_t fold_int_attr(const onnx::NodeProto& n, const std::string& name, std::int64_t dflt) {
    for (const auto& a : n.attribute())
        if (a.name() == name) return a.i();
    return dflt;
}

std::optional<Ints> elementwise(const std::string& op, const Ints& a, const Ints& b) {
    if (a.v.size() != b.v.size() && a.v.size() != 1 && b.v.size() != 1) return std::nullopt;
    Ints r{a.v.size() >= b.v.size() ? a.dims : b.dims, {}};
    for (std::size_t i = 0; i < std::max(a.v.size(), b.v.size()); ++i) {
        const std::int64_t x = a.v[a.v.size() == 1 ? 0 : i], y = b.v[b.v.size() == 1 ? 0 : i];
        if (op == "Div" && y == 0) return std::nullopt;
        r.v.push_back(op == "Add" ? x + y : op == "Sub" ? x - y : op == "Mul" ? x * y : x / y);
    }
    return r;
}

// Python-style bounds of ONNX's Slice on one axis of length `len`.
std::optional<Ints> slice(const Ints& data, std::int64_t start, std::int64_t end, std::int64_t step) {
    const auto len = static_cast<std::int64_t>(data.v.size());
    if (step == 0 || data.dims.size() != 1) return std::nullopt;
    auto clamp = [&](std::int64_t i, std::int64_t lo, std::int64_t hi) {
        if (i < 0) i += len;
        return std::max(lo, std::min(hi, i));
    };
    Ints r;
    if (step > 0)
        for (std::int64_t i = clamp(start, 0, len); i < clamp(end, 0, len); i += step) r.v.push_back(data.v[i]);
    else
        for (std::int64_t i = clamp(start, -1, len - 1); i > clamp(end, -1, len - 1); i += step) r.v.push_back(data.v[i]);
    r.dims = {static_cast<std::int64_t>(r.v.size())};
    return r;
}

std::optional<Ints> evaluate(const onnx::NodeProto& n, const std::vector<const Ints*>& in, const onnx::TypeProto* type0) {
    const std::string& op = n.op_type();
    bool has = false;
    if (op == "Shape") {
        if (!type0 || !type0->has_tensor_type() || !type0->tensor_type().has_shape()) return std::nullopt;
        Ints all;
        for (const auto& d : type0->tensor_type().shape().dim()) {
            if (!d.has_dim_value()) return std::nullopt;
            all.v.push_back(d.dim_value());
        }
        all.dims = {static_cast<std::int64_t>(all.v.size())};
        return slice(all, fold_int_attr(n, "start", 0), fold_int_attr(n, "end", INT64_MAX), 1);
    }
    for (const Ints* i : in)
        if (!i) return std::nullopt;
    if (in.empty()) return std::nullopt;
    if (op == "Identity" || op == "Cast") {
        const std::int64_t to = fold_int_attr(n, "to", onnx::TensorProto::INT64);
        if (to != onnx::TensorProto::INT64 && to != onnx::TensorProto::INT32) return std::nullopt;
        return *in[0];
    }
    if ((op == "Add" || op == "Sub" || op == "Mul" || op == "Div") && in.size() == 2) return elementwise(op, *in[0], *in[1]);
    if (op == "Gather" && in.size() == 2 && in[0]->dims.size() == 1 && fold_int_attr(n, "axis", 0) == 0) {
        Ints r{in[1]->dims, {}};
        const auto len = static_cast<std::int64_t>(in[0]->v.size());
        for (std::int64_t i : in[1]->v) {
            if (i < -len || i >= len) return std::nullopt;
            r.v.push_back(in[0]->v[static_cast<std::size_t>(i < 0 ? i + len : i)]);
        }
        return r;
    }
    if (op == "Concat") {
        Ints r;
        for (const Ints* i : in) {
            if (i->dims.size() != 1) return std::nullopt;
            r.v.insert(r.v.end(), i->v.begin(), i->v.end());
        }
        r.dims = {static_cast<std::int64_t>(r.v.size())};
        return r;
    }
    if (op == "Unsqueeze" || op == "Squeeze") {
        // Only scalars and vectors of one element move between rank 0 and 1 here.
        const std::vector<std::int64_t> axes = in.size() > 1 ? in[1]->v : ints_attr(n, "axes", has);
        if (in[0]->v.size() != 1 || axes.size() > 1 || (!axes.empty() && axes[0] != 0 && axes[0] != -1)) return std::nullopt;
        return Ints{op == "Unsqueeze" ? std::vector<std::int64_t>{1} : std::vector<std::int64_t>{}, in[0]->v};
    }
    if (op == "Slice" && in.size() >= 3) {
        for (std::size_t k = 1; k < in.size(); ++k)
            if (in[k]->v.size() != 1) return std::nullopt;
        if (in.size() > 3 && in[3]->v[0] != 0 && in[3]->v[0] != -1) return std::nullopt;
        return slice(*in[0], in[1]->v[0], in[2]->v[0], in.size() > 4 ? in[4]->v[0] : 1);
    }
    return std::nullopt;
}

}  // namespace

bool fold_shape_arithmetic(onnx::ModelProto& model) {
    onnx::GraphProto& g = *model.mutable_graph();
    std::map<std::string, Ints> known;
    std::map<std::string, const onnx::TypeProto*> types;
    for (const auto* list : {&g.input(), &g.value_info(), &g.output()})
        for (const auto& v : *list) types[v.name()] = &v.type();
    for (const auto& t : g.initializer())
        if (auto v = ints_of(t)) known[t.name()] = *v;
    bool changed = false;
    for (auto& n : *g.mutable_node()) {
        if ((!n.domain().empty() && n.domain() != "ai.onnx") || n.output_size() != 1) continue;
        if (n.op_type() == "Constant") {
            for (const auto& a : n.attribute())
                if (a.name() == "value")
                    if (auto v = ints_of(a.t())) known[n.output(0)] = *v;
            continue;
        }
        std::vector<const Ints*> in;
        for (const auto& name : n.input()) {
            auto it = known.find(name);
            in.push_back(name.empty() || it == known.end() ? nullptr : &it->second);
        }
        auto t0 = n.input_size() ? types.find(n.input(0)) : types.end();
        const std::optional<Ints> r = evaluate(n, in, t0 == types.end() ? nullptr : t0->second);
        if (!r) continue;
        onnx::TensorProto value;
        value.set_data_type(onnx::TensorProto::INT64);
        for (std::int64_t d : r->dims) value.add_dims(d);
        for (std::int64_t v : r->v) value.add_int64_data(v);
        n.set_op_type("Constant");
        n.clear_input();
        n.clear_attribute();
        onnx::AttributeProto& a = *n.add_attribute();
        a.set_name("value");
        a.set_type(onnx::AttributeProto::TENSOR);
        *a.mutable_t() = value;
        known[n.output(0)] = *r;
        changed = true;
    }
    return changed;
}

}  // namespace skipsim::onnx_import
