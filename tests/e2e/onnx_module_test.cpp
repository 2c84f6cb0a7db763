// The ONNX importer is a module the binary loads only for ONNX workloads (workloads/formats/
// onnx_format.cpp): no other run loads Debian's ONNX and protobuf libraries, and a binary
// without its module refuses ONNX models with one clear line, not a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

namespace fs = std::filesystem;

TEST(OnnxModule, TheBinaryLoadsNeitherOnnxNorProtobufUntilAWorkloadIsOnnx) {
    const std::string dir = temp_dir("onnx-libs");
    // What the dynamic loader maps at start-up (as ldd lists it).
    const std::string cmd = std::string("LD_TRACE_LOADED_OBJECTS=1 '") + SKIPSIM_BINARY + "' >'" + dir + "/libs' 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const std::string libs = read_file(dir + "/libs");
    EXPECT_NE(libs.find("libsystemc"), std::string::npos) << libs;
    EXPECT_EQ(libs.find("libonnx"), std::string::npos) << libs;
    EXPECT_EQ(libs.find("libprotobuf"), std::string::npos) << libs;
    EXPECT_TRUE(fs::exists(fs::path(SKIPSIM_BINARY).parent_path() / "skipsim_onnx.so"));
}

TEST(OnnxModule, ABinaryWithoutItsModuleRefusesOnnxModelsWithOneLine) {
    const std::string dir = temp_dir("onnx-lone"), lone = dir + "/skipsim";
    fs::copy_file(SKIPSIM_BINARY, lone);
    const std::string workload = "tests/inputs/bad/workloads/onnx_zero_stride.txtpb";
    const Result r = run_binary(lone, "run --quiet --platform platforms/ws_32x32.json --workload " + workload + " --out '" +
                                          dir + "/out'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err.rfind("error: " + workload + ": cannot read ONNX models: the ONNX import module did not load (" + dir +
                              "/skipsim_onnx.so: ",
                          0),
              0u)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/out"));
    // JSON workloads need no module.
    EXPECT_EQ(run_binary(lone, "run --quiet --no-html --platform platforms/ws_32x32.json --workload workloads/zoo/tiny.json "
                               "--out '" + dir + "/tiny'")
                  .status,
              0);
    EXPECT_TRUE(fs::exists(dir + "/tiny/report.json"));
}

}  // namespace
}  // namespace skipsim::e2e
