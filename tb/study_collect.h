#pragma once
// Collecting a study: one row per (network, family, density) from the points' reports, compared
// with the family's own dense run and with the budget's baseline family dense, written as
// DIR/study.csv, DIR/layers.csv, DIR/study.json, DIR/plots/ and DIR/index.html.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

// Energy by what spends it: DRAM channels, SRAM buffers, the accelerator (with its own memories).
struct EnergySplit {
    double dram_pj = 0, sram_pj = 0, accelerator_pj = 0;
};

struct StudyLayerRow {
    std::string name;
    std::uint64_t cycles = 0, compute_cycles = 0, stall_cycles = 0, dense_params = 0, effective_params = 0;
    double seconds = 0, energy_pj = 0, utilization = 0, speedup_vs_dense = 0, speedup_vs_baseline = 0;
    EnergySplit energy;
    bool sparsity_used = false;
    std::string sparsity_note;
};

struct StudyRow {
    std::string network, family, platform, workload, pattern, density_label, reason, point, run_dir;
    std::string status = "missing", message;  // ok, failed or missing
    double density_target = 1;                // < 0: as given
    double density_achieved = 0;
    bool supported = false;
    std::uint64_t cycles = 0, peak_macs_per_cycle = 0;
    double seconds = 0, energy_pj = 0, energy_dram_pj = 0, energy_sram_pj = 0, energy_accelerator_pj = 0;
    double area_mm2 = -1;  // < 0: the report has none
    std::vector<std::pair<std::string, double>> area_um2_by_component;
    double edp = 0, speedup_vs_dense = 0, energy_ratio_vs_dense = 0, speedup_vs_baseline = 0, utilization = 0;
    std::vector<StudyLayerRow> layers;
};

struct StudyResult {
    std::string budget_name, baseline, budget_file;
    std::uint64_t peak_macs_per_cycle = 0, sram_bytes = 0;
    double clock_ghz = 1;
    bool normalize_area = false;
    double area_mm2 = 0;  // the area every platform fits in, when normalize_area
    std::vector<StudyRow> rows;
    std::vector<std::string> family_order;
    struct Family {
        std::string name, note;  // note: what the budget does not equalise
        std::uint64_t peak_macs_per_cycle = 0;
        double area_mm2 = 0;
    };
    std::vector<Family> families;
};

// Reads the plan and every finished point of the study directory `dir`.
StudyResult read_study(const std::string& dir);

// Writes the tables, plots and page; prints a summary (unless quiet) and names the missing and
// failed points. Exit status: 0 all ok, 2 some point missing or failed.
int collect_study(const std::string& dir, bool quiet);

}  // namespace skipsim
