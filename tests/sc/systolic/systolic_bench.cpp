// SystemC bench of the systolic family: the shipped WS platform on an 8x16 array, a network of
// varied layers run in cycle mode, every layer checked against the reference convolution and
// against analytical bounds: a layer never runs faster than its compute bound (dense MACs / PEs)
// nor moves DDR bytes faster than the channel's peak.
#include <gtest/gtest.h>

#include "accelerator_bench.h"

namespace skipsim {
namespace {

TEST(SystolicBench, CycleModeIsExactAndWithinBounds) {
    Network net;
    net.name = "bench";
    net.layers = {bench_conv("c1", 3, 20, 40, 3, 1, 1), bench_conv("c2", 40, 10, 36, 3, 2, 1),
                  bench_conv("dw", 36, 6, 36, 3, 1, 1, 0, 36), bench_conv("pw", 36, 6, 70, 1, 1, 0)};
    net.layers[1].quant.weight_bits = 4;
    const BenchRun run = run_cycle_bench("platforms/ws_32x32.json", {"array.rows=8", "array.cols=16"}, net);
    EXPECT_EQ(run.checked, 4u);
    const double ddr_peak_bytes_per_ns = 25.6;  // DDR4-3200 x64
    for (const auto& l : run.figures.layers) {
        SCOPED_TRACE(l.name);
        EXPECT_GE(l.cycles, (l.dense_macs + 127) / 128);  // 8 x 16 PEs
        EXPECT_GE(l.cycles, l.compute_cycles);
        EXPECT_LE(static_cast<double>(l.dram.total()), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
        EXPECT_GT(l.energy_pj, 0);
        EXPECT_LE(l.utilization, 1.0);
    }
}

}  // namespace
}  // namespace skipsim
