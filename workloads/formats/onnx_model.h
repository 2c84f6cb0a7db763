#pragma once
// An ONNX model as skipsim reads it: parsed with ONNX's own protobuf classes, its graph inputs
// fixed by --input-shape, every tensor's shape from ONNX's shape inference, and the constants
// (initializers, sparse initializers, Constant nodes) that nodes take, found through Identity
// and Cast. Control flow (If, Loop, Scan: any subgraph) is refused when the model is read.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "onnx_tensor.h"

namespace skipsim::onnx_import {

// A constant tensor: an initializer (sparse ones made dense) or a Constant node's value.
struct Constant {
    std::string name;  // the tensor holding the data
    onnx::TensorProto* tensor = nullptr;
    std::vector<std::int64_t> dims() const;
    std::int32_t elem_type() const { return tensor->data_type(); }
};

// The message for a weighted operator whose weights are computed: a layer needs them constant.
std::string constant_weights_expected(const std::string& tensor);

class Model {
public:
    // `input_shapes`: "[NAME=]DxDx..." each, as --input-shape gives them.
    Model(const std::string& path, const std::vector<std::string>& input_shapes);
    // The model `path` would hold, parsed from `bytes` (no file is read but external data).
    Model(const std::string& path, const std::vector<std::string>& input_shapes, const std::string& bytes);
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const std::string& path() const { return m_path; }
    const onnx::GraphProto& graph() const { return m_model.graph(); }
    // The constant a tensor is (through Identity and Cast), or null.
    const Constant* constant(const std::string& tensor) const;
    template <class V = double>
    std::vector<V> values(const Constant& c, const std::string& where) const {
        return tensor_values<V>(*c.tensor, m_path, where);
    }
    // Frees a constant's data once the last layer that needs it has its weights.
    void release(const Constant& c);
    // The node producing `tensor`, or null for graph inputs and initializers.
    const onnx::NodeProto* producer(const std::string& tensor) const;
    // A tensor's element type from the model or shape inference (0 when unknown).
    std::int32_t elem_type(const std::string& tensor) const;
    // The shape of `tensor`, an input of `node`; a dimension that stays unknown is an error naming
    // the node and how to fix it.
    std::vector<std::int64_t> shape(const std::string& tensor, const onnx::NodeProto& node) const;
    // "node '/conv1/Conv' (Conv)", for messages.
    static std::string where(const onnx::NodeProto& node);

private:
    void parse();
    void parse_bytes(const std::string& bytes);
    void check_parsed(bool parsed) const;
    void prepare(const std::vector<std::string>& input_shapes);
    void refuse_subgraphs() const;
    void densify_sparse_initializers();
    void fix_input_shapes(const std::vector<std::string>& specs);
    void check_window_attributes() const;
    void state_kernel_shapes();
    void infer_shapes();
    void index();
    std::string input_shape_hint() const;

    std::string m_path;
    bool m_fixed_inputs = false;
    std::map<std::string, std::size_t> m_stated_kernels;  // node name -> its weights' rank, where skipsim stated kernel_shape
    onnx::ModelProto m_model;
    std::map<std::string, Constant> m_constants;
    std::map<std::string, const onnx::NodeProto*> m_producers;
    std::map<std::string, const onnx::TypeProto*> m_types;
    std::vector<std::unique_ptr<onnx::TensorProto>> m_owned;  // Constant nodes' scalar and list values
};

}  // namespace skipsim::onnx_import
