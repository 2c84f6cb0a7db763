// Acceptance: with DDR unconstrained, every layer's compute cycles equal SCALE-Sim's closed
// forms (MODELS.md section 1) for WS, OS and IS, on every layer of the shipped topologies, on
// 8x8, 32x32, 128x128 and 16x64 arrays. The formula and the CSV reading below are written
// independently of the model: the CSV fields are split here and the output size is SCALE-Sim's
// own ceil((H - R + stride) / stride). SCALE-Sim's report prints each of these minus one (the
// index of the last cycle); skipsim counts cycles.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "systolic/tile_plan.h"
#include "workloads/loader.h"

namespace skipsim {
namespace {

struct RawLayer {
    std::uint64_t h, w, r, s, c, k, stride;
};

std::vector<RawLayer> read_raw(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<RawLayer> v;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string x;
        while (std::getline(ss, x, ',')) f.push_back(x);
        bool empty = true;
        for (auto& s : f)
            if (s.find_first_not_of(" \t\r") != std::string::npos) empty = false;
        if (empty) continue;
        v.push_back({std::stoull(f[1]), std::stoull(f[2]), std::stoull(f[3]), std::stoull(f[4]), std::stoull(f[5]),
                     std::stoull(f[6]), std::stoull(f[7])});
    }
    return v;
}

std::uint64_t cdiv(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

std::uint64_t scalesim_cycles(const RawLayer& l, Dataflow df, std::uint64_t R, std::uint64_t C) {
    const std::uint64_t oh = cdiv(l.h - l.r + l.stride, l.stride), ow = cdiv(l.w - l.s + l.stride, l.stride);
    const std::uint64_t M = oh * ow, D = l.r * l.s * l.c, N = l.k;
    switch (df) {
        case Dataflow::ws: return (2 * R + C + M - 2) * cdiv(D, R) * cdiv(N, C);
        case Dataflow::is: return (2 * R + C + N - 2) * cdiv(D, R) * cdiv(M, C);
        case Dataflow::os: return (R + C + D - 2) * cdiv(M, R) * cdiv(N, C);
    }
    return 0;
}

TEST(ScaleSimFormula, ComputeCyclesMatchOnEveryShippedTopology) {
    const std::string dir = std::string(SKIPSIM_SHARED_DIR) + "/reference/scalesim-topologies/";
    const std::pair<std::uint32_t, std::uint32_t> arrays[] = {{8, 8}, {32, 32}, {128, 128}, {16, 64}};
    const BufferCapacities unconstrained{1ull << 40, 1ull << 40, 1ull << 40};
    int checked = 0;
    for (const char* topo : {"Resnet18.csv", "Resnet50.csv", "alexnet.csv", "mobilenet.csv"}) {
        LoadOptions opts;
        opts.warn = [](const std::string&) {};
        Network net = load_workload(dir + topo, opts);
        std::vector<RawLayer> raw = read_raw(dir + topo);
        ASSERT_EQ(net.layers.size(), raw.size()) << topo;
        for (std::size_t i = 0; i < raw.size(); ++i)
            for (auto [R, C] : arrays)
                for (Dataflow df : {Dataflow::ws, Dataflow::os, Dataflow::is}) {
                    LayerPlan p = plan_layer(net.layers[i], df, R, C, unconstrained, PlanOptions{});
                    ASSERT_EQ(p.compute_cycles, scalesim_cycles(raw[i], df, R, C))
                        << topo << " layer " << i << " " << R << "x" << C << " " << to_string(df);
                    ++checked;
                }
    }
    EXPECT_EQ(checked, (21 + 54 + 5 + 27) * 4 * 3);
}

}  // namespace
}  // namespace skipsim
