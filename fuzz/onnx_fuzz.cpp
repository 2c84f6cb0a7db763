// ONNX models in protobuf's text format: every field of a ModelProto can be reached by mutating
// text, and the import that follows the parse (shape inference, constant folding, operators,
// tensors, quantization) is the same as for a binary .onnx file.
#include "fuzz_target.h"
#include "workloads/formats/onnx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& text) {
        skipsim::parse_onnx(text, "fuzz.txtpb", skipsim::LoadOptions{});
    });
}
