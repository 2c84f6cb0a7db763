// Every pattern and format registers itself from a file nothing references: these lists catch one
// whose archive was not linked whole, or a registration that was lost.
#include <gtest/gtest.h>

#include "workloads/loader.h"
#include "workloads/pruning.h"

namespace skipsim {
namespace {

TEST(Registries, EveryPruningPatternIsRegistered) {
    const std::vector<std::string> expected = {"block", "mask", "nm", "none", "os_kij", "pairs", "unstructured", "ws_kij", "zeros"};
    EXPECT_EQ(PruningRegistry::instance().names(), expected);
    for (const auto& [name, p] : PruningRegistry::instance().entries()) {
        EXPECT_FALSE(p.summary.empty()) << name;
        EXPECT_TRUE(p.validate) << name;
        EXPECT_EQ(static_cast<bool>(p.make_mask), name != "none") << name;
    }
}

TEST(Registries, EveryWorkloadFormatIsRegistered) {
    const std::vector<std::string> expected = {"json", "onnx", "scalesim", "scalesim-gemm"};
    EXPECT_EQ(WorkloadFormatRegistry::instance().names(), expected);
    for (const auto& [name, f] : WorkloadFormatRegistry::instance().entries()) {
        EXPECT_FALSE(f.summary.empty()) << name;
        EXPECT_FALSE(f.files.empty()) << name;
        EXPECT_TRUE(f.detect && f.load) << name;
    }
    EXPECT_EQ(workload_format_choices(), "auto, json, onnx, scalesim or scalesim-gemm");
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
    // A serialized ModelProto begins with its ir_version (field 1, varint).
    const std::string onnx_header = std::string("\x08\x07\x12\x07pytorch", 11);
    EXPECT_EQ(claim("onnx", "net.onnx", onnx_header), FormatClaim::extension_and_header);
    EXPECT_EQ(claim("onnx", "net.onnx", "{"), FormatClaim::extension);
    EXPECT_EQ(claim("onnx", "model.pb", onnx_header), FormatClaim::extension);
    EXPECT_EQ(claim("onnx", "net.txtpb", "ir_version: 8"), FormatClaim::extension);
    EXPECT_EQ(claim("onnx", "net.json", "{"), FormatClaim::none);
}

}  // namespace
}  // namespace skipsim
