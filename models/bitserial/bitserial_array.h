#pragma once
// A bit-serial systolic array with column combining, fed by three double-buffered SRAMs that are
// filled from and drained to DDR. Every layer's filter matrix is column-combined with the
// array's alpha and gamma before it runs. fast mode executes the tile plan with annotated
// delays; cycle mode steps the cells bit by bit in the array's one SystemC process.
#include "bitserial_area.h"
#include "bitserial_engine.h"
#include "bitserial_params.h"
#include "bitserial_plan.h"
#include "systolic/buffered_array.h"
#include "common/engine_clock.h"
#include "common/layer_job.h"
#include "systolic/step_split.h"

namespace skipsim {

class BitserialArray : public BufferedArray {
public:
    static constexpr const char* kKind = "bitserial_array";
    BitserialArray(const sc_core::sc_module_name& name, const BitserialParams& params, BuildContext& ctx);

    // One 8-bit MAC per cell per activation period.
    std::uint64_t peak_macs_per_cycle() const override;
    AreaBreakdown area() const override { return bitserial_area(m_params, area_pricer()); }
    void check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const override;

    // Every cell steps every clock: at least the layer's MACs times the activation period.
    double cycle_mode_work(const Layer& layer) const override;

private:
    void run_layer(const LayerJob& job, sc_core::sc_time& delay) override;
    BitserialShape shape() const;
    CombineOptions combine_options(std::uint32_t alpha) const;
    void count_tile(const Layer& layer, const Tile& t, const TileWork& w);
    // cycle mode: the tile's cells and activation lines, and its results scattered to the output.
    void load_tile(const Tile& t, const TileWork& w, const LayerPacking& packing, const LayerJob& job);
    void store_tile(const Tile& t, const LayerJob& job);
    // Tiles, cycles, the array's own energy and the bytes the plan moves: the report shows them for
    // the layer as run and at alpha = 1.
    OrderedJson plan_summary(const Layer& layer, const BitserialPlan& plan, std::uint32_t alpha) const;
    static std::vector<std::uint8_t> kept_mask(const Layer& layer, const LayerPacking& packing);
    void describe_mapping(const Layer& layer, const LayerPacking& packing, const BitserialPlan& plan,
                          const std::vector<std::uint8_t>& mask, const BufferCapacities& caps, LayerOutcome& out) const;
    SparsityUse sparsity_use(const LayerPacking& packing, bool masked) const;

    BitserialParams m_params;
    // Packings made by check_layer() before the simulation, taken by run_layer() in fast mode.
    PlanCache<LayerPacking> m_checked;

    BitserialEngine m_engine;
    BitserialTileData m_tile;
    EngineClock<BitserialEngine> m_engine_clock;  // cycle mode: steps m_engine once per clock edge

    std::uint64_t& s_tiles;
    std::uint64_t& s_steps;
    std::uint64_t& s_macs;
    std::uint64_t& s_pruned;
    std::uint64_t& s_load_cycles;
};

}  // namespace skipsim
