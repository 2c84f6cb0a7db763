// SystemC bench of the systolic array in cycle mode with its PE grid stepped on two threads: a
// 12 x 70 WS array (70 columns: blocks of columns on both threads, narrower blocks at the edges
// of the array, more blocks than threads), layers of varied shapes, every output checked against
// the reference convolution, and every layer's clocks equal to the tile plan's (fast mode's) count.
#include <gtest/gtest.h>

#include "accelerator_bench.h"

namespace skipsim {
namespace {

TEST(SystolicThreadsBench, TwoThreadsAreExactAndTakeThePlannedClocks) {
    Network net;
    net.name = "bench";
    net.layers = {bench_conv("c1", 3, 20, 40, 3, 1, 1), bench_conv("c2", 40, 10, 150, 3, 2, 1),
                  bench_conv("dw", 36, 6, 36, 3, 1, 1, 0, 36), bench_conv("pw", 150, 6, 70, 1, 1, 0, 0.5),
                  bench_conv("wide", 24, 9, 141, 3, 1, 0)};
    net.layers[1].quant.weight_bits = 4;
    // 16-bit operands: sums that need 64-bit partial sums.
    net.layers[4].quant.weight_bits = 16;
    net.layers[4].quant.activation_bits = 16;
    const BenchRun run = run_cycle_bench("platforms/ws_32x32.json", {"array.rows=12", "array.cols=70"}, net, nullptr, 2);
    EXPECT_EQ(run.checked, net.layers.size());
    for (const auto& l : run.figures.layers) {
        SCOPED_TRACE(l.name);
        EXPECT_EQ(l.compute_cycles, l.mapping["compute_cycles"].get<Cycles>());
        EXPECT_GE(l.cycles, (l.dense_macs + 12 * 70 - 1) / (12 * 70));
        EXPECT_GE(l.cycles, l.compute_cycles);
    }
}

}  // namespace
}  // namespace skipsim
