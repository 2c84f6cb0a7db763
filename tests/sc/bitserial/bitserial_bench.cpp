// SystemC bench of the bit-serial family: the shipped bitserial_32x32 platform (on a 8x6 array,
// so layers take several tiles) elaborated once, pruned and dense layers run in cycle mode, each
// checked against the reference convolution on the weights the cells keep, and against
// analytical bounds: no layer beats one MAC per cell per activation period, moves DDR bytes faster
// than the channel's peak, or keeps more weights than it was given; the weights column combining
// pruned are exactly the ones missing from the accelerator's mask.
#include <gtest/gtest.h>

#include "accelerator_bench.h"

namespace skipsim {
namespace {

TEST(BitserialBench, CycleModeIsExactOnKeptWeightsAndWithinBounds) {
    Network net;
    net.name = "bench";
    net.layers = {bench_conv("dense", 3, 8, 10, 3, 1, 1), bench_conv("c3x3", 12, 6, 20, 3, 1, 1, 0.875),
                  bench_conv("pw", 40, 5, 16, 1, 1, 0, 0.75)};
    net.layers[2].quant.activation_signed = false;
    std::vector<std::vector<std::uint8_t>> cell_masks(net.layers.size());
    const BenchRun run = run_cycle_bench("platforms/bitserial_32x32.json", {"bitserial.rows=8", "bitserial.cols=6"}, net,
                                         [&](std::size_t i, const LayerTensors& t) { cell_masks[i] = t.accelerator_mask; });
    EXPECT_EQ(run.checked, net.layers.size());
    const RunResult& f = run.figures;
    const auto& sparsity = run.sparsity;
    // The weights the cells hold: kept by column combining among those the workload kept.
    std::vector<std::uint64_t> kept_by_cells(net.layers.size());
    for (std::size_t i = 0; i < net.layers.size(); ++i)
        for (std::size_t w = 0; w < cell_masks[i].size(); ++w)
            kept_by_cells[i] += cell_masks[i][w] && (sparsity[i].mask.empty() || sparsity[i].mask[w]);
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
        EXPECT_LE(static_cast<double>(l.dram.total()), ddr_peak_bytes_per_ns * l.seconds * 1e9 + 64);
        EXPECT_GT(l.energy_pj, 0);
    }
    // Column combining packs the pruned layers (alpha 8), never the dense one.
    EXPECT_EQ(f.layers[0].mapping["combine_pruned"], 0);
    EXPECT_LT(f.layers[1].mapping["tile_ratio"].get<double>(), 1.0);
    EXPECT_LT(f.layers[2].mapping["tile_ratio"].get<double>(), 1.0);
}

}  // namespace
}  // namespace skipsim
