#pragma once
// ONNX import's in-memory entry point: the loader reads files through the format registry
// (--workload model.onnx); this parses a model's bytes as if `path` held them (binary protobuf,
// or its text format when `path` ends in .txtpb), for the fuzz target.
#include <string>

#include "workloads/ir.h"
#include "workloads/loader.h"

namespace skipsim {

Network parse_onnx(const std::string& bytes, const std::string& path, const LoadOptions& opts);

}  // namespace skipsim
