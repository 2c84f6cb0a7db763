#pragma once
// A zero-skipping MAC array (seed 002): `lanes` PE lanes of `vector_width` MACs, one filter per
// lane, weights stored compressed so that each lane steps only through its kept weights; lanes
// in groups of `group_size` share an activation slice and wait for their slowest lane. Between
// an input and an output SRAM buffer and the DDR channel. fast mode annotates each band's delay
// from the plan; cycle mode runs the lanes on the decoded streams in the array's one SystemC
// process on real integers.
#include <memory>

#include "common/io_buffered_accelerator.h"
#include "zero_skip_area.h"
#include "zero_skip_compute.h"
#include "zero_skip_params.h"
#include "zero_skip_plan.h"

namespace skipsim {

class ZeroSkipArray : public IoBufferedAccelerator {
public:
    static constexpr const char* kKind = "zero_skip_array";
    ZeroSkipArray(const sc_core::sc_module_name& name, const ZeroSkipParams& params, BuildContext& ctx);

    std::uint64_t peak_macs_per_cycle() const override;
    AreaBreakdown area() const override { return zero_skip_area(m_params, area_pricer()); }
    void check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const override;

private:
    ZeroSkipPlan plan_layer(const Layer& layer, const std::vector<std::uint8_t>* mask) const;
    PlanCache<ZeroSkipPlan> m_checked;
    void run_layer(const LayerJob& job, sc_core::sc_time& delay) override;
    void describe(const Layer& layer, const ZeroSkipPlan& plan, LayerOutcome& out) const;
    void count_macs(const Layer& layer, std::uint64_t macs);
    void cycle_process();

    ZeroSkipParams m_params;
    ZeroSkipShape m_shape;

    // cycle mode
    std::unique_ptr<ZeroSkipCompute> m_compute;
    const ZeroSkipStep* m_step = nullptr;
    const Layer* m_layer = nullptr;
    Cycles m_step_cycles = 0;
    std::vector<std::int64_t>* m_output_tensor = nullptr;
    sc_core::sc_event m_run_event, m_done_event;

    std::uint64_t& s_passes;
    std::uint64_t& s_blocks;
    std::uint64_t& s_entries;
    std::uint64_t& s_fillers;
    std::uint64_t& s_macs;
    std::uint64_t& s_idle_lane_cycles;
    std::uint64_t& s_weight_bytes;
    std::uint64_t& s_metadata_bytes;
};

}  // namespace skipsim
