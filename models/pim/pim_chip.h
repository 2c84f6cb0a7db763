#pragma once
// A processing-in-memory chip: `arrays` AR x AC crossbars (1-bit DACs, shared ADCs, shift-add)
// between an input and an output SRAM buffer and the DDR channel. Each layer is mapped with
// im2col, SDK or VW-SDK, rows whose weights are zero in every kernel copy are skipped, and the
// window positions stream through the buffers. fast mode annotates each band's delay; cycle mode
// runs the crossbars pulse by pulse in the chip's one SystemC process on real integers.
#include <memory>
#include <optional>

#include "common/io_buffered_accelerator.h"
#include "crossbar_compute.h"
#include "pim_area.h"
#include "pim_cost.h"
#include "pim_mapping.h"
#include "pim_params.h"
#include "pim_schedule.h"

namespace skipsim {

class PimChip : public IoBufferedAccelerator {
public:
    static constexpr const char* kKind = "pim_chip";
    PimChip(const sc_core::sc_module_name& name, const PimParams& params, BuildContext& ctx);

    // One MAC per cell per ADC-limited pulse of 1-bit inputs on every crossbar.
    std::uint64_t peak_macs_per_cycle() const override;
    AreaBreakdown area() const override { return pim_area(m_params, area_pricer()); }
    void check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const override;
    void on_bound(const std::string& initiator, ModelBase& peer) override;

private:
    struct Scheduled {
        WindowMapping map;
        std::vector<ArrayTile> tiles;
        PimSchedule schedule;
        PimLayerCost cost;
    };
    struct LayerPlan {
        Layer layer;  // as mapped: the workload's layer, or without its padding (padding=none)
        CrossbarShape xbar;
        std::optional<ChannelPatterns> patterns;
        Scheduled chosen;
        std::vector<Scheduled> candidates;  // best_time, best_energy: every mapping compared
        const ChannelPatterns* skip() const { return patterns ? &*patterns : nullptr; }
    };
    LayerPlan plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const;
    PlanCache<LayerPlan> m_checked;
    void run_layer(const LayerJob& job, sc_core::sc_time& delay) override;
    Layer mapped_layer(const Layer& layer) const;
    CrossbarShape crossbar_for(const Layer& layer) const;
    WindowMapping choose_mapping(const Layer& layer, const CrossbarShape& xb, const ChannelPatterns* pats) const;
    Scheduled schedule_mapping(const LayerPlan& p, const WindowMapping& m) const;
    void choose_by_cost(LayerPlan& p) const;
    void describe_mapping(const LayerPlan& plan, LayerOutcome& out) const;
    SparsityUse sparsity_use(const WindowMapping& map, bool masked) const;
    void count_step(const Layer& layer, const PimStep& s, const PimRound& r);
    // The crossbars' DAC pulses, cell reads and ADC conversions: statistics and energy.
    void count_crossbar_events(std::uint64_t dac_pulses, std::uint64_t cell_reads, std::uint64_t conversions);
    // cycle mode: run the step's windows pulse by pulse in cycle_process().
    void run_functional(const PimStep& s, const PimRound& r);
    void cycle_process();

    PimParams m_params;
    std::string m_adc_event;
    PimDram m_dram;  // the DRAM channel the weight DMA reads, as best_time and best_energy price it

    // cycle mode
    std::unique_ptr<CrossbarCompute> m_compute;
    const PimStep* m_step = nullptr;
    const PimRound* m_round = nullptr;
    std::uint32_t m_bits = 0;
    std::vector<std::int64_t>* m_output_tensor = nullptr;
    sc_core::sc_event m_run_event, m_done_event;

    std::uint64_t& s_windows;
    std::uint64_t& s_mvms;
    std::uint64_t& s_rows_skipped;
    std::uint64_t& s_dac_pulses;
    std::uint64_t& s_cell_reads;
    std::uint64_t& s_conversions;
    std::uint64_t& s_clipped;
    std::uint64_t& s_shift_adds;
    std::uint64_t& s_program_cycles;
};

}  // namespace skipsim
