#pragma once
// A processing-in-memory chip: `arrays` AR x AC crossbars (1-bit DACs, shared ADCs, shift-add)
// between an input and an output SRAM buffer and the DDR channel. Each layer is mapped with
// im2col, SDK or VW-SDK, rows whose weights are zero in every kernel copy are skipped, and the
// window positions stream through the buffers. fast mode annotates each band's delay; cycle mode
// runs the crossbars pulse by pulse in the chip's one SystemC process on real integers.
#include <map>
#include <memory>
#include <optional>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "common/layer_job.h"
#include "common/model_base.h"
#include "crossbar_compute.h"
#include "pim_mapping.h"
#include "pim_params.h"
#include "pim_schedule.h"

namespace skipsim {

class SramBuffer;

class PimChip : public ModelBase {
public:
    PimChip(const sc_core::sc_module_name& name, const PimParams& params, BuildContext& ctx);

    void on_bound(const std::string& initiator, ModelBase& peer) override;
    // One MAC per cell per ADC-limited pulse of 1-bit inputs on every crossbar.
    std::uint64_t peak_macs_per_cycle() const override;
    void check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const override;

    tlm_utils::simple_target_socket<PimChip> control;
    tlm_utils::simple_initiator_socket<PimChip> input_port, input_dma;
    tlm_utils::simple_initiator_socket<PimChip> output_port, output_dma;
    tlm_utils::simple_initiator_socket<PimChip> weight_dma;

private:
    struct LayerPlan {
        CrossbarShape xbar;
        std::optional<ChannelPatterns> patterns;
        WindowMapping map;
        std::vector<ArrayTile> tiles;
        PimSchedule schedule;
        const ChannelPatterns* skip() const { return patterns ? &*patterns : nullptr; }
    };
    LayerPlan plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const;
    // Plans made by check_layer() before the simulation, taken by run_layer() so the mapping search
    // runs once per layer.
    mutable std::map<const Layer*, LayerPlan> m_checked;
    void control_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay);
    void run_layer(const LayerJob& job, sc_core::sc_time& delay);
    [[noreturn]] void fail(const Layer& layer, const std::string& param, const std::string& expected) const;
    CrossbarShape crossbar_for(const Layer& layer) const;
    WindowMapping choose_mapping(const Layer& layer, const CrossbarShape& xb, const ChannelPatterns* pats) const;
    void describe_mapping(const Layer& layer, const CrossbarShape& xb, const WindowMapping& m,
                          const PimSchedule& sched, OrderedJson& out) const;
    sc_core::sc_time fetch(const PimStep& s, const sc_core::sc_time& at);
    void count_step(const Layer& layer, const PimStep& s, const PimRound& r);
    // cycle mode: run the step's windows pulse by pulse in cycle_process().
    void run_functional(const PimStep& s, const PimRound& r);
    void cycle_process();

    PimParams m_params;
    SramBuffer* m_input = nullptr;
    SramBuffer* m_output = nullptr;
    std::string m_adc_event;

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
