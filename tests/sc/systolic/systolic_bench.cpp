// SystemC bench of the systolic family: the shipped WS platform elaborated once (SystemC cannot
// elaborate twice in a process), a network of varied layers run in cycle mode, and every layer
// checked against the reference convolution and against analytical bounds: a layer never runs
// faster than its compute bound (dense MACs / PEs) nor moves DDR bytes faster than the channel's
// peak. SystemC warnings fail the bench.
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
           std::uint32_t stride, std::uint32_t pad, std::uint32_t groups = 1) {
    Layer l;
    l.name = name;
    l.in_channels = c;
    l.in_h = l.in_w = hw;
    l.out_channels = k;
    l.kernel_h = l.kernel_w = r;
    l.stride_h = l.stride_w = stride;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = pad;
    l.groups = groups;
    return l;
}

TEST(SystolicBench, CycleModeIsExactAndWithinBounds) {
    sc_core::sc_report_handler::set_handler(fail_on_warning);
    Network net;
    net.name = "bench";
    net.layers = {conv("c1", 3, 20, 40, 3, 1, 1), conv("c2", 40, 10, 36, 3, 2, 1), conv("dw", 36, 6, 36, 3, 1, 1, 36),
                  conv("pw", 36, 6, 70, 1, 1, 0)};
    net.layers[1].quant.weight_bits = 4;
    const std::string root = SKIPSIM_SOURCE_DIR;
    PlatformSpec spec = load_platform(root + "/platforms/ws_32x32.json", {"array.rows=8", "array.cols=16"});
    EnergyTable energy = EnergyTable::load(spec.energy_table);
    BuildContext ctx;
    ctx.clock.ghz = spec.clock_ghz;
    ctx.energy = &energy;
    ctx.fidelity = Fidelity::cycle;
    ctx.check = true;
    PlatformTop top("top", spec, ctx);
    WorkloadDriver driver("driver", net, top.components(), true);
    driver.accelerator.bind(top.accelerator_control());
    std::vector<LayerSparsity> sparsity(net.layers.size());
    int checked = 0;
    driver.prepare = [&](const Layer& l, std::size_t i, LayerTensors& t) { fill_tensors(l, sparsity[i], 5, i, t); };
    driver.finish = [&](const Layer& l, std::size_t i, const LayerTensors& t) {
        check_output(l, sparsity[i], t);
        ++checked;
    };
    sc_core::sc_start();
    if (driver.failure()) std::rethrow_exception(driver.failure());
    ASSERT_TRUE(driver.completed());
    EXPECT_EQ(checked, 4);

    std::vector<std::uint64_t> eff;
    for (const auto& l : net.layers) eff.push_back(l.dense_macs());
    RunFigures f = compute_figures(net, driver.records(), top.components(), top.accelerator(), eff);
    const double ddr_peak_bytes_per_ns = 25.6;  // DDR4-3200 x64
    for (const auto& l : f.layers) {
        SCOPED_TRACE(l.name);
        EXPECT_GE(l.cycles, (l.dense_macs + 127) / 128);  // 8 x 16 PEs
        EXPECT_GE(l.cycles, l.compute_cycles);
        EXPECT_LE(static_cast<double>(l.ddr_read + l.ddr_written), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
        EXPECT_GT(l.energy_pj, 0);
        EXPECT_LE(l.utilization, 1.0);
    }
}

}  // namespace
}  // namespace skipsim
