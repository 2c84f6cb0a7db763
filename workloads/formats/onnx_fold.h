#pragma once
// Shape arithmetic folded into constants. Exporters compute sizes at run time (PyTorch's chunk is
// Shape -> Gather -> Add -> Div -> Mul -> Slice); ONNX 1.12's shape inference propagates few of
// those operators, so the shapes after them stay unknown. Once inference knows a tensor's shape,
// the small int64 computations on it are evaluated here and their nodes become Constant nodes, and
// inference runs again.
#include <onnx/onnx_pb.h>

namespace skipsim::onnx_import {

// Turns every node whose int64 result can now be computed (Shape of a tensor of known shape;
// Gather, Add, Sub, Mul, Div, Concat, Unsqueeze, Squeeze, Slice, Cast, Identity of known small int
// tensors) into a Constant node. Returns whether it changed anything.
bool fold_shape_arithmetic(onnx::ModelProto& model);

}  // namespace skipsim::onnx_import
