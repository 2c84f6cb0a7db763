#include "accelerator_bench.h"

#include <systemc>

#include "base/energy.h"
#include "base/error.h"
#include "driver.h"
#include "platform_top.h"

namespace skipsim {

Layer bench_conv(const std::string& name, std::uint32_t channels, std::uint32_t size, std::uint32_t filters,
                 std::uint32_t kernel, std::uint32_t stride, std::uint32_t pad, double ratio, std::uint32_t groups) {
    Layer l;
    l.name = name;
    l.in_channels = channels;
    l.in_h = l.in_w = size;
    l.out_channels = filters;
    l.kernel_h = l.kernel_w = kernel;
    l.stride_h = l.stride_w = stride;
    l.pad_top = l.pad_bottom = l.pad_left = l.pad_right = pad;
    l.groups = groups;
    l.weights.seed = channels * 131 + filters;
    if (ratio > 0) {
        l.sparsity.pattern = "unstructured";
        l.sparsity.params = OrderedJson{{"ratio", ratio}};
    }
    return l;
}

BenchRun run_cycle_bench(const std::string& platform, const std::vector<std::string>& overrides, const Network& net,
                         const std::function<void(std::size_t, const LayerTensors&)>& after_layer, unsigned threads) {
    BenchRun run;
    PlatformSpec spec = load_platform(std::string(SKIPSIM_SOURCE_DIR) + "/" + platform, overrides);
    EnergyTable energy = EnergyTable::load(spec.energy_table);
    BuildContext ctx;
    ctx.clock.ghz = spec.clock_ghz;
    ctx.energy = &energy;
    ctx.fidelity = Fidelity::cycle;
    ctx.check = true;
    ctx.threads = threads;
    PlatformTop top("top", spec, ctx);
    std::vector<std::uint64_t> eff;
    for (const Layer& l : net.layers) {
        run.sparsity.push_back(layer_sparsity(l));
        eff.push_back(effective_macs(l, run.sparsity.back()));
        top.accelerator().check_layer(l, run.sparsity.back().mask);
    }
    WorkloadDriver driver("driver", net, top.components(), true);
    driver.accelerator.bind(top.accelerator_control());
    driver.mask_of = [&](std::size_t i) { return &run.sparsity[i].mask; };
    driver.prepare = [&](const Layer& l, std::size_t i, LayerTensors& t) { fill_tensors(l, run.sparsity[i], 5, i, t); };
    driver.finish = [&](const Layer& l, std::size_t i, const LayerTensors& t) {
        check_output(l, run.sparsity[i], t);
        ++run.checked;
        if (after_layer) after_layer(i, t);
    };
    sc_core::sc_start();
    if (driver.failure()) std::rethrow_exception(driver.failure());
    if (!driver.completed()) throw InternalError("bench: the simulation ended before the last layer finished");
    run.figures = collect_results(net, driver.records(), top.components(), top.accelerator(), eff);
    return run;
}

}  // namespace skipsim
