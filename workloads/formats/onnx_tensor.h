#pragma once
// The values of ONNX tensors: dense tensors (raw little-endian bytes, the typed fields, or an
// external data file next to the model) and sparse tensors, as doubles (exact for every integer
// type up to 2^53 and every float type).
#include <cstdint>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

namespace skipsim::onnx_import {

std::string elem_type_name(std::int32_t type);
bool is_float_type(std::int32_t type);
// The range of an integer element type; false for other types.
bool integer_range(std::int32_t type, std::int64_t& lo, std::int64_t& hi);

// The element count of a tensor of `dims`; negative or huge dims are errors naming `file` and `where`.
std::uint64_t element_count(const std::vector<std::int64_t>& dims, const std::string& file, const std::string& where);
std::vector<std::int64_t> tensor_dims(const onnx::TensorProto& t);

// `model_path` locates external data; `where` names the tensor in errors ("initializer 'w'").
// V is double (exact for every type) or float (exact for floats and integers up to 2^24).
template <class V>
std::vector<V> tensor_values(const onnx::TensorProto& t, const std::string& model_path, const std::string& where);
// A sparse tensor as the dense one it stands for (ONNX's shape inference types sparse tensors
// apart, so that operators would not take them).
onnx::TensorProto densify(const onnx::SparseTensorProto& t, const std::string& model_path, const std::string& where);
// Frees a tensor's data; the model keeps its name, dims and type.
void release_tensor_data(onnx::TensorProto& t);

}  // namespace skipsim::onnx_import
