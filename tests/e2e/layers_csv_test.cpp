// layers.csv carries every per-layer field the README lists (shape, parameters, speedup, energy
// by component), agreeing with report.json; the terminal summary prints whole layer names.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

// Splits a CSV line (fields quoted with doubled quotes where needed).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) out.emplace_back();
        else out.back() += c;
    }
    return out;
}

TEST(LayersCsv, CarriesShapeSpeedupAndEnergyByComponentAsReportJsonHasThem) {
    const std::string dir = temp_dir("layers-csv");
    // tiny.json with layer names longer than any former column width.
    json net = json::parse(read_file(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/tiny.json"));
    for (auto& l : net["layers"]) l["name"] = "Mixed_6b.branch7x7dbl_" + l["name"].get<std::string>() + "_long_name";
    std::ofstream(dir + "/long.json") << net.dump();
    Result r = run_skipsim("run --platform platforms/ws_32x32.json --workload '" + dir + "/long.json' --out '" + dir + "/run'");
    ASSERT_EQ(r.status, 0) << r.err;
    for (const auto& l : net["layers"]) EXPECT_NE(r.out.find(l["name"].get<std::string>() + " "), std::string::npos) << r.out;

    const json report = json::parse(read_file(dir + "/run/report.json"));
    std::istringstream csv(read_file(dir + "/run/layers.csv"));
    std::string line;
    std::getline(csv, line);
    const auto header = csv_fields(line);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
    for (const char* name : {"name", "cycles", "energy_pj", "dense_params", "effective_params", "dense_compute_cycles",
                             "compute_speedup", "in_channels", "in_h", "in_w", "out_channels", "out_h", "out_w", "kernel_h",
                             "kernel_w", "stride_h", "stride_w", "groups", "weight_bits", "activation_bits", "sparsity"})
        ASSERT_TRUE(col.count(name)) << name;
    EXPECT_EQ(header[1], "name");
    EXPECT_EQ(header[7], "cycles");  // the former columns keep their places
    EXPECT_EQ(header[19], "energy_pj");
    for (const auto& l : report["layers"]) {
        ASSERT_TRUE(std::getline(csv, line));
        const auto f = csv_fields(line);
        ASSERT_EQ(f.size(), header.size()) << line;
        EXPECT_EQ(f[col["name"]], l["name"]);
        EXPECT_EQ(std::stoull(f[col["cycles"]]), l["cycles"].get<std::uint64_t>());
        EXPECT_EQ(std::stoull(f[col["dense_params"]]), l["dense_params"].get<std::uint64_t>());
        EXPECT_EQ(std::stoull(f[col["dense_compute_cycles"]]), l["dense_compute_cycles"].get<std::uint64_t>());
        EXPECT_NEAR(std::stod(f[col["compute_speedup"]]), l["compute_speedup"].get<double>(), 1e-6);
        EXPECT_EQ(std::stoul(f[col["in_channels"]]), l["shape"]["in_channels"].get<unsigned>());
        EXPECT_EQ(std::stoul(f[col["out_h"]]), l["shape"]["out_h"].get<unsigned>());
        EXPECT_EQ(std::stoul(f[col["kernel_h"]]), l["shape"]["kernel"][0].get<unsigned>());
        EXPECT_EQ(f[col["sparsity"]], l["shape"]["sparsity"]);
        double sum = 0;
        for (const auto& [path, pj] : l["energy_pj"]["by_component"].items()) {
            ASSERT_TRUE(col.count("energy_pj." + path)) << path;
            EXPECT_NEAR(std::stod(f[col["energy_pj." + path]]), pj.get<double>(), 1e-3);
            sum += pj.get<double>();
        }
        EXPECT_NEAR(sum, l["energy_pj"]["total"].get<double>(), 1e-3);
    }
}

}  // namespace
}  // namespace skipsim::e2e
