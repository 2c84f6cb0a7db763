// SystemC bench of the zero-skipping array: the shipped platform (with fewer lanes) elaborated
// once, dense and pruned layers run in cycle mode, every output checked against the reference
// convolution, and analytical bounds: no layer beats its nonzero MACs over the peak, the MAC
// slots used fit in the cycles, DDR carries at least the stored weights and never more than the
// channel's peak. SystemC warnings fail the bench.
#include <gtest/gtest.h>

#include <systemc>

#include "base/energy.h"
#include "driver.h"
#include "layer_data.h"
#include "platform_top.h"
#include "report.h"

namespace skipsim {
namespace {

void fail_on_warning(const sc_core::sc_report& r, const sc_core::sc_actions& a) {
    if (r.get_severity() >= sc_core::SC_WARNING) ADD_FAILURE() << "SystemC: " << r.what();
    sc_core::sc_report_handler::default_handler(r, a);
}

Layer conv(const std::string& name, std::uint32_t c, std::uint32_t hw, std::uint32_t k, std::uint32_t r,
           std::uint32_t stride, std::uint32_t pad, double ratio) {
    Layer l;
    l.name = name;
    l.in_channels = c;
    l.in_h = l.in_w = hw;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.stride_h = l.stride_w = stride;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = pad;
    l.weights.seed = c * 131 + k;
    if (ratio > 0) {
        l.sparsity.pattern = "unstructured";
        l.sparsity.params = OrderedJson{{"ratio", ratio}};
    }
    return l;
}

TEST(SparseBench, CycleModeIsExactAndWithinBounds) {
    sc_core::sc_report_handler::set_handler(fail_on_warning);
    Network net;
    net.name = "bench";
    net.layers = {conv("dense", 3, 12, 20, 3, 1, 1, 0), conv("p50", 20, 12, 24, 3, 2, 1, 0.5),
                  conv("p90", 24, 6, 40, 3, 1, 1, 0.9), conv("pw", 40, 6, 16, 1, 1, 0, 0.7)};
    const std::string root = SKIPSIM_SOURCE_DIR;
    PlatformSpec spec = load_platform(root + "/platforms/zero_skip_64x8.json",
                                      {"array.lanes=16", "array.slice_channels=8", "array.vector_width=4"});
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
    std::vector<std::uint64_t> eff;
    for (const Layer& l : net.layers) {
        sparsity.push_back(layer_sparsity(l));
        eff.push_back(effective_macs(l, sparsity.back()));
    }
    for (std::size_t i = 0; i < net.layers.size(); ++i) top.accelerator().check_layer(net.layers[i], sparsity[i].mask);
    int checked = 0;
    driver.mask_of = [&](std::size_t i) { return &sparsity[i].mask; };
    driver.prepare = [&](const Layer& l, std::size_t i, LayerTensors& t) { fill_tensors(l, sparsity[i], 5, i, t); };
    driver.finish = [&](const Layer& l, std::size_t i, const LayerTensors& t) {
        check_output(l, sparsity[i], t);
        ++checked;
    };
    sc_core::sc_start();
    if (driver.failure()) std::rethrow_exception(driver.failure());
    ASSERT_TRUE(driver.completed());
    EXPECT_EQ(checked, 4);

    RunFigures f = compute_figures(net, driver.records(), top.components(), top.accelerator(), eff);
    const double peak = 16 * 4;
    const double ddr_peak_bytes_per_ns = 25.6;  // DDR4-3200 x64
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerFigures& l = f.layers[i];
        SCOPED_TRACE(l.name);
        const OrderedJson& array = l.components.at("top.array");
        EXPECT_GE(static_cast<double>(l.compute_cycles) * peak, static_cast<double>(l.effective_macs));
        EXPECT_LE(static_cast<double>(array.at("macs").get<std::uint64_t>()), static_cast<double>(l.compute_cycles) * peak);
        EXPECT_GE(l.cycles, l.compute_cycles);
        EXPECT_LE(l.compute_cycles, l.dense_compute_cycles);
        EXPECT_GE(l.ddr_read, l.mapping.at("weight_bytes_stored").get<std::uint64_t>());
        EXPECT_LE(static_cast<double>(l.ddr_read + l.ddr_written), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
        EXPECT_GT(l.energy_pj, 0);
        EXPECT_LE(l.utilization, 1.0);
        if (i == 0) {
            EXPECT_EQ(l.compute_cycles, l.dense_compute_cycles);  // dense layers at the dense rate
        } else {
            EXPECT_LT(l.compute_cycles, l.dense_compute_cycles);
        }
    }
}

}  // namespace
}  // namespace skipsim
