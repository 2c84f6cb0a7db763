#pragma once
// Loads a workload in any supported format into the IR.
#include <functional>
#include <string>

#include "ir.h"

namespace skipsim {

struct LoadOptions {
    std::string format = "auto";  // auto | json | scalesim | scalesim-gemm
    std::function<void(const std::string&)> warn = [](const std::string&) {};
};

Network load_workload(const std::string& path, const LoadOptions& opts);

}  // namespace skipsim
