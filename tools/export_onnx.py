#!/usr/bin/python3
"""Exports a torchvision model, pruned the way one of skipsim's seeds prunes, to ONNX.

The path from PyTorch to skipsim: prune with torch.nn.utils.prune, make the pruning permanent
(prune.remove: the zeros are now in the weights), export with torch.onnx.export, and run the
.onnx file. skipsim reads the zeros from the weights.

    /usr/bin/python3 tools/export_onnx.py --model resnet18 --pruning ws_kij --ratio 0.8 -o r18_ws80.onnx
    build/skipsim run -p platforms/ws_kij_32x32.json -w r18_ws80.onnx

Weights are random (seeded, no downloads). Pruning schemes, applied to every Conv2d but the first
(as the seeds do) and, with --linear, to every Linear:
  unstructured  L1 magnitude over the layer (seeds 001, 002)
  channel       whole output channels by L2 norm (torch's ln_structured)
  ws_kij        seed 000 WS: per output channel, the kernel positions of smallest L1 over input channels
                (kernels larger than 1x1)
  os_kij        seed 000 OS: the (input channel, kernel position) sticks of smallest L1 over output channels
  block         seed 003: blocks of 8 output x 8 input channels x R x S of smallest L2
  nm            N:M along each filter's reduction (--n, --m; default 2:4)
  pairs         seed 004 (3x3 kernels): one kept 2x2 corner block per layer, the one of largest L2
                (PAIRS mask 5; --ratio does not apply)
Needs Debian's python3-torch, python3-torchvision and python3-onnx (tools/install_deps.sh --with-python).
"""
import argparse
import math
import sys

import torch
import torch.nn.utils.prune as prune
import torchvision

SCHEMES = ["none", "unstructured", "channel", "ws_kij", "os_kij", "block", "nm", "pairs"]


def smallest(scores, count):
    """A mask over `scores` (any shape) that drops the `count` smallest (ties: lowest index)."""
    flat = scores.flatten()
    keep = torch.ones_like(flat)
    if count > 0:
        order = sorted(range(flat.numel()), key=lambda i: (float(flat[i]), i))
        keep[order[:count]] = 0
    return keep.reshape(scores.shape)


def conv_view(w):
    """Any weight as K x C x R x S (a Linear weight is K x C x 1 x 1)."""
    return w if w.dim() == 4 else w.reshape(w.shape[0], w.shape[1], 1, 1)


def mask_for(w, scheme, ratio, n, m):
    v = conv_view(w.detach().abs())
    k, c, r, s = v.shape
    if scheme in ("ws_kij", "pairs") and r * s == 1:
        return torch.ones_like(w)  # a 1x1 kernel has one position: pruning it would empty the layer
    if scheme == "ws_kij":
        sticks = v.sum(dim=1).reshape(k, r * s)  # L1 over input channels, per output channel
        drop = round(ratio * r * s)
        keep = torch.stack([smallest(sticks[i], drop) for i in range(k)])
        mask = keep.reshape(k, 1, r, s).expand(k, c, r, s)
    elif scheme == "os_kij":
        sticks = v.sum(dim=0)  # L1 over output channels
        mask = smallest(sticks, round(ratio * c * r * s)).reshape(1, c, r, s).expand(k, c, r, s)
    elif scheme == "block":
        kb, cb = math.ceil(k / 8), math.ceil(c / 8)
        norms = torch.zeros(kb, cb)
        for i in range(kb):
            for j in range(cb):
                norms[i, j] = v[i * 8:(i + 1) * 8, j * 8:(j + 1) * 8].pow(2).sum()
        keep = smallest(norms, round(ratio * kb * cb))
        mask = keep.repeat_interleave(8, 0)[:k].repeat_interleave(8, 1)[:, :c].reshape(k, c, 1, 1).expand(k, c, r, s)
    elif scheme == "nm":
        red = v.reshape(k, -1)
        mask = torch.zeros_like(red)
        for start in range(0, red.shape[1], m):
            part = red[:, start:start + m]
            top = part.topk(min(n, part.shape[1]), dim=1).indices
            mask[:, start:start + m].scatter_(1, top, 1.0)
        mask = mask.reshape(k, c, r, s)
    elif scheme == "pairs":
        if (r, s) != (3, 3):
            return torch.ones_like(w)
        energy = v.pow(2).sum(dim=(0, 1))
        corners = [(0, 0), (0, 1), (1, 0), (1, 1)]
        y, x = max(corners, key=lambda p: float(energy[p[0]:p[0] + 2, p[1]:p[1] + 2].sum()))
        mask = torch.zeros(k, c, r, s)
        mask[:, :, y:y + 2, x:x + 2] = 1
    else:
        raise ValueError(scheme)
    return mask.reshape(w.shape).to(w.dtype).contiguous()


def prune_model(model, scheme, ratio, n, m, linear):
    convs = [mod for mod in model.modules() if isinstance(mod, torch.nn.Conv2d)]
    targets = convs[1:] + ([mod for mod in model.modules() if isinstance(mod, torch.nn.Linear)] if linear else [])
    for mod in targets:
        if scheme == "unstructured":
            prune.l1_unstructured(mod, "weight", amount=ratio)
        elif scheme == "channel":
            prune.ln_structured(mod, "weight", amount=ratio, n=2, dim=0)
        else:
            prune.custom_from_mask(mod, "weight", mask_for(mod.weight, scheme, ratio, n, m))
        prune.remove(mod, "weight")  # the zeros are now the weights' own


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="resnet18", help="a torchvision.models builder: resnet18, resnet50, mobilenet_v2, vgg16, ...")
    p.add_argument("--pruning", choices=SCHEMES, default="unstructured")
    p.add_argument("--ratio", type=float, default=0.5, help="share pruned (ws_kij: of each channel's kernel positions)")
    p.add_argument("--n", type=int, default=2)
    p.add_argument("--m", type=int, default=4)
    p.add_argument("--linear", action="store_true", help="prune Linear layers too")
    p.add_argument("--input", default="1x3x224x224", help="input shape, NxCxHxW")
    p.add_argument("--dynamic-batch", action="store_true", help="export the batch dimension as dynamic")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--opset", type=int, default=13)
    p.add_argument("-o", "--out", required=True, help="the .onnx file to write")
    a = p.parse_args()
    if not 0 <= a.ratio < 1:
        sys.exit("export_onnx.py: --ratio must be in [0, 1)")
    torch.manual_seed(a.seed)
    model = getattr(torchvision.models, a.model)(weights=None).eval()
    if a.pruning != "none":
        prune_model(model, a.pruning, a.ratio, a.n, a.m, a.linear)
    shape = [int(d) for d in a.input.split("x")]
    dynamic = {"input": {0: "batch"}, "output": {0: "batch"}} if a.dynamic_batch else None
    with torch.no_grad():
        torch.onnx.export(model, torch.randn(*shape), a.out, opset_version=a.opset, input_names=["input"],
                          output_names=["output"], dynamic_axes=dynamic)
    weights = sum(mod.weight.numel() for mod in model.modules() if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear)))
    zeros = sum(int((mod.weight == 0).sum()) for mod in model.modules() if isinstance(mod, (torch.nn.Conv2d, torch.nn.Linear)))
    print(f"{a.out}: {a.model}, {a.pruning} pruning, {weights - zeros} of {weights} weights kept")


if __name__ == "__main__":
    main()
