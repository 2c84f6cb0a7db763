// ONNX import, operator by operator: each model is written with ONNX's protobuf classes and read
// back through `load_workload`, as `skipsim run` reads it.
#include <gtest/gtest.h>

#include "onnx_builder.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

using test::OnnxBuilder;
using test::ramp;
using T = onnx::TensorProto;

TEST(OnnxImport, ConvAttributesBecomeTheLayersGeometry) {
    OnnxBuilder b;
    b.input("x", {2, 8, 10, 12});
    b.init("conv.weight", {16, 4, 3, 5}, ramp(16 * 4 * 15));
    auto& n = b.node("Conv", {"x", "conv.weight"}, {"y"}, "/net/conv/Conv");
    b.ints(n, "pads", {1, 2, 0, 3});  // [top, left, bottom, right]
    b.ints(n, "strides", {2, 1});
    b.ints(n, "dilations", {1, 2});
    b.integer(n, "group", 2);
    b.output("y");
    const Network net = b.load("conv.onnx");
    ASSERT_EQ(net.layers.size(), 1u);
    const Layer& l = net.layers[0];
    EXPECT_EQ(l.name, "conv");  // from the state dict's weight name
    EXPECT_EQ(l.kind, LayerKind::conv2d);
    EXPECT_EQ(l.batch, 2u);
    EXPECT_EQ(l.in_channels, 8u);
    EXPECT_EQ(l.in_h, 10u);
    EXPECT_EQ(l.in_w, 12u);
    EXPECT_EQ(l.out_channels, 16u);
    EXPECT_EQ(l.groups, 2u);
    EXPECT_EQ(l.kernel_h, 3u);
    EXPECT_EQ(l.kernel_w, 5u);
    EXPECT_EQ(l.stride_h, 2u);
    EXPECT_EQ(l.dilation_w, 2u);
    EXPECT_EQ(l.pad_top, 1u);
    EXPECT_EQ(l.pad_left, 2u);
    EXPECT_EQ(l.pad_bottom, 0u);
    EXPECT_EQ(l.pad_right, 3u);
    EXPECT_EQ(l.out_h(), 5u);  // (10 + 1 - 3) / 2 + 1
    EXPECT_EQ(l.out_w(), 9u);  // 12 + 5 - 9 + 1
    EXPECT_EQ(l.quant.weight_bits, 8);
    EXPECT_EQ(l.sparsity.pattern, "none");  // no zero weight
}

TEST(OnnxImport, AutoPadSameSplitsThePaddingAsOnnxSays) {
    for (const char* mode : {"SAME_UPPER", "SAME_LOWER", "VALID"}) {
        OnnxBuilder b;
        b.input("x", {1, 2, 7, 7});
        b.init("w", {4, 2, 4, 4}, ramp(128));
        auto& n = b.node("Conv", {"x", "w"}, {"y"}, "c");
        b.text(n, "auto_pad", mode);
        b.ints(n, "strides", {2, 2});
        b.output("y");
        const Layer l = b.load("autopad.onnx").layers.at(0);
        const std::string m = mode;
        // SAME: output ceil(7 / 2) = 4, total padding (4 - 1) * 2 + 4 - 7 = 3.
        EXPECT_EQ(l.out_h(), m == "VALID" ? 2u : 4u) << m;
        EXPECT_EQ(l.pad_top, m == "SAME_UPPER" ? 1u : m == "SAME_LOWER" ? 2u : 0u) << m;
        EXPECT_EQ(l.pad_bottom, m == "SAME_UPPER" ? 2u : m == "SAME_LOWER" ? 1u : 0u) << m;
    }
}

TEST(OnnxImport, OneDimensionalConvIsAConvOfHeightOne) {
    OnnxBuilder b;
    b.input("x", {1, 4, 20});
    b.init("w", {6, 4, 3}, ramp(72));
    auto& n = b.node("Conv", {"x", "w"}, {"y"}, "c");
    b.ints(n, "pads", {1, 1});
    b.output("y");
    const Layer l = b.load("conv1d.onnx").layers.at(0);
    EXPECT_EQ(l.in_h, 1u);
    EXPECT_EQ(l.in_w, 20u);
    EXPECT_EQ(l.kernel_h, 1u);
    EXPECT_EQ(l.kernel_w, 3u);
    EXPECT_EQ(l.pad_left, 1u);
    EXPECT_EQ(l.out_w(), 20u);
}

TEST(OnnxImport, MatrixWeightsBecomeOutputByInput) {
    // MatMulInteger: B = [[1, 2, 3], [4, 5, 6]] is [in = 2, out = 3]; the layer holds out x in.
    OnnxBuilder b;
    b.input("a", {5, 2}, T::INT8);
    b.init("B", {2, 3}, {1, 2, 3, 4, 5, 6}, T::INT8);
    b.node("MatMulInteger", {"a", "B"}, {"y"}, "mm");
    b.output("y");
    const Layer l = b.load("matmulinteger.onnx").layers.at(0);
    EXPECT_EQ(l.kind, LayerKind::matmul);
    EXPECT_EQ(l.batch, 5u);
    EXPECT_EQ(l.in_channels, 2u);
    EXPECT_EQ(l.out_channels, 3u);
    EXPECT_EQ(layer_weights(l), (std::vector<std::int32_t>{1, 4, 2, 5, 3, 6}));
}

TEST(OnnxImport, GemmTransposesAsItsAttributesSay) {
    // transB: B is [out = 2, in = 3] already; transA: A is [K = 3, M = 5].
    OnnxBuilder b;
    b.input("a", {3, 5});
    b.init("B", {2, 3}, {1, 2, 3, 4, 5, 6});
    auto& n = b.node("Gemm", {"a", "B"}, {"y"}, "fc");
    b.integer(n, "transA", 1);
    b.integer(n, "transB", 1);
    b.output("y");
    const Layer l = b.load("gemm.onnx").layers.at(0);
    EXPECT_EQ(l.kind, LayerKind::linear);
    EXPECT_EQ(l.batch, 5u);
    EXPECT_EQ(l.in_channels, 3u);
    EXPECT_EQ(l.out_channels, 2u);
    // Symmetric 8-bit quantization: scale 6 / 127, round half to even.
    EXPECT_EQ(layer_weights(l), (std::vector<std::int32_t>{21, 42, 64, 85, 106, 127}));
}

TEST(OnnxImport, MatMulWithAConstantLeftOperandAndBatchedActivations) {
    OnnxBuilder b;
    b.input("x", {3, 4, 6, 5});            // [..., K = 6, N = 5]
    b.init("W", {7, 6}, ramp(42));         // [M = 7, K = 6]: out 7, in 6
    b.node("MatMul", {"W", "x"}, {"y"}, "left");
    b.input("z", {2, 9, 6});               // [..., M = 9, K = 6]
    b.init("V", {6, 8}, ramp(48));         // [K = 6, N = 8]
    b.node("MatMul", {"z", "V"}, {"u"}, "right");
    b.output("y");
    b.output("u");
    const Network n = b.load("matmul.onnx");
    ASSERT_EQ(n.layers.size(), 2u);
    EXPECT_EQ(n.layers[0].batch, 3u * 4 * 5);
    EXPECT_EQ(n.layers[0].in_channels, 6u);
    EXPECT_EQ(n.layers[0].out_channels, 7u);
    EXPECT_EQ(n.layers[1].batch, 18u);
    EXPECT_EQ(n.layers[1].in_channels, 6u);
    EXPECT_EQ(n.layers[1].out_channels, 8u);
    EXPECT_EQ(n.layers[0].dense_macs(), 60u * 6 * 7);
}

TEST(OnnxImport, FloatWeightsKeepExactlyTheirZeros) {
    OnnxBuilder b;
    b.input("x", {1, 1, 4, 4});
    // A tiny weight would round to zero at 8 bits; it stays 1 so that only real zeros are pruned.
    b.init("w", {2, 1, 2, 2}, {0.5, 0, -1e-6, 1e-6, -0.5, 0.25, 0, 0.125});
    b.node("Conv", {"x", "w"}, {"y"}, "c");
    b.output("y");
    const Layer l = b.load("float.onnx").layers.at(0);
    EXPECT_EQ(l.sparsity.pattern, "zeros");
    const auto w = layer_weights(l);
    EXPECT_EQ(w, (std::vector<std::int32_t>{127, 0, -1, 1, -127, 64, 0, 32}));
    const auto mask = materialize_mask(l, w);
    EXPECT_EQ(mask, (std::vector<std::uint8_t>{1, 0, 1, 1, 1, 1, 0, 1}));
}

TEST(OnnxImport, QuantizedWeightsAreTheirIntegersMinusZeroPoints) {
    OnnxBuilder b;
    b.input("x", {1, 2, 3, 3}, T::UINT8);
    // uint8 weights, zero point per output channel (100, 200): width 9 bits ([-200, 155]).
    b.init("w", {2, 2, 1, 1}, {100, 101, 200, 0}, T::UINT8);
    b.init("wzp", {2}, {100, 200}, T::UINT8);
    b.init("s", {}, {0.1});
    b.init("zp", {}, {128}, T::UINT8);
    b.node("QLinearConv", {"x", "s", "zp", "w", "s", "wzp", "s", "zp"}, {"y"}, "q");
    b.output("y");
    const Layer l = b.load("qlinear.onnx").layers.at(0);
    EXPECT_EQ(l.quant.weight_bits, 9);
    EXPECT_EQ(l.quant.activation_bits, 8);
    EXPECT_FALSE(l.quant.activation_signed);
    EXPECT_EQ(layer_weights(l), (std::vector<std::int32_t>{0, 1, 0, -200}));
    EXPECT_EQ(l.sparsity.pattern, "zeros");
}

TEST(OnnxImport, DequantizeLinearWeightsFeedConvAsQdq) {
    OnnxBuilder b;
    b.input("x", {1, 2, 3, 3});
    b.init("xs", {}, {0.1});
    b.init("xzp", {}, {0}, T::INT8);
    b.node("QuantizeLinear", {"x", "xs", "xzp"}, {"xq"}, "quant");
    b.node("DequantizeLinear", {"xq", "xs", "xzp"}, {"xd"}, "dequant");
    b.init("wq", {2, 2, 1, 1}, {5, 0, -3, 7}, T::INT8);
    b.init("ws", {2}, {0.1, 0.2});
    b.init("wzp", {2}, {0, 0}, T::INT8);
    auto& dq = b.node("DequantizeLinear", {"wq", "ws", "wzp"}, {"w"}, "wdq");
    b.integer(dq, "axis", 0);
    b.node("Conv", {"xd", "w"}, {"y"}, "c");
    b.output("y");
    const Layer l = b.load("qdq.onnx").layers.at(0);
    EXPECT_EQ(layer_weights(l), (std::vector<std::int32_t>{5, 0, -3, 7}));
    EXPECT_EQ(l.quant.weight_bits, 8);
    EXPECT_TRUE(l.quant.activation_signed);
}

TEST(OnnxImport, WeightsFromTypedFieldsConstantNodesIdentityAndSparseInitializers) {
    OnnxBuilder b;
    b.input("x", {1, 2, 2, 2});
    b.init("typed", {2, 2, 1, 1}, {1, 0, 2, 3}, T::FLOAT, false);
    b.node("Identity", {"typed"}, {"typed_id"}, "id");
    b.node("Conv", {"x", "typed_id"}, {"y1"}, "c1");
    auto& k = b.node("Constant", {}, {"cw"}, "const");
    auto* a = k.add_attribute();
    a->set_name("value");
    a->set_type(onnx::AttributeProto::TENSOR);
    *a->mutable_t() = OnnxBuilder::tensor("cw", {2, 2, 1, 1}, {0, 0, 4, 5});
    b.node("Conv", {"y1", "cw"}, {"y2"}, "c2");
    auto* s = b.g().add_sparse_initializer();
    *s->mutable_values() = OnnxBuilder::tensor("sw", {2}, {7, -7});
    *s->mutable_indices() = OnnxBuilder::tensor("sw_idx", {2}, {1, 2}, T::INT64);
    s->add_dims(2);
    s->add_dims(2);
    s->add_dims(1);
    s->add_dims(1);
    b.node("Conv", {"y2", "sw"}, {"y3"}, "c3");
    b.output("y3");
    const Network n = b.load("sources.onnx");
    ASSERT_EQ(n.layers.size(), 3u);
    EXPECT_EQ(layer_weights(n.layers[0]), (std::vector<std::int32_t>{42, 0, 85, 127}));
    EXPECT_EQ(layer_weights(n.layers[1]), (std::vector<std::int32_t>{0, 0, 102, 127}));
    EXPECT_EQ(layer_weights(n.layers[2]), (std::vector<std::int32_t>{0, 127, -127, 0}));
}

TEST(OnnxImport, ExternalDataIsReadFromTheFileNextToTheModel) {
    OnnxBuilder b;
    b.input("x", {1, 2, 2, 2});
    auto* t = b.g().add_initializer();
    t->set_name("w");
    t->set_data_type(T::FLOAT);
    for (int d : {2, 2, 1, 1}) t->add_dims(d);
    t->set_data_location(T::EXTERNAL);
    auto kv = [&](const char* k, const std::string& v) {
        auto* e = t->add_external_data();
        e->set_key(k);
        e->set_value(v);
    };
    kv("location", "weights.bin");
    kv("offset", "4");
    kv("length", "16");
    b.node("Conv", {"x", "w"}, {"y"}, "c");
    b.output("y");
    const std::string path = b.save("external.onnx");
    const float values[5] = {99, 1, 0, -2, 4};
    std::ofstream(std::filesystem::path(path).parent_path() / "weights.bin", std::ios::binary)
        .write(reinterpret_cast<const char*>(values), sizeof values);
    const Network n = load_workload(path, LoadOptions{});
    EXPECT_EQ(layer_weights(n.layers.at(0)), (std::vector<std::int32_t>{32, 0, -64, 127}));
}

TEST(OnnxImport, ShapesComputedAtRunTimeAreFoldedIntoConstants) {
    // x.reshape(x.shape[0], -1) as PyTorch exports it: Shape -> Gather -> Unsqueeze -> Concat -> Reshape.
    OnnxBuilder b;
    b.input("x", {3, 4, 5});
    b.node("Shape", {"x"}, {"s"}, "shape");
    b.init("zero", {}, {0}, T::INT64);
    b.node("Gather", {"s", "zero"}, {"n"}, "gather");
    b.init("axes", {1}, {0}, T::INT64);
    b.node("Unsqueeze", {"n", "axes"}, {"n1"}, "unsqueeze");
    b.init("minus1", {1}, {-1}, T::INT64);
    b.integer(b.node("Concat", {"n1", "minus1"}, {"shape2"}, "concat"), "axis", 0);
    b.node("Reshape", {"x", "shape2"}, {"flat"}, "reshape");
    b.init("W", {20, 6}, ramp(120));
    b.node("MatMul", {"flat", "W"}, {"y"}, "fc");
    b.output("y");
    const Layer l = b.load("fold.onnx").layers.at(0);
    EXPECT_EQ(l.batch, 3u);
    EXPECT_EQ(l.in_channels, 20u);
}

TEST(OnnxImport, InputShapeFixesADynamicBatchAndImageSize) {
    OnnxBuilder b;
    b.input("image", {-1, 3, -1, -1});
    b.init("w", {4, 3, 3, 3}, ramp(108));
    b.node("Conv", {"image", "w"}, {"y"}, "c");
    b.output("y");
    const Layer l = b.load("dynamic.onnx", {"image=2x3x9x11"}).layers.at(0);
    EXPECT_EQ(l.batch, 2u);
    EXPECT_EQ(l.in_h, 9u);
    EXPECT_EQ(l.in_w, 11u);
    EXPECT_EQ(b.load("dynamic.onnx", {"1,3,5,5"}).layers.at(0).in_h, 5u);  // the only input
}

TEST(OnnxImport, LayerNamesComeFromPyTorchsScopesAndStayUnique) {
    OnnxBuilder b;
    b.input("x", {1, 2, 4, 4});
    b.init("onnx::Conv_1", {2, 2, 1, 1}, ramp(4));
    b.node("Conv", {"x", "onnx::Conv_1"}, {"a"}, "/layer2/layer2.0/downsample/downsample.0/Conv");
    b.node("Conv", {"a", "onnx::Conv_1"}, {"b"}, "plain,name");
    b.node("Conv", {"b", "onnx::Conv_1"}, {"c"}, "plain,name");
    b.node("Conv", {"c", "onnx::Conv_1"}, {"d"});
    b.output("d");
    const Network n = b.load("names.onnx");
    ASSERT_EQ(n.layers.size(), 4u);
    EXPECT_EQ(n.layers[0].name, "layer2.0.downsample.0");
    EXPECT_EQ(n.layers[1].name, "plain_name");
    EXPECT_EQ(n.layers[2].name, "plain_name_2");
    EXPECT_EQ(n.layers[3].name, "Conv_3");
}

TEST(OnnxImport, MatMulsOfTwoActivationsAreEdgesWithAWarning) {
    OnnxBuilder b;
    b.input("q", {1, 4, 8});
    b.input("k", {1, 8, 4});
    b.node("MatMul", {"q", "k"}, {"s"}, "scores");
    b.init("W", {4, 3}, ramp(12));
    b.node("MatMul", {"s", "W"}, {"y"}, "proj");
    b.output("y");
    std::vector<std::string> warnings;
    const Network n = b.load("attention.onnx", {}, &warnings);
    ASSERT_EQ(n.layers.size(), 1u);
    EXPECT_EQ(n.layers[0].name, "proj");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("1 MatMul node(s) between two activations (node 'scores' (MatMul))"), std::string::npos);
}

}  // namespace
}  // namespace skipsim
