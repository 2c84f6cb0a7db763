#pragma once
// Turns a finished run into typed layer results (counters grouped by memory role), and those into
// the run directory's report.json (schema skipsim.report/1), layers.csv, and the summary table
// printed on stdout.
#include <ostream>
#include <string>
#include <vector>

#include "base/component.h"
#include "driver.h"
#include "layer_result.h"
#include "platform_spec.h"
#include "run_options.h"
#include "workloads/ir.h"

namespace skipsim {

// `effective_macs[i]` is layer i's MACs on kept (nonzero) weights.
RunResult collect_results(const Network& net, const std::vector<LayerRecord>& records,
                           const std::vector<std::unique_ptr<Component>>& components,
                           const Component& accelerator, const std::vector<std::uint64_t>& effective_macs);

OrderedJson report_json(const RunResult& f, const Network& net, const PlatformSpec& platform,
                        const RunOptions& opts, const Component& accelerator, const OrderedJson& provenance);
// One row per layer: the figures of report.json, the layer's shape, and energy by component.
void write_layers_csv(std::ostream& out, const RunResult& f, const Network& net);
void print_summary(std::ostream& out, const RunResult& f, const Network& net, const PlatformSpec& platform,
                   const RunOptions& opts);

}  // namespace skipsim
