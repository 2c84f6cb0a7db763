// Column combining on the three networks of seed 001 (alpha = 8, gamma = 0.5, against alpha = 1
// on the same 32x32 bit-serial array), next to the ASIC bars of BradMcDanel/column-combine
// (visualization/plot_asic.py): throughput 2.77x / 3.56x / 3.9x, tiles 0.387 / 0.288 / 0.266,
// energy 0.158 / 0.250 / 0.271 for LeNet-5 / VGG-19 / ResNet-20.
//
// Energy is the chip's own (the array and its SRAM buffers, DRAM left out), as the published
// ASIC bars are: DRAM's energy, most of it standby current over the run, follows run time and
// bytes, which the bars do not include.
//
// Band: within a factor of 2.5 of each published ratio, in the published direction. The
// published networks were retrained with column-combine pruning and a per-layer alpha (1, 4, 8
// by stage), on the authors' array, SRAMs and synthesized cells; ours are magnitude-pruned to a
// uniform density of 1/8 (every layer but the first) with 45 nm energy per event, so they pack
// more evenly (fewer tiles) while fixed costs weigh differently: LeNet-5's dense first conv over
// 784 pixels is two thirds of its packed cycles and a quarter of its energy, which puts LeNet at
// twice the published energy ratio.
// models/bitserial/README.md tabulates both and explains each difference.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

struct Totals {
    double cycles = 0, energy = 0, tiles = 0;
};

Totals run(const std::string& dir, const std::string& workload, int alpha) {
    const std::string out = dir + "/" + workload + "-" + std::to_string(alpha);
    Result r = run_skipsim("run --quiet --platform platforms/bitserial_32x32.json --workload workloads/zoo/" + workload +
                           ".json --set bitserial.alpha=" + std::to_string(alpha) + " --out '" + out + "'");
    EXPECT_EQ(r.status, 0) << r.err;
    Totals t;
    if (r.status) return t;
    const json rep = json::parse(read_file(out + "/report.json"));
    t.cycles = rep["totals"]["cycles"].get<double>();
    for (const auto& c : rep["platform"]["components"])
        if (c["role"] != "dram") t.energy += rep["totals"]["energy_pj"]["by_component"][c["path"].get<std::string>()].get<double>();
    for (const auto& l : rep["layers"]) t.tiles += l["mapping"]["tiles"].get<double>();
    return t;
}

void expect_within_band(double ours, double published, const char* what) {
    EXPECT_GE(ours, published / 2.5) << what;
    EXPECT_LE(ours, published * 2.5) << what;
}

TEST(BitserialPublished, ThroughputTilesAndEnergyAtAlphaEightNextToTheRepository) {
    const std::string dir = temp_dir("bitserial-published");
    struct Net {
        const char* workload;
        double throughput, tiles, energy;
    };
    for (const Net& n : {Net{"lenet5_mnist_cc8", 2.77, 0.387, 0.158}, Net{"vgg19_shift_cifar10_cc8", 3.56, 0.2882, 0.2501},
                         Net{"resnet20_cifar10_cc8", 3.9, 0.2662, 0.271}}) {
        SCOPED_TRACE(n.workload);
        const Totals packed = run(dir, n.workload, 8), base = run(dir, n.workload, 1);
        ASSERT_GT(packed.cycles, 0);
        const double throughput = base.cycles / packed.cycles, tiles = packed.tiles / base.tiles,
                     energy = packed.energy / base.energy;
        EXPECT_GT(throughput, 1.0);
        EXPECT_LT(tiles, 1.0);
        EXPECT_LT(energy, 1.0);
        expect_within_band(throughput, n.throughput, "throughput");
        expect_within_band(energy, n.energy, "energy");
        // Uniform 1/8 density in every layer packs further than the retrained networks with their
        // per-layer alpha: at most the published tile ratio, and within a factor of three of it.
        EXPECT_LE(tiles, n.tiles);
        EXPECT_GE(tiles, n.tiles / 3);
    }
}

}  // namespace
}  // namespace skipsim::e2e
