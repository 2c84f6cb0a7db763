"""Quantized ONNX models built with onnx.helper for skipsim's import tests. Each builder writes the
model and returns the layers skipsim must read, their shapes written down from how the graph is
built (weight and kept counts come from the file itself, in make_fixtures.py)."""
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def conv_layer(name, c, h, w, k, kernel, stride=1, pads=(0, 0, 0, 0), dilation=1, groups=1, wbits=8, abits=8):
    span = dilation * (kernel - 1) + 1
    oh = (h + pads[0] + pads[1] - span) // stride + 1
    ow = (w + pads[2] + pads[3] - span) // stride + 1
    return {"name": name, "kind": "conv2d", "batch": 1, "in_channels": c, "in_h": h, "in_w": w, "out_channels": k,
            "kernel": [kernel, kernel], "stride": [stride, stride], "padding": list(pads),
            "dilation": [dilation, dilation], "groups": groups, "out_h": oh, "out_w": ow,
            "dense_macs": oh * ow * k * (c // groups) * kernel * kernel, "weight_bits": wbits, "activation_bits": abits}


def matrix_layer(name, kind, rows, k, n, wbits=8, abits=8):
    return {"name": name, "kind": kind, "batch": rows, "in_channels": k, "in_h": 1, "in_w": 1, "out_channels": n,
            "kernel": [1, 1], "stride": [1, 1], "padding": [0, 0, 0, 0], "dilation": [1, 1], "groups": 1, "out_h": 1,
            "out_w": 1, "dense_macs": rows * k * n, "weight_bits": wbits, "activation_bits": abits}


def block_prune(w, rng, ratio=0.5):
    """Seed 003: zero the given share of 8 output x 8 input channel blocks (x R x S)."""
    k, c = w.shape[0], w.shape[1]
    blocks = [(i, j) for i in range(0, k, 8) for j in range(0, c, 8)]
    for i, j in [blocks[b] for b in rng.permutation(len(blocks))[:round(ratio * len(blocks))]]:
        w[i:i + 8, j:j + 8] = 0
    return w


def scalar(name, value, dtype):
    return numpy_helper.from_array(np.array(value, dtype=dtype), name)


def qdq_blocks(path):
    rng = np.random.default_rng(14)
    inits, nodes = [], []

    def quantize(src, dst, zp_dtype):
        inits.extend([scalar(dst + "_s", 0.05, np.float32), scalar(dst + "_zp", 128 if zp_dtype == np.uint8 else 0, zp_dtype)])
        nodes.append(helper.make_node("QuantizeLinear", [src, dst + "_s", dst + "_zp"], [dst + "_q"], name=dst + "_quant"))
        nodes.append(helper.make_node("DequantizeLinear", [dst + "_q", dst + "_s", dst + "_zp"], [dst], name=dst + "_dequant"))

    def weights(name, w, per_channel):
        inits.append(numpy_helper.from_array(w.astype(np.int8), name + "_q"))
        k = w.shape[0]
        inits.append(numpy_helper.from_array(np.full(k if per_channel else (), 0.01, np.float32), name + "_s"))
        inits.append(numpy_helper.from_array(np.zeros(k if per_channel else (), np.int8), name + "_zp"))
        nodes.append(helper.make_node("DequantizeLinear", [name + "_q", name + "_s", name + "_zp"], [name], axis=0,
                                      name=name + "_dequant"))

    w1 = block_prune(rng.integers(-127, 128, (32, 16, 3, 3)), rng)
    w2 = block_prune(rng.integers(-127, 128, (32, 32, 1, 1)), rng)
    w3 = rng.integers(-127, 128, (10, 32)) * (rng.random((10, 32)) < 0.6)
    quantize("x", "x_dq", np.uint8)
    weights("w1", w1, True)
    nodes.append(helper.make_node("Conv", ["x_dq", "w1"], ["y1"], pads=[1, 1, 1, 1], name="conv1"))
    nodes.append(helper.make_node("Relu", ["y1"], ["r1"], name="relu1"))
    quantize("r1", "r1_dq", np.uint8)
    weights("w2", w2, False)
    nodes.append(helper.make_node("Conv", ["r1_dq", "w2"], ["y2"], strides=[2, 2], name="conv2"))
    nodes.append(helper.make_node("GlobalAveragePool", ["y2"], ["p"], name="pool"))
    nodes.append(helper.make_node("Flatten", ["p"], ["f"], name="flatten"))
    quantize("f", "f_dq", np.int8)
    weights("w3", w3, True)
    nodes.append(helper.make_node("Gemm", ["f_dq", "w3"], ["y"], transB=1, name="fc"))
    graph = helper.make_graph(nodes, "qdq_blocks", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
    return {"input": [1, 16, 8, 8], "layers": [conv_layer("conv1", 16, 8, 8, 32, 3, pads=(1, 1, 1, 1)),
                                               conv_layer("conv2", 32, 8, 8, 32, 1, stride=2),
                                               matrix_layer("fc", "linear", 1, 32, 10)]}


def qlinear_ops(path):
    rng = np.random.default_rng(41)
    inits, nodes = [], []
    # QLinearConv: uint8 weights with a zero point per output channel; PAIRS pattern 5 (the top-left
    # 2x2 corner kept), so a pruned weight equals its channel's zero point.
    zp1 = (120 + np.arange(16) % 16).astype(np.uint8)
    w1 = rng.integers(0, 256, (16, 8, 3, 3)).astype(np.uint8)
    keep = np.zeros((3, 3), bool)
    keep[:2, :2] = True
    w1 = np.where(keep, w1, zp1.reshape(16, 1, 1, 1)).astype(np.uint8)
    inits += [scalar("xs", 0.02, np.float32), scalar("xzp", 128, np.uint8), numpy_helper.from_array(w1, "qconv.weight"),
              numpy_helper.from_array(np.full(16, 0.01, np.float32), "w1s"), numpy_helper.from_array(zp1, "w1zp"),
              scalar("ys", 0.05, np.float32), scalar("yzp", 128, np.uint8)]
    nodes.append(helper.make_node("QLinearConv", ["x", "xs", "xzp", "qconv.weight", "w1s", "w1zp", "ys", "yzp"], ["y1"],
                                  pads=[1, 1, 1, 1], name="qconv"))
    # ConvInteger: int8 weights in the typed int32_data field, zero point 3 (40% of them pruned to it).
    w2 = np.where(rng.random((16, 8, 3, 3)) < 0.4, 3, rng.integers(-128, 128, (16, 8, 3, 3))).astype(np.int8)
    inits += [helper.make_tensor("w2", TensorProto.INT8, w2.shape, w2.reshape(-1).tolist()), scalar("w2zp", 3, np.int8)]
    nodes.append(helper.make_node("ConvInteger", ["y1", "w2", "yzp", "w2zp"], ["y2"], group=2, strides=[2, 2],
                                  dilations=[2, 2], auto_pad="SAME_LOWER", name="convint"))
    nodes.append(helper.make_node("Cast", ["y2"], ["y2f"], to=TensorProto.FLOAT, name="cast"))
    # A float Conv whose weights are a Constant node (typed float_data), even kernel under SAME_UPPER.
    w3 = (rng.standard_normal((12, 16, 2, 2)) * (rng.random((12, 16, 2, 2)) < 0.5)).astype(np.float32)
    nodes.append(helper.make_node("Constant", [], ["w3"], value=helper.make_tensor("w3v", TensorProto.FLOAT, w3.shape,
                                                                                  w3.reshape(-1).tolist()), name="w3c"))
    nodes.append(helper.make_node("Conv", ["y2f", "w3"], ["y3"], auto_pad="SAME_UPPER", name="fconv"))
    inits += [scalar("q3s", 0.1, np.float32), scalar("q3zp", 0, np.int8)]
    nodes.append(helper.make_node("QuantizeLinear", ["y3", "q3s", "q3zp"], ["y3q"], name="quant3"))
    nodes.append(helper.make_node("Flatten", ["y3q"], ["a4"], name="flatten"))
    # QLinearMatMul with its int8 weights as a sparse initializer (90% zero).
    b4 = np.where(rng.random((432, 20)) < 0.9, 0, rng.integers(-127, 128, (432, 20))).astype(np.int8)
    idx = np.flatnonzero(b4)
    sparse = helper.make_sparse_tensor(numpy_helper.from_array(b4.reshape(-1)[idx], "b4"),
                                       numpy_helper.from_array(idx.astype(np.int64), "b4_idx"), [432, 20])
    inits += [scalar("b4s", 0.01, np.float32), scalar("y4s", 0.1, np.float32)]
    nodes.append(helper.make_node("QLinearMatMul", ["a4", "q3s", "q3zp", "b4", "b4s", "q3zp", "y4s", "q3zp"], ["y4"],
                                  name="qmatmul"))
    # MatMulInteger: uint8 weights, a zero point per output column; pruned entries equal it.
    zp5 = (100 + np.arange(10)).astype(np.uint8)
    b5 = np.where(rng.random((20, 10)) < 0.3, zp5, rng.integers(0, 256, (20, 10))).astype(np.uint8)
    inits += [numpy_helper.from_array(b5, "b5"), numpy_helper.from_array(zp5, "b5zp")]
    nodes.append(helper.make_node("MatMulInteger", ["y4", "b5", "q3zp", "b5zp"], ["y"], name="mmint"))
    graph = helper.make_graph(nodes, "qlinear_ops", [helper.make_tensor_value_info("x", TensorProto.UINT8, [1, 8, 12, 12])],
                              [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 10])], inits,
                              sparse_initializer=[sparse])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
    return {"input": [1, 8, 12, 12], "layers": [
        conv_layer("qconv", 8, 12, 12, 16, 3, pads=(1, 1, 1, 1), wbits=9),
        conv_layer("convint", 16, 12, 12, 16, 3, stride=2, pads=(2, 1, 2, 1), dilation=2, groups=2, wbits=9),
        conv_layer("fconv", 16, 6, 6, 12, 2, pads=(0, 1, 0, 1)),
        matrix_layer("qmatmul", "matmul", 1, 432, 20),
        matrix_layer("mmint", "matmul", 1, 20, 10, wbits=9)]}
