// Where the ONNX importer is linked into a program (the tests, the fuzz target), format "onnx"
// calls it directly instead of loading the module.
#include "onnx.h"

namespace skipsim {
namespace {

const bool linked = (set_linked_onnx_reader(&read_onnx), true);

}  // namespace
}  // namespace skipsim
