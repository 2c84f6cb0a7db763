#!/usr/bin/python3
"""Builds the ONNX fixtures of skipsim's import tests into a directory (cached there: a fixture is
rebuilt only when this script changed). Fixed seeds, small inputs, no downloads:

  resnet18_l1       torchvision ResNet-18, L1-unstructured 80% (convs but the first) and 50% (fc)
  resnet50_channel  torchvision ResNet-50, half the output channels of every conv but the first
  mobilenet_v2_kij  torchvision MobileNetV2 (depthwise) with seed 000's masks: per output channel
                    3 of 9 kernel positions on 3x3 convs (WS), half the input-channel sticks on 1x1 (OS)
  mlp_attention     an attention block and an MLP (MatMul, Gemm), 2:4 on its projections
  qdq_blocks        onnx.helper: QDQ convolutions and Gemm, 8x8 blocks pruned (seed 003)
  qlinear_ops       onnx.helper: QLinearConv (PAIRS pattern, uint8 zero points), ConvInteger, a float
                    Conv with auto_pad, QLinearMatMul (a sparse initializer), MatMulInteger

Next to each <name>.onnx, <name>.expected.json holds what skipsim must read, computed here
independently of skipsim: every weight layer's shapes and dense MACs from PyTorch's forward hooks
(or from how the model was built), its weight and kept counts from the ONNX file's own tensors.

usage: make_fixtures.py DIR [NAME ...]
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "../../tools"))
import helper_models  # noqa: E402

# A fixture is rebuilt when any script that makes it changed.
STAMP = hashlib.sha256(b"".join(open(os.path.join(d, f), "rb").read() for d, f in
                                [(HERE, "make_fixtures.py"), (HERE, "helper_models.py"),
                                 (os.path.join(HERE, "../../tools"), "export_onnx.py")])).hexdigest()
FIXTURES = ["resnet18_l1", "resnet50_channel", "mobilenet_v2_kij", "mlp_attention", "qdq_blocks", "qlinear_ops"]


# ---- counts from the ONNX file ------------------------------------------------------------------

def onnx_weight_counts(path):
    """(weights, kept, skipped activation MatMuls) per weight-carrying node, in graph order."""
    m = onnx.load(path)
    g = m.graph
    const = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    for s in g.sparse_initializer:
        dense = np.zeros(int(np.prod(s.dims)), dtype=numpy_helper.to_array(s.values).dtype)
        dense[numpy_helper.to_array(s.indices).reshape(-1)] = numpy_helper.to_array(s.values)
        const[s.values.name] = dense.reshape(list(s.dims))
    producer = {}
    for n in g.node:
        for o in n.output:
            producer[o] = n
        if n.op_type == "Constant":
            const[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)

    def resolve(name):
        while name not in const and name in producer and producer[name].op_type in ("Identity", "Cast"):
            name = producer[name].input[0]
        return const.get(name)

    def operand(n, i, zp):
        """(integer weights minus zero point, or floats) of input i, through DequantizeLinear."""
        if len(n.input) <= i or not n.input[i]:
            return None
        w = resolve(n.input[i])
        z = resolve(n.input[zp]) if zp is not None and len(n.input) > zp and n.input[zp] else None
        # A per-channel zero point: conv weights by output channel; matrix operands a by row, b by column.
        axis = 0 if w is None or w.ndim != 2 or i == 0 else 1
        if w is None and n.input[i] in producer and producer[n.input[i]].op_type == "DequantizeLinear":
            dq = producer[n.input[i]]
            w = resolve(dq.input[0])
            z = resolve(dq.input[2]) if len(dq.input) > 2 and dq.input[2] else None
            axis = next((a.i for a in dq.attribute if a.name == "axis"), 1)
        if w is None:
            return None
        w = w.astype(np.int64) if w.dtype.kind in "iu" else w
        if z is not None:
            shape = [1] * w.ndim
            if z.size > 1:
                shape[axis] = z.size
            w = w - z.astype(np.int64).reshape(shape)
        return w

    out, skipped = [], 0
    for n in g.node:
        op = n.op_type
        if op in ("Conv", "ConvInteger", "QLinearConv"):
            w = operand(n, 3 if op == "QLinearConv" else 1, 5 if op == "QLinearConv" else 3 if op == "ConvInteger" else None)
        elif op in ("Gemm", "MatMul", "MatMulInteger", "QLinearMatMul"):
            a = operand(n, 0, 2 if op in ("MatMulInteger", "QLinearMatMul") else None)
            b = operand(n, 3 if op == "QLinearMatMul" else 1, 5 if op == "QLinearMatMul" else 3 if op == "MatMulInteger" else None)
            if a is None and b is None:
                skipped += 1
                continue
            w = b if b is not None else a
        else:
            continue
        out.append({"weights": int(w.size), "kept": int(np.count_nonzero(w))})
    return out, skipped


# ---- shapes from PyTorch --------------------------------------------------------------------------

def torch_layers(model, x):
    """Every Conv2d and Linear call's shapes, in call order, from forward hooks."""
    import torch
    names = {mod: name for name, mod in model.named_modules()}
    layers = []

    def hook(mod, inputs, output):
        i, o = list(inputs[0].shape), list(output.shape)
        if isinstance(mod, torch.nn.Conv2d):
            k, s, p, d = mod.kernel_size, mod.stride, mod.padding, mod.dilation
            layers.append({"name": names[mod], "kind": "conv2d", "batch": i[0], "in_channels": i[1], "in_h": i[2],
                           "in_w": i[3], "out_channels": o[1], "kernel": list(k), "stride": list(s),
                           "padding": [p[0], p[0], p[1], p[1]], "dilation": list(d), "groups": mod.groups,
                           "out_h": o[2], "out_w": o[3],
                           "dense_macs": o[0] * o[1] * o[2] * o[3] * (i[1] // mod.groups) * k[0] * k[1]})
        else:
            rows = int(np.prod(i[:-1]))
            layers.append({"name": names[mod], "kind": "linear" if len(i) == 2 else "matmul", "batch": rows,
                           "in_channels": i[-1], "in_h": 1, "in_w": 1, "out_channels": o[-1], "kernel": [1, 1],
                           "stride": [1, 1], "padding": [0, 0, 0, 0], "dilation": [1, 1], "groups": 1, "out_h": 1,
                           "out_w": 1, "dense_macs": rows * i[-1] * o[-1]})

    handles = [mod.register_forward_hook(hook) for mod in model.modules()
               if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return layers


def export_torch(name, model, shape, path):
    import torch
    model.eval()
    x = torch.randn(*shape)
    layers = torch_layers(model, x)
    with torch.no_grad():
        torch.onnx.export(model, x, path, opset_version=13, input_names=["input"], output_names=["output"])
    return {"input": shape, "layers": layers}


def prune_torch(name, model):
    import torch
    import torch.nn.utils.prune as prune
    from export_onnx import mask_for
    convs = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
    linears = [m for m in model.modules() if isinstance(m, torch.nn.Linear)]
    if name == "resnet18_l1":
        for m in convs[1:]:
            prune.l1_unstructured(m, "weight", amount=0.8)
        prune.l1_unstructured(linears[0], "weight", amount=0.5)
    elif name == "resnet50_channel":
        for m in convs[1:]:
            prune.ln_structured(m, "weight", amount=0.5, n=2, dim=0)
    elif name == "mobilenet_v2_kij":
        for m in convs[1:]:
            scheme = "ws_kij" if m.kernel_size == (3, 3) else "os_kij"
            prune.custom_from_mask(m, "weight", mask_for(m.weight, scheme, 6 / 9 if scheme == "ws_kij" else 0.5, 2, 4))
    elif name == "mlp_attention":
        for m in linears[:-1]:
            prune.custom_from_mask(m, "weight", mask_for(m.weight, "nm", 0, 2, 4))
        prune.l1_unstructured(linears[-1], "weight", amount=0.5)
    for m in convs + linears:
        if prune.is_pruned(m) and hasattr(m, "weight_orig"):
            prune.remove(m, "weight")


def attention_block():
    import torch

    class Block(torch.nn.Module):
        def __init__(self, d=64):
            super().__init__()
            self.qkv = torch.nn.Linear(d, 3 * d)
            self.proj = torch.nn.Linear(d, d)
            self.fc1 = torch.nn.Linear(d, 4 * d)
            self.fc2 = torch.nn.Linear(4 * d, d)
            self.head = torch.nn.Linear(d, 10)

        def forward(self, x):
            q, k, v = self.qkv(x).chunk(3, dim=-1)
            a = torch.softmax(q @ k.transpose(-1, -2) / 8.0, dim=-1)
            x = x + self.proj(a @ v)
            x = x + self.fc2(torch.relu(self.fc1(x)))
            return self.head(x.mean(dim=1))

    return Block()


def torch_fixture(name, path):
    import torch
    import torchvision
    torch.manual_seed(14)
    if name == "mlp_attention":
        model, shape = attention_block(), [1, 16, 64]
    else:
        builder = {"resnet18_l1": "resnet18", "resnet50_channel": "resnet50", "mobilenet_v2_kij": "mobilenet_v2"}[name]
        model, shape = getattr(torchvision.models, builder)(weights=None), [1, 3, 32, 32]
    prune_torch(name, model)
    return export_torch(name, model, shape, path)


def build(name, out):
    path = os.path.join(out, name + ".onnx")
    tmp = path + ".partial"
    expected = getattr(helper_models, name)(tmp) if hasattr(helper_models, name) else torch_fixture(name, tmp)
    counts, skipped = onnx_weight_counts(tmp)
    if len(counts) != len(expected["layers"]):
        sys.exit(f"{name}: {len(counts)} weight nodes in the ONNX file, {len(expected['layers'])} layers expected")
    for layer, c in zip(expected["layers"], counts):
        layer.update(c)
    expected.update({"model": name + ".onnx", "activation_matmuls": skipped, "stamp": STAMP})
    os.replace(tmp, path)
    with open(path + ".json.partial", "w") as f:
        json.dump(expected, f, indent=1)
    os.replace(path + ".json.partial", os.path.join(out, name + ".expected.json"))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in sys.argv[2:] or FIXTURES:
        expected = os.path.join(out, name + ".expected.json")
        if os.path.exists(expected) and os.path.exists(os.path.join(out, name + ".onnx")):
            with open(expected) as f:
                if json.load(f).get("stamp") == STAMP:
                    continue
        build(name, out)


if __name__ == "__main__":
    main()
