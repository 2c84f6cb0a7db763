#pragma once
// The result of one layer (and of a whole run, as their sum), typed: what report.json,
// layers.csv, the terminal summary, sweeps and studies all read. Memory traffic is kept per
// memory role (DRAM, on-chip buffers), whatever the kinds of the memories.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json_source.h"
#include "base/stats.h"
#include "base/units.h"
#include "workloads/ir.h"
#include "workloads/zero_structure.h"
#include "platform_area.h"

namespace skipsim {

struct Traffic {
    Bytes read = 0, written = 0;
    Bytes total() const { return read + written; }
};

struct LayerResult {
    std::string name, kind;
    GemmShape gemm;
    Cycles cycles = 0, compute_cycles = 0, stall_cycles = 0;
    double seconds = 0;
    std::uint64_t dense_macs = 0, effective_macs = 0;
    std::uint64_t dense_params = 0, effective_params = 0;  // weights, and kept weights
    double utilization = 0, mapping_utilization = 0;
    Traffic dram, buffer;
    double energy_pj = 0;
    std::vector<std::pair<std::string, double>> energy_by_component;  // by component path, platform order
    std::vector<std::pair<std::string, Counters>> components;         // every component's counters
    OrderedJson mapping = OrderedJson::object();  // the accelerator's own description of the mapping
    Cycles dense_compute_cycles = 0;  // the same layers without skipping pruned work
    std::optional<ZeroStructure> zeros;       // the structure of the layer's zeros (layers only)
    std::optional<SparsityUse> sparsity_use;  // whether the accelerator used them
    std::optional<double> area_mm2;           // the platform's area (totals only)

    double compute_speedup() const {
        return compute_cycles ? static_cast<double>(dense_compute_cycles) / static_cast<double>(compute_cycles) : 1.0;
    }
    // The counters of the component at `path` over this layer; throws when there is none.
    const Counters& counters(const std::string& path) const;
    // Adds `l`'s figures (not its utilization, which a total computes from its own sums).
    void accumulate(const LayerResult& l);
    // The figures as report.json writes them (`totals` and each layer's common fields).
    OrderedJson figures_json() const;
    // The figures back from report.json's `totals` (or a layer); throws on a missing field.
    static LayerResult from_figures_json(const OrderedJson& j);
};

// A component of the platform as the results name it.
struct ComponentInfo {
    std::string path, kind, role;
};

struct RunResult {
    std::vector<ComponentInfo> components;  // platform order
    std::vector<LayerResult> layers;
    LayerResult total;
    PlatformArea area;
};

}  // namespace skipsim
