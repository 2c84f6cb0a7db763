// The ONNX importer is a module the binary loads only for ONNX workloads (workloads/formats/
// onnx_format.cpp): no other run loads Debian's ONNX and protobuf libraries, and a binary
// without its module refuses ONNX models with one clear line, not a crash.
#include <gtest/gtest.h>
#include <sys/wait.h>

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
    const std::string dir = temp_dir("onnx-lone");
    fs::copy_file(SKIPSIM_BINARY, dir + "/skipsim");
    const std::string workload = "tests/inputs/bad/workloads/onnx_zero_stride.txtpb";
    const std::string cmd = std::string("cd '") + SKIPSIM_SOURCE_DIR + "' && '" + dir +
                            "/skipsim' run --quiet --platform platforms/ws_32x32.json --workload " + workload + " --out '" +
                            dir + "/out' >'" + dir + "/stdout' 2>'" + dir + "/stderr'";
    const int raw = std::system(cmd.c_str());
    ASSERT_TRUE(WIFEXITED(raw));
    EXPECT_EQ(WEXITSTATUS(raw), 2);
    const std::string err = read_file(dir + "/stderr");
    EXPECT_EQ(err.rfind("error: " + workload + ": cannot read ONNX models: the ONNX import module did not load (" + dir +
                            "/skipsim_onnx.so: ",
                        0),
              0u)
        << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
    EXPECT_FALSE(fs::exists(dir + "/out"));
    // JSON workloads need no module.
    const std::string json = std::string("cd '") + SKIPSIM_SOURCE_DIR + "' && '" + dir +
                             "/skipsim' run --quiet --no-html --platform platforms/ws_32x32.json --workload "
                             "workloads/zoo/tiny.json --out '" + dir + "/tiny' >/dev/null 2>&1";
    EXPECT_EQ(std::system(json.c_str()), 0);
    EXPECT_TRUE(fs::exists(dir + "/tiny/report.json"));
}

}  // namespace
}  // namespace skipsim::e2e
