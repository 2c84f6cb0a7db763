#pragma once
// Where the running program's file is (Linux: /proc/self/exe), for what lies beside it: the ONNX
// module, the trace viewer of the tree it was built in, the binary a sweep hands to its workers.
#include <string>

namespace skipsim {

// The absolute path, or "" when it cannot be read.
std::string executable_path();

}  // namespace skipsim
