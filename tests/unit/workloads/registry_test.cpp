// Every pattern and format registers itself from a file nothing references: these lists catch one
// whose archive was not linked whole, or a registration that was lost.
#include <gtest/gtest.h>

#include "workloads/loader.h"
#include "workloads/pruning.h"

namespace skipsim {
namespace {

TEST(Registries, EveryPruningPatternIsRegistered) {
    const std::vector<std::string> expected = {"block", "mask", "nm", "none", "os_kij", "pairs", "unstructured", "ws_kij"};
    EXPECT_EQ(PruningRegistry::instance().names(), expected);
    for (const auto& [name, p] : PruningRegistry::instance().entries()) {
        EXPECT_FALSE(p.summary.empty()) << name;
        EXPECT_TRUE(p.validate) << name;
        EXPECT_EQ(static_cast<bool>(p.make_mask), name != "none") << name;
    }
}

TEST(Registries, EveryWorkloadFormatIsRegistered) {
    const std::vector<std::string> expected = {"json", "scalesim", "scalesim-gemm"};
    EXPECT_EQ(WorkloadFormatRegistry::instance().names(), expected);
    for (const auto& [name, f] : WorkloadFormatRegistry::instance().entries()) {
        EXPECT_FALSE(f.summary.empty()) << name;
        EXPECT_FALSE(f.files.empty()) << name;
        EXPECT_TRUE(f.detect && f.load) << name;
    }
    EXPECT_EQ(workload_format_choices(), "auto, json, scalesim or scalesim-gemm");
}

TEST(Registries, AutoDetectionClaimsByExtensionThenHeader) {
    const auto claim = [](const std::string& format, const std::string& path, const std::string& first_line) {
        return WorkloadFormatRegistry::instance().find(format)->detect(path, first_line);
    };
    const std::string conv = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,";
    const std::string gemm = "Layer Name, M, N, K,";
    EXPECT_EQ(claim("json", "net.json", "{"), FormatClaim::fallback);
    EXPECT_EQ(claim("json", "net.csv", conv), FormatClaim::fallback);
    EXPECT_EQ(claim("scalesim", "net.csv", conv), FormatClaim::extension);
    EXPECT_EQ(claim("scalesim", "net.json", conv), FormatClaim::none);
    EXPECT_EQ(claim("scalesim-gemm", "net.csv", conv), FormatClaim::none);
    EXPECT_EQ(claim("scalesim-gemm", "net.csv", gemm), FormatClaim::extension_and_header);
    EXPECT_EQ(claim("scalesim-gemm", "net.txt", gemm), FormatClaim::none);
}

}  // namespace
}  // namespace skipsim
