#pragma once
// Weights a network holds in memory (read from a model file such as ONNX) written as .npy files,
// so that its native JSON form runs identically.
#include <string>

#include "ir.h"

namespace skipsim {

// Writes every in-memory layer's integer weights (int8, or int16 above 8 bits; shape
// K x C/g x R x S) to `<stem>_weights/<layer>.npy` next to `json_path`, and makes those layers
// name their file relative to the JSON. The directory is written whole or not at all; an existing
// one is replaced only when it holds nothing but .npy files. Returns the directory (empty when no
// layer holds its weights).
std::string write_weight_files(Network& net, const std::string& json_path);

}  // namespace skipsim
