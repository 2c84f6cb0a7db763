#pragma once
// What every accelerator bench does before its own checks: elaborate a shipped platform once
// (SystemC cannot elaborate twice in a process), run a small network in cycle mode the way
// `skipsim run --mode cycle --check` does, check every layer's output against the reference
// convolution, and return the report's figures.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "layer_data.h"
#include "report.h"
#include "workloads/ir.h"

namespace skipsim {

// A square conv layer; `ratio` > 0 prunes it with the unstructured pattern.
Layer bench_conv(const std::string& name, std::uint32_t channels, std::uint32_t size, std::uint32_t filters,
                 std::uint32_t kernel, std::uint32_t stride, std::uint32_t pad, double ratio = 0,
                 std::uint32_t groups = 1);

struct BenchRun {
    RunResult figures;
    std::vector<LayerSparsity> sparsity;
    std::size_t checked = 0;  // layers whose output matched the reference
};

// `platform` is relative to the source tree; `after_layer` sees each layer's tensors after the check;
// `threads` as `skipsim run --threads`.
BenchRun run_cycle_bench(const std::string& platform, const std::vector<std::string>& overrides, const Network& net,
                         const std::function<void(std::size_t, const LayerTensors&)>& after_layer = nullptr,
                         unsigned threads = 1);

}  // namespace skipsim
