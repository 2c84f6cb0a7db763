// The entry point of the ONNX module (skipsim_onnx.so), which onnx_format.cpp looks up by name.
#include "onnx.h"

extern "C" __attribute__((visibility("default"))) skipsim::OnnxReader skipsim_onnx_reader() {
    return &skipsim::read_onnx;
}
