// SystemC bench of the zero-skipping array: the shipped platform (with fewer lanes) elaborated
// once, dense and pruned layers run in cycle mode, every output checked against the reference
// convolution, and analytical bounds: no layer beats its nonzero MACs over the peak, the MAC
// slots used fit in the cycles, DDR carries at least the stored weights and never more than the
// channel's peak.
#include <gtest/gtest.h>

#include "accelerator_bench.h"

namespace skipsim {
namespace {

TEST(SparseBench, CycleModeIsExactAndWithinBounds) {
    Network net;
    net.name = "bench";
    net.layers = {bench_conv("dense", 3, 12, 20, 3, 1, 1), bench_conv("p50", 20, 12, 24, 3, 2, 1, 0.5),
                  bench_conv("p90", 24, 6, 40, 3, 1, 1, 0.9), bench_conv("pw", 40, 6, 16, 1, 1, 0, 0.7)};
    const BenchRun run = run_cycle_bench("platforms/zero_skip_64x8.json",
                                         {"array.lanes=16", "array.slice_channels=8", "array.vector_width=4"}, net);
    EXPECT_EQ(run.checked, 4u);
    const RunResult& f = run.figures;
    const double peak = 16 * 4;
    const double ddr_peak_bytes_per_ns = 25.6;  // DDR4-3200 x64
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerResult& l = f.layers[i];
        SCOPED_TRACE(l.name);
        const Counters& array = l.counters("top.array");
        EXPECT_GE(static_cast<double>(l.compute_cycles) * peak, static_cast<double>(l.effective_macs));
        EXPECT_LE(static_cast<double>(array.get("macs")), static_cast<double>(l.compute_cycles) * peak);
        EXPECT_GE(l.cycles, l.compute_cycles);
        EXPECT_LE(l.compute_cycles, l.dense_compute_cycles);
        EXPECT_GE(l.dram.read, l.mapping.at("weight_bytes_stored").get<std::uint64_t>());
        EXPECT_LE(static_cast<double>(l.dram.total()), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
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
