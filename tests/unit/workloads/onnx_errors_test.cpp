// ONNX files that are not what skipsim can read: each is an InputError naming the file and the
// place. (The bad-input corpus, tests/inputs/bad/workloads/onnx_*, checks more of them through the
// binary, with their exact messages.)
#include <gtest/gtest.h>

#include <functional>

#include "base/error.h"
#include "onnx_builder.h"

namespace skipsim {
namespace {

using test::OnnxBuilder;
using test::ramp;

OnnxBuilder conv_model() {
    OnnxBuilder b;
    b.input("x", {1, 2, 4, 4});
    b.init("w", {4, 2, 3, 3}, ramp(72));
    b.node("Conv", {"x", "w"}, {"y"}, "c");
    b.output("y");
    return b;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(OnnxErrors, ATruncatedModelIsNamedAsSuch) {
    const std::string path = conv_model().save("truncated.onnx");
    const auto size = std::filesystem::file_size(path);
    for (auto keep : {size / 2, size - 3, std::uintmax_t{5}}) {
        std::filesystem::resize_file(path, keep);
        EXPECT_EQ(error_of([&] { load_workload(path, LoadOptions{}); }),
                  path + ": not an ONNX model, or a truncated one (expected an ONNX ModelProto with a graph)")
            << keep;
        conv_model().save("truncated.onnx");
    }
}

TEST(OnnxErrors, AFileThatIsNotOnnxIsRefusedWhateverItsExtension) {
    const std::string path = (std::filesystem::temp_directory_path() / "skipsim-onnx-test" / "text.onnx").string();
    std::ofstream(path) << "{\"schema\": \"skipsim.workload/1\"}\n";
    EXPECT_EQ(error_of([&] { load_workload(path, LoadOptions{}); }),
              path + ": not an ONNX model, or a truncated one (expected an ONNX ModelProto with a graph)");
}

TEST(OnnxErrors, RawDataShorterThanItsShape) {
    OnnxBuilder b = conv_model();
    b.g().mutable_initializer(0)->mutable_raw_data()->resize(10);
    const std::string e = error_of([&] { b.load("short.onnx"); });
    EXPECT_NE(e.find("expected 288 bytes of raw data (72 float), got 10 (truncated?)"), std::string::npos) << e;
}

TEST(OnnxErrors, InputShapeMustNameAnInputAndMatchItsRank) {
    OnnxBuilder b = conv_model();
    const std::string path = b.save("shapes.onnx");
    EXPECT_EQ(error_of([&] { b.load("shapes.onnx", {"image=1x2x4x4"}); }),
              "--input-shape: image=1x2x4x4: expected the name of an input of " + path + " ('x')");
    EXPECT_EQ(error_of([&] { b.load("shapes.onnx", {"x=1x2x4"}); }),
              "--input-shape: x=1x2x4: expected 4 dimensions for input 'x', got 3");
    EXPECT_EQ(error_of([&] { b.load("shapes.onnx", {"x=1x2xx4"}); }),
              "--input-shape: x=1x2xx4: expected [NAME=]DxDx... with sizes from 1 to 9999999 (e.g. input=1x3x224x224)");
    EXPECT_EQ(error_of([&] { b.load("shapes.onnx", {"x=1x2x2x2"}); }).find("shape inference failed"), std::string::npos)
        << "a smaller input that the 3x3 kernel still fits";
}

TEST(OnnxErrors, ShapeInferenceFailuresNameTheNode) {
    OnnxBuilder m;
    m.input("x", {1, 8});
    m.init("W", {8, 4}, ramp(32));
    m.node("MatMul", {"x", "W"}, {"y"}, "fc");
    m.output("y");
    const std::string e = error_of([&] { m.load("k.onnx", {"x=1x6"}); });
    EXPECT_NE(e.find(": node 'fc': shape inference failed: "), std::string::npos) << e;
    EXPECT_NE(e.find("(is --input-shape right for this model?)"), std::string::npos) << e;
    OnnxBuilder b = conv_model();
    EXPECT_EQ(error_of([&] { b.load("channels.onnx", {"x=1x3x4x4"}); }),
              b.save("channels.onnx") + ": node 'c' (Conv): expected weights of 3 input channels over group 1, got 2 per group");
    const std::string path = b.save("small.onnx");
    EXPECT_EQ(error_of([&] { b.load("small.onnx", {"x=1x2x1x1"}); }),
              path + ": node 'c' (Conv): expected the (dilated) kernel 3x3 to fit the padded input 1x1");
}

TEST(OnnxErrors, SizesBeyondTheNativeFormatsBoundsAreRefused) {
    // Every imported layer must convert to native JSON, which bounds its numbers.
    OnnxBuilder b;
    b.input("x", {1, 2, 70000, 4});
    b.init("w", {4, 2, 1, 1}, ramp(8));
    b.node("Conv", {"x", "w"}, {"y"}, "tall");
    b.output("y");
    EXPECT_EQ(error_of([&] { b.load("tall.onnx"); }),
              b.save("tall.onnx") + ": node 'tall' (Conv): expected an input height from 1 to 65536, got 70000");
}

TEST(OnnxErrors, ATextFormatModelWithASyntaxErrorNamesTheLine) {
    const std::string path = (std::filesystem::temp_directory_path() / "skipsim-onnx-test" / "bad.txtpb").string();
    std::ofstream(path) << "ir_version: 8\ngraph {\n  node { op_type: \"Conv\" \n  bogus_field: 3\n}\n";
    const std::string e = error_of([&] { load_workload(path, LoadOptions{}); });
    EXPECT_EQ(e.rfind(path + ": line 4, column ", 0), 0u) << e;
    EXPECT_NE(e.find("expected an ONNX ModelProto in protobuf text format: "), std::string::npos) << e;
}

TEST(OnnxErrors, InputShapeOnAnotherFormatIsRefused) {
    LoadOptions o;
    o.input_shapes = {"1x3x8x8"};
    const std::string zoo = std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/tiny.json";
    EXPECT_EQ(error_of([&] { load_workload(zoo, o); }),
              "--input-shape: 1x3x8x8: expected a model with inputs to size (ONNX); " + zoo + " is read as json");
}

}  // namespace
}  // namespace skipsim
