#pragma once
// A dense R x C systolic array (WS, OS or IS) fed by three double-buffered SRAMs that are
// filled from and drained to DDR. fast mode executes the tile plan with annotated delays;
// cycle mode steps the PE grid in its own SystemC process and moves real integers.
#include <memory>
#include <string>
#include <vector>

#include "buffered_array.h"
#include "common/engine_clock.h"
#include "common/layer_job.h"
#include "systolic_engine.h"
#include "systolic_params.h"
#include "step_split.h"
#include "systolic_area.h"
#include "tile_plan.h"

namespace skipsim {

class SystolicArray : public BufferedArray {
public:
    static constexpr const char* kKind = "systolic_array";
    SystolicArray(const sc_core::sc_module_name& name, const SystolicParams& params, BuildContext& ctx);

    const SystolicParams& params() const { return m_params; }
    std::uint64_t peak_macs_per_cycle() const override {
        return static_cast<std::uint64_t>(m_params.rows) * m_params.cols;
    }

    AreaBreakdown area() const override { return systolic_area(m_params, area_pricer()); }

    // The engine steps all rows x cols PEs every clock of the layer's dense compute.
    double cycle_mode_work(const Layer& layer) const override;

private:
    void run_layer(const LayerJob& job, sc_core::sc_time& delay) override;
    // Functional execution of one tile on the cycle engine (cycle mode).
    void load_tile(const Tile& t, const LayerJob& job);
    void store_tile(const Tile& t, const LayerJob& job);
    // kij_timestep: the kernel position the column of `filter` holds in tile `t`.
    std::uint64_t kernel_position(const Tile& t, std::uint64_t filter, const LayerJob& job) const;
    void describe_mapping(const Layer& layer, const LayerPlan& plan, const BufferCapacities& caps,
                          const PlanOptions& opt, LayerOutcome& out) const;
    SparsityUse sparsity_use(const LayerPlan& plan, bool masked, const LayerOutcome& outcome) const;

    SystolicParams m_params;
    Dataflow m_dataflow;
    Mapping m_mapping;
    SparsityStructure m_structure;

    SystolicEngine m_engine;
    std::vector<std::int32_t> m_op_a, m_op_b;
    EngineClock<SystolicEngine> m_engine_clock;  // cycle mode: steps m_engine once per clock edge

    std::uint64_t& s_folds;
    std::uint64_t& s_steps;
    std::uint64_t& s_macs;
    std::uint64_t& s_weight_loads;
    std::uint64_t& s_sfu_adds;
};

}  // namespace skipsim
