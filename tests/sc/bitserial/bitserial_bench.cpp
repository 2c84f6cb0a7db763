// SystemC bench of the bit-serial family: the shipped bitserial_32x32 platform (on a 8x6 array,
// so layers take several tiles) elaborated once, pruned and dense layers run in cycle mode, each
// checked against the reference convolution on the weights the cells keep, and against
// analytical bounds: no layer beats one MAC per cell per activation period, moves DDR bytes faster
// than the channel's peak, or keeps more weights than it was given; the weights column combining
// pruned are exactly the ones missing from the accelerator's mask. SystemC warnings fail the bench.
#include <gtest/gtest.h>

#include <systemc>

#include "base/energy.h"
#include "driver.h"
#include "layer_data.h"
#include "platform_top.h"
#include "report.h"
#include "workloads/pruning.h"

namespace skipsim {
namespace {

void fail_on_warning(const sc_core::sc_report& r, const sc_core::sc_actions& a) {
    if (r.get_severity() >= sc_core::SC_WARNING) ADD_FAILURE() << "SystemC: " << r.what();
    sc_core::sc_report_handler::default_handler(r, a);
}

Layer conv(const std::string& name, std::uint32_t c, std::uint32_t hw, std::uint32_t k, std::uint32_t r, double ratio) {
    Layer l;
    l.name = name;
    l.in_channels = c;
    l.in_h = l.in_w = hw;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = r / 2;
    l.weights.seed = 7;
    if (ratio > 0) {
        l.sparsity.pattern = "unstructured";
        l.sparsity.params = {{"ratio", ratio}};
    }
    return l;
}

TEST(BitserialBench, CycleModeIsExactOnKeptWeightsAndWithinBounds) {
    sc_core::sc_report_handler::set_handler(fail_on_warning);
    Network net;
    net.name = "bench";
    net.layers = {conv("dense", 3, 8, 10, 3, 0), conv("c3x3", 12, 6, 20, 3, 0.875), conv("pw", 40, 5, 16, 1, 0.75)};
    net.layers[2].quant.activation_signed = false;
    const std::string root = SKIPSIM_SOURCE_DIR;
    PlatformSpec spec = load_platform(root + "/platforms/bitserial_32x32.json", {"bitserial.rows=8", "bitserial.cols=6"});
    EnergyTable energy = EnergyTable::load(spec.energy_table);
    BuildContext ctx;
    ctx.clock.ghz = spec.clock_ghz;
    ctx.energy = &energy;
    ctx.fidelity = Fidelity::cycle;
    ctx.check = true;
    PlatformTop top("top", spec, ctx);
    WorkloadDriver driver("driver", net, top.components(), true);
    driver.accelerator.bind(top.accelerator_control());
    std::vector<LayerSparsity> sparsity;
    for (const auto& l : net.layers) {
        sparsity.push_back(layer_sparsity(l));
        top.accelerator().check_layer(l, sparsity.back().mask);
    }
    driver.mask_of = [&](std::size_t i) { return &sparsity[i].mask; };
    std::vector<std::uint64_t> kept_by_cells(net.layers.size());
    driver.prepare = [&](const Layer& l, std::size_t i, LayerTensors& t) { fill_tensors(l, sparsity[i], 5, i, t); };
    driver.finish = [&](const Layer& l, std::size_t i, const LayerTensors& t) {
        check_output(l, sparsity[i], t);
        for (std::size_t w = 0; w < t.accelerator_mask.size(); ++w)
            kept_by_cells[i] += t.accelerator_mask[w] && (sparsity[i].mask.empty() || sparsity[i].mask[w]);
    };
    sc_core::sc_start();
    if (driver.failure()) std::rethrow_exception(driver.failure());
    ASSERT_TRUE(driver.completed());

    std::vector<std::uint64_t> eff;
    for (std::size_t i = 0; i < net.layers.size(); ++i) eff.push_back(effective_macs(net.layers[i], sparsity[i]));
    RunFigures f = compute_figures(net, driver.records(), top.components(), top.accelerator(), eff);
    const double ddr_peak_bytes_per_ns = 25.6;  // DDR4-3200 x64
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const auto& l = f.layers[i];
        SCOPED_TRACE(l.name);
        const auto& map = l.mapping;
        const std::uint64_t given = sparsity[i].kept_weights, kept = map["kept"].get<std::uint64_t>();
        EXPECT_EQ(map["nonzeros"].get<std::uint64_t>(), given);
        EXPECT_EQ(kept_by_cells[i], kept);
        EXPECT_EQ(given - kept, map["combine_pruned"].get<std::uint64_t>());
        EXPECT_LE(map["utilization_efficiency"].get<double>(), 1.0);
        const std::uint64_t macs = kept * net.layers[i].gemm().m;
        EXPECT_GE(l.compute_cycles, macs * 8 / 48);  // 8 x 6 cells, one MAC per 8-cycle period
        EXPECT_GE(l.cycles, l.compute_cycles);
        EXPECT_LE(static_cast<double>(l.ddr_read + l.ddr_written), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
        EXPECT_GT(l.energy_pj, 0);
    }
    // Column combining packs the pruned layers (alpha 8), never the dense one.
    EXPECT_EQ(f.layers[0].mapping["combine_pruned"], 0);
    EXPECT_LT(f.layers[1].mapping["tile_ratio"].get<double>(), 1.0);
    EXPECT_LT(f.layers[2].mapping["tile_ratio"].get<double>(), 1.0);
}

}  // namespace
}  // namespace skipsim
