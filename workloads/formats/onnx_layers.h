#pragma once
// The ONNX operators skipsim simulates, each turned into a layer of the IR: Conv, Gemm, MatMul
// with a constant operand, QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger, and QDQ
// (Conv, Gemm or MatMul whose weights come through DequantizeLinear from a constant). Every
// other operator is an edge of the graph; one that carries weights skipsim cannot simulate is
// an error.
#include <optional>
#include <string>

#include "onnx_model.h"
#include "workloads/ir.h"

namespace skipsim::onnx_import {

// Where a layer's weights are in the model.
struct WeightRef {
    const Constant* tensor = nullptr;
    const Constant* zero_point = nullptr;  // quantized weights: per tensor or per output channel
    bool transpose = false;                // held as [in, out]: transposed into out x in
};

// A weight-carrying node read as a layer (shape and quantization), its weights not yet read.
struct PendingLayer {
    const onnx::NodeProto* node = nullptr;
    Layer layer;
    WeightRef weights;
};

enum class NodeKind { edge, layer, activations_only };

// What `n` is to skipsim; for a layer, fills `out`. A MatMul of two activations (attention
// scores) is `activations_only`: it has no weights to simulate.
NodeKind read_node(const Model& m, const onnx::NodeProto& n, PendingLayer& out);
// The layer's weights as its integers (K x C/g x R x S): float weights quantized symmetrically to
// 8 bits (zeros stay zero, nonzeros nonzero), integer ones minus their zero point.
void read_weights(const Model& m, PendingLayer& p);

// "Conv, Gemm, MatMul (one operand constant), ..." for messages.
std::string supported_operators();

}  // namespace skipsim::onnx_import
