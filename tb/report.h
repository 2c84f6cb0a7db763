#pragma once
// Turns a finished run into the run directory's report.json (schema skipsim.report/1),
// layers.csv, and the summary table printed on stdout.
#include <ostream>
#include <string>
#include <vector>

#include "base/component.h"
#include "driver.h"
#include "platform_spec.h"
#include "run_options.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerFigures {
    std::string name, kind;
    GemmShape gemm;
    Cycles cycles = 0, compute_cycles = 0, stall_cycles = 0;
    double seconds = 0;
    std::uint64_t dense_macs = 0, effective_macs = 0;
    std::uint64_t dense_params = 0, effective_params = 0;  // weights, and kept weights
    double utilization = 0, mapping_utilization = 0;
    Bytes ddr_read = 0, ddr_written = 0, sram_read = 0, sram_written = 0;
    double energy_pj = 0;
    OrderedJson energy_by_component = OrderedJson::object();
    OrderedJson components = OrderedJson::object();
    OrderedJson mapping = OrderedJson::object();
    Cycles dense_compute_cycles = 0;  // the same layers without skipping pruned work
};

struct RunFigures {
    std::vector<LayerFigures> layers;
    LayerFigures total;
};

// `effective_macs[i]` is layer i's MACs on kept (nonzero) weights.
RunFigures compute_figures(const Network& net, const std::vector<LayerRecord>& records,
                           const std::vector<std::unique_ptr<Component>>& components,
                           const Component& accelerator, const std::vector<std::uint64_t>& effective_macs);

OrderedJson report_json(const RunFigures& f, const Network& net, const PlatformSpec& platform,
                        const RunOptions& opts, const Component& accelerator);
void write_layers_csv(std::ostream& out, const RunFigures& f);
void print_summary(std::ostream& out, const RunFigures& f, const Network& net, const PlatformSpec& platform,
                   const RunOptions& opts);

}  // namespace skipsim
