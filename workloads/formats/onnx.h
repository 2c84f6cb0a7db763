#pragma once
// The ONNX importer (Debian's ONNX and protobuf libraries). The skipsim binary does not link it: it
// loads it as the module skipsim_onnx.so the first time a workload is an ONNX model
// (onnx_format.cpp), so that no other run pays for loading those libraries. Tests and the fuzz
// target link it instead (target skipsim_onnx_linked).
#include <string>

#include "workloads/ir.h"
#include "workloads/loader.h"

namespace skipsim {

// Reads a model file.
Network read_onnx(const std::string& path, const LoadOptions& opts);
// Parses a model's bytes as if `path` held them (binary protobuf, or its text format when `path`
// ends in .txtpb): the fuzz target's in-memory entry point.
Network parse_onnx(const std::string& bytes, const std::string& path, const LoadOptions& opts);

// How format "onnx" reaches the importer: set by the importer where it is linked in
// (onnx_linked.cpp); otherwise the format loads the module, whose entry point returns it.
using OnnxReader = Network (*)(const std::string& path, const LoadOptions& opts);
void set_linked_onnx_reader(OnnxReader reader);

}  // namespace skipsim

// The module's one exported symbol: the importer's read_onnx.
extern "C" skipsim::OnnxReader skipsim_onnx_reader();
