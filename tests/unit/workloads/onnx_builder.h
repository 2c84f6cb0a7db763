#pragma once
// Small ONNX models written with ONNX's own protobuf classes, for the import tests.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "workloads/loader.h"

namespace skipsim::test {

class OnnxBuilder {
public:
    OnnxBuilder() {
        m.set_ir_version(8);
        auto* op = m.add_opset_import();
        op->set_domain("");
        op->set_version(13);
        m.mutable_graph()->set_name("g");
    }
    onnx::GraphProto& g() { return *m.mutable_graph(); }

    // A graph input; a negative size is a dynamic dimension named "N".
    void input(const std::string& name, const std::vector<std::int64_t>& dims, int type = onnx::TensorProto::FLOAT) {
        auto* v = g().add_input();
        v->set_name(name);
        auto* t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(type);
        for (auto d : dims) {
            auto* dim = t->mutable_shape()->add_dim();
            if (d < 0) dim->set_dim_param("N");
            else dim->set_dim_value(d);
        }
    }
    void output(const std::string& name) { g().add_output()->set_name(name); }

    static onnx::TensorProto tensor(const std::string& name, const std::vector<std::int64_t>& dims,
                                    const std::vector<double>& values, int type = onnx::TensorProto::FLOAT,
                                    bool raw = true) {
        onnx::TensorProto t;
        t.set_name(name);
        t.set_data_type(type);
        for (auto d : dims) t.add_dims(d);
        if (type == onnx::TensorProto::FLOAT && raw) {
            std::string bytes(values.size() * 4, '\0');
            for (std::size_t i = 0; i < values.size(); ++i) {
                const float f = static_cast<float>(values[i]);
                std::memcpy(&bytes[i * 4], &f, 4);
            }
            t.set_raw_data(bytes);
        } else if (type == onnx::TensorProto::FLOAT) {
            for (double v : values) t.add_float_data(static_cast<float>(v));
        } else if (type == onnx::TensorProto::INT64) {
            for (double v : values) t.add_int64_data(static_cast<std::int64_t>(v));
        } else if (raw && (type == onnx::TensorProto::INT8 || type == onnx::TensorProto::UINT8)) {
            std::string bytes;
            for (double v : values) bytes += static_cast<char>(static_cast<std::int64_t>(v) & 0xff);
            t.set_raw_data(bytes);
        } else {
            for (double v : values) t.add_int32_data(static_cast<std::int32_t>(v));
        }
        return t;
    }
    void init(const std::string& name, const std::vector<std::int64_t>& dims, const std::vector<double>& values,
              int type = onnx::TensorProto::FLOAT, bool raw = true) {
        *g().add_initializer() = tensor(name, dims, values, type, raw);
    }
    onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& in, const std::vector<std::string>& out,
                          const std::string& name = "") {
        auto* n = g().add_node();
        n->set_op_type(op);
        n->set_name(name);
        for (const auto& i : in) n->add_input(i);
        for (const auto& o : out) n->add_output(o);
        return *n;
    }
    static void ints(onnx::NodeProto& n, const std::string& name, const std::vector<std::int64_t>& v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (auto x : v) a->add_ints(x);
    }
    static void integer(onnx::NodeProto& n, const std::string& name, std::int64_t v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void text(onnx::NodeProto& n, const std::string& name, const std::string& v) {
        auto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(v);
    }

    std::string save(const std::string& file) const {
        const auto dir = std::filesystem::temp_directory_path() / "skipsim-onnx-test";
        std::filesystem::create_directories(dir);
        const std::string path = (dir / file).string();
        std::ofstream out(path, std::ios::binary);
        m.SerializeToOstream(&out);
        return path;
    }
    Network load(const std::string& file, std::vector<std::string> shapes = {},
                 std::vector<std::string>* warnings = nullptr) const {
        LoadOptions o;
        o.input_shapes = std::move(shapes);
        if (warnings) o.warn = [warnings](const std::string& w) { warnings->push_back(w); };
        return load_workload(save(file), o);
    }

    onnx::ModelProto m;
};

// Weights 1..n (no zeros), or with every `zero_every`-th one zero.
inline std::vector<double> ramp(std::size_t n, std::size_t zero_every = 0) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = zero_every && i % zero_every == 0 ? 0.0 : static_cast<double>(i % 7) + 1;
    return v;
}

}  // namespace skipsim::test
