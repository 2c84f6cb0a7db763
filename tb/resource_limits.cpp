#include "resource_limits.h"

#include <algorithm>
#include <cstdio>

#include "base/error.h"

namespace skipsim {

namespace {

// Bytes a run keeps per layer whatever its size: the driver's counter snapshots of every
// component, the typed result and its report.json and layers.csv text (measured: about 24 KB
// per layer on a seven-component platform).
constexpr std::uint64_t kPerLayerBytes = 32 * 1024;

std::string mib(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f MiB", static_cast<double>(bytes) / (1 << 20));
    return buf;
}

}  // namespace

std::uint64_t held_bytes(const Network& net) {
    std::uint64_t held = kPerLayerBytes * net.layers.size();
    // Keep-masks (a bit a weight) are held for the whole run.
    for (const Layer& l : net.layers)
        if (!l.sparsity.is_dense()) held += (l.weight_count() + 7) / 8;
    return held;
}

ResourceEstimate estimate_resources(const Network& net, const Component& accelerator, Fidelity mode) {
    ResourceEstimate e;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        const std::uint64_t w = l.weight_count();
        const std::uint64_t in = static_cast<std::uint64_t>(l.batch) * l.in_channels * l.in_h * l.in_w;
        const std::uint64_t out = static_cast<std::uint64_t>(l.batch) * l.out_channels * l.out_h() * l.out_w();
        // While a layer is prepared: its 16-bit weights, their mask (a byte a weight), and for .npy
        // weights the file's values as doubles.
        std::uint64_t transient = 3 * w + (l.weights.kind == WeightSource::Kind::npy ? 8 * w : 0);
        // Cycle mode also moves the activations and outputs (and the reference check's copy).
        if (mode == Fidelity::cycle) transient += 8 * w + 8 * in + 32 * out;
        if (transient > e.largest_layer_bytes) {
            e.largest_layer_bytes = transient;
            e.largest_layer = i;
        }
        if (mode == Fidelity::cycle) e.cycle_work += accelerator.cycle_mode_work(l);
    }
    e.memory_bytes = held_bytes(net) + e.largest_layer_bytes;
    return e;
}

// What the cycle-mode engine steps per second on one thread (tools/bench.sh item 6 measures 2.4-2.9 G
// on 32x32; larger arrays step faster): the estimate errs towards more time.
constexpr double kCyclePeCyclesPerSecond = 2e9;

void check_resources(const Network& net, const Component& accelerator, Fidelity mode, const ResourceLimits& limits) {
    const ResourceEstimate e = estimate_resources(net, accelerator, mode);
    const std::uint64_t max_bytes = limits.max_memory_mib << 20;
    if (e.memory_bytes > max_bytes)
        throw InputError("--max-memory", "",
                         "expected a run that fits " + mib(max_bytes) + ", this one needs about " + mib(e.memory_bytes) +
                             " (layer '" + net.layers[e.largest_layer].name + "' alone about " +
                             mib(e.largest_layer_bytes) + ", " + std::to_string(net.layers.size()) +
                             " layers); raise --max-memory if the machine has it");
    if (mode == Fidelity::cycle && e.cycle_work > limits.max_cycle_work) {
        const double seconds = e.cycle_work / kCyclePeCyclesPerSecond;
        char duration[64], buf[320];
        if (seconds < 120)
            std::snprintf(duration, sizeof duration, "%.0f s", std::max(1.0, seconds));
        else
            std::snprintf(duration, sizeof duration, "%.0f minutes", seconds / 60);
        std::snprintf(buf, sizeof buf,
                      "expected at most %.3g PE-cycles of cycle-mode simulation, this run needs about %.3g (some "
                      "%s at %.0f G PE-cycles/s on one thread); raise --max-cycle-work, or use fast mode",
                      limits.max_cycle_work, e.cycle_work, duration, kCyclePeCyclesPerSecond / 1e9);
        throw InputError("--max-cycle-work", "", buf);
    }
}

}  // namespace skipsim
