#!/usr/bin/python3
"""Compares skipsim's AIE2 model with the seed's own compiler logs, category by category.

usage: tools/aie_log_compare.py LOG.html [--skipsim BIN] [--out DIR]
       tools/aie_log_compare.py --all [--logs DIR] [--skipsim BIN] [--out DIR]

LOG.html is one of seed 003's ECharts timelines (`<Res|Inc|VGG><n>-<dense|sparse>.html`, with its
`.txt` beside it for the graph's shapes and `Total time`). The tool runs skipsim on the same
network, mesh and variant and writes OUT/<log>.csv, OUT/<log>.svg and a table on stdout; --all
does every log of the folder and writes OUT/summary.md as well.

Busy time is compared like with like. skipsim reports per layer the busiest engine of each of the
seven instruction categories. The log has one lane per category (lane 0 LOAD, 1 LOADW, 2 LOADFM,
3 LOADWM, 4 WRITE, 5 WRITEFM, 6 COMP: the compiler's SIMD view of the mesh), so its busiest lane of
a category is the sum of that category's durations; the code still sums per lane and takes the
busiest, per layer. Totals are sums over layers on both sides. Ratios are skipsim / log.
"""
import argparse
import csv
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

CATEGORIES = ["LOAD", "LOADW", "LOADFM", "LOADWM", "COMP", "WRITEFM", "WRITE"]
NETWORKS = {"Res": ("ResNet-50", "resnet50"), "Inc": ("Inception-v3", "inception_v3"),
            "VGG": ("VGG16", "vgg16")}
LOG_NAME = re.compile(r"^(Res|Inc|VGG)(\d+)-(dense|sparse)\.html$")
ENTRY = re.compile(r"\{type:'([A-Z]+)'.*?value:\[(.*?)\]\}")
GRAPH_LINE = re.compile(r"^\s*\d+\s+(\S+)\s+(\S+)\s+Ops\s+\d+\s+Shape\s+\[([\d,\s]+)\]", re.M)
COMPUTE_OPS = {"conv2d", "depthwise-conv2d", "matmul"}  # the ops skipsim models as layers
ROOT = Path(__file__).resolve().parent.parent


class LogError(Exception):
    pass


class LogLayer:
    def __init__(self, name, op, shape):
        self.name, self.op, self.shape = name, op, shape
        self.busy = {}   # category -> seconds, busiest lane
        self.start = self.end = None

    @property
    def span(self):
        return self.end - self.start


def read_graph(txt):
    """name -> (op, (h, w, c)) from the graph listing, and the run's `Total time`."""
    text = txt.read_text(errors="replace")
    graph = {}
    for op, name, dims in GRAPH_LINE.findall(text):
        d = [int(x) for x in dims.split(",")]
        hwc = tuple(d[1:4]) if len(d) == 4 else (1, 1, d[-1])
        graph[name] = (op, hwc)
    total = re.search(r"Total time\s+([0-9.eE+-]+)", text)
    if not graph or not total:
        raise LogError(f"{txt}: no graph listing or no 'Total time' line")
    return graph, float(total.group(1))


def layer_of(comp_name, graph):
    """'COMP3conv2d_Res__x' -> graph node 'Res__x' (the op is the part before the first '_')."""
    rest = re.sub(r"^COMP\d+", "", comp_name)
    op, _, name = rest.partition("_")
    if name in graph:
        return name, graph[name][0], graph[name][1]
    return name, op, None


def parse_log(path):
    """The log's layers in order, each with its busiest lane per category, and the total time."""
    if not path.is_file():
        raise LogError(f"{path}: no such file")
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise LogError(f"{txt}: missing (the log's graph and total time are read from it)")
    graph, total = read_graph(txt)
    layers, pending = [], []
    # An instruction belongs to the layer of its block: a layer's instructions run from its
    # LOADW/LOAD to its one WRITE, and only COMP names the layer.
    for n, (cat, value) in enumerate(ENTRY.findall(path.read_text(errors="replace"))):
        f = [x.strip().strip("'") for x in value.split(",")]
        try:
            lane, start, end, dur = int(f[0]), float(f[1]), float(f[2]), float(f[3])
        except (ValueError, IndexError):
            raise LogError(f"{path}: instruction {n} ({cat}) has no [lane, start, end, duration]")
        if cat not in CATEGORIES:
            raise LogError(f"{path}: instruction {n} has unknown category {cat}")
        pending.append((cat, lane, start, end, dur, f[6] if len(f) > 6 else ""))
        if cat != "WRITE":
            continue
        comps = {x[5] for x in pending if x[0] == "COMP"}
        names = {layer_of(c, graph) for c in comps}
        if len(names) != 1:
            raise LogError(f"{path}: instruction {n}: a WRITE closes a block of {len(names)} layers")
        layer = LogLayer(*names.pop())
        lanes = {}  # (category, lane) -> seconds
        for cat_, lane_, _, _, d, _ in pending:
            lanes[(cat_, lane_)] = lanes.get((cat_, lane_), 0.0) + d
        for cat_ in CATEGORIES:
            layer.busy[cat_] = max((v for k, v in lanes.items() if k[0] == cat_), default=0.0)
        layer.start = min(x[2] for x in pending)
        layer.end = max(x[3] for x in pending)
        layers.append(layer)
        pending = []
    if not layers or pending:
        raise LogError(f"{path}: no timeline entries, or instructions after the last WRITE")
    return layers, total


def run_skipsim(binary, net, mesh, variant, out):
    workload = ROOT / "workloads/zoo" / (net + ("_block8x8_50" if variant == "sparse" else "") + ".json")
    platform = ROOT / f"platforms/aie_{mesh}x{mesh}.json"
    cmd = [str(binary), "run", "--platform", str(platform), "--workload", str(workload),
           "--out", str(out), "--no-html"]
    if not Path(binary).is_file():
        raise LogError(f"{binary}: no skipsim binary (give --skipsim BIN or set SKIPSIM)")
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"skipsim failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return json.loads((out / "report.json").read_text())


def tokens(name):
    return [t for t in re.split(r"[._]+", name) if t]


def names_agree(sim_name, log_name):
    """skipsim's name ('layer1.0.conv1') appears token by token, in order, in the log's
    ('ResNet__..._layer1__Bottleneck_0__Conv2d_conv1__input_5')."""
    it = iter(tokens(log_name))
    return all(t in it for t in tokens(sim_name))


def match(log_layers, sim_layers):
    """(log layer, sim layer, how) for matched pairs, plus the unmatched of both sides. A skipsim
    layer takes the log's compute layer of the same output shape whose name agrees, else the first
    unmatched one of that shape in the log's order."""
    candidates = [l for l in log_layers if l.op in COMPUTE_OPS]
    pairs, taken = [], set()
    for s in sim_layers:
        sh = s["shape"]
        hwc = (sh.get("out_h", 1), sh.get("out_w", 1), sh["out_channels"])
        same = [l for l in candidates if id(l) not in taken and l.shape == hwc]
        named = [l for l in same if names_agree(s["name"], l.name)]
        pick, how = (named[0], "name+shape") if named else ((same[0], "order+shape") if same else (None, None))
        if pick is None:
            continue
        taken.add(id(pick))
        pairs.append((pick, s, how))
    matched_sim = {id(p[1]) for p in pairs}
    return (pairs, [l for l in log_layers if id(l) not in taken],
            [s for s in sim_layers if id(s) not in matched_sim])


def ratio(sim, log):
    return sim / log if log > 0 else None


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}"


def compare(log_path, binary, out_dir):
    m = LOG_NAME.match(log_path.name)
    if not m:
        raise LogError(f"{log_path}: name is not <Res|Inc|VGG><n>-<dense|sparse>.html")
    key, mesh, variant = m.group(1), int(m.group(2)), m.group(3)
    label, net = NETWORKS[key]
    log_layers, log_total = parse_log(log_path)
    stem = log_path.stem
    report = run_skipsim(binary, net, mesh, variant, out_dir / "runs" / stem)
    pairs, log_only, sim_only = match(log_layers, report["layers"])

    def sim_busy(s, cat):
        # The log counts LOADWM only where it blocks compute (its later loads, hidden behind
        # compute, have no duration): skipsim's loadwm_blocking_ns is that part of its LOADWM.
        if cat == "LOADWM" and "loadwm_blocking_ns" in s["mapping"]:
            return s["mapping"]["loadwm_blocking_ns"] * 1e-6
        return s["mapping"]["busy_ns_by_instruction"][cat] * 1e-6  # ms

    log_cat = {c: sum(p[0].busy[c] for p in pairs) * 1e3 for c in CATEGORIES}
    sim_cat = {c: sum(sim_busy(p[1], c) for p in pairs) for c in CATEGORIES}
    res = {
        "name": stem, "label": label, "mesh": mesh, "variant": variant,
        "log_total": log_total * 1e3, "sim_total": report["totals"]["seconds"] * 1e3,
        "log_cat": log_cat, "sim_cat": sim_cat, "pairs": pairs, "log_only": log_only,
        "sim_only": sim_only,
        "log_all_cat": {c: sum(l.busy[c] for l in log_layers) * 1e3 for c in CATEGORIES},
        "sim_all_cat": {c: sum(sim_busy(s, c) for s in report["layers"]) for c in CATEGORIES},
        "log_only_ms": sum(l.span for l in log_only) * 1e3,
        "sim_only_ms": sum(s["seconds"] for s in sim_only) * 1e3,
        "log_span_sum": sum(l.span for l in log_layers) * 1e3,
    }
    res["inconsistent"] = [c for c in CATEGORIES if res["log_all_cat"][c] > res["log_total"] * 1.0001]
    if abs(res["log_span_sum"] - res["log_total"]) > 1e-3 * res["log_total"]:
        res["inconsistent"].append("layer spans")
    write_csv(res, out_dir / f"{stem}.csv", sim_busy)
    write_svg(res, out_dir / f"{stem}.svg")
    return res


def write_csv(res, path, sim_busy):
    head = ["log_layer", "skipsim_layer", "match", "log_ms", "skipsim_ms"]
    for c in CATEGORIES:
        head += [f"{c}_log_ms", f"{c}_skipsim_ms", f"{c}_ratio"]

    def cells(log_ms, sim_ms):
        row = []
        for c in CATEGORIES:
            r = ratio(sim_ms[c], log_ms[c])
            row += [f"{log_ms[c]:.6f}", f"{sim_ms[c]:.6f}", "" if r is None else f"{r:.4f}"]
        return row

    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for l, s, how in res["pairs"]:
            w.writerow([l.name, s["name"], how, f"{l.span * 1e3:.6f}", f"{s['seconds'] * 1e3:.6f}"]
                       + cells({c: l.busy[c] * 1e3 for c in CATEGORIES}, {c: sim_busy(s, c) for c in CATEGORIES}))
        zero = {c: 0.0 for c in CATEGORIES}
        for l in res["log_only"]:
            w.writerow([l.name, "", f"log only ({l.op})", f"{l.span * 1e3:.6f}", ""]
                       + cells({c: l.busy[c] * 1e3 for c in CATEGORIES}, zero))
        for s in res["sim_only"]:
            w.writerow(["", s["name"], "skipsim only", "", f"{s['seconds'] * 1e3:.6f}"]
                       + cells(zero, {c: sim_busy(s, c) for c in CATEGORIES}))
        w.writerow(["TOTAL matched", "", f"{len(res['pairs'])} layers",
                    f"{sum(l.span for l, _, _ in res['pairs']) * 1e3:.6f}",
                    f"{sum(s['seconds'] for _, s, _ in res['pairs']) * 1e3:.6f}"]
                   + cells(res["log_cat"], res["sim_cat"]))
        w.writerow(["TOTAL run", "", "", f"{res['log_total']:.6f}", f"{res['sim_total']:.6f}"]
                   + cells(res["log_all_cat"], res["sim_all_cat"]))


def write_svg(res, path):
    groups = CATEGORIES + ["total"]
    log = [res["log_cat"][c] for c in CATEGORIES] + [res["log_total"]]
    sim = [res["sim_cat"][c] for c in CATEGORIES] + [res["sim_total"]]
    W, H, left, bottom, top = 760, 360, 60, 40, 40
    plot_h = H - bottom - top
    vmax = max(log + sim) or 1.0
    step = 10 ** len(str(int(vmax))) / 10 if vmax >= 1 else 0.1
    while vmax / step > 8:
        step *= 2
    ymax = step * (int(vmax / step) + 1)
    gw = (W - left - 20) / len(groups)
    y = lambda v: top + plot_h * (1 - v / ymax)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
           f'<text x="{W / 2}" y="18" text-anchor="middle" font-size="14">{html.escape(res["name"])}: '
           f'busiest engine per category, matched layers, and total time (ms)</text>']
    t = 0.0
    while t <= ymax + 1e-9:
        out.append(f'<line x1="{left}" x2="{W - 20}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 5}" y="{y(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
        t += step
    for i, g in enumerate(groups):
        x0 = left + i * gw
        for j, (v, color) in enumerate(((log[i], "#888"), (sim[i], "#2a6fb0"))):
            bx = x0 + gw * (0.15 + 0.35 * j)
            out.append(f'<rect x="{bx:.1f}" y="{y(v):.1f}" width="{gw * 0.33:.1f}" height="{y(0) - y(v):.1f}" fill="{color}">'
                       f'<title>{g} {"log" if j == 0 else "skipsim"}: {v:.3f} ms</title></rect>')
        out.append(f'<text x="{x0 + gw / 2:.1f}" y="{H - bottom + 16}" text-anchor="middle">{g}</text>')
    out.append(f'<rect x="{W - 170}" y="28" width="10" height="10" fill="#888"/><text x="{W - 155}" y="37">seed log</text>'
               f'<rect x="{W - 95}" y="28" width="10" height="10" fill="#2a6fb0"/><text x="{W - 80}" y="37">skipsim</text>')
    out.append("</svg>")
    path.write_text("\n".join(out) + "\n")


def print_one(res):
    print(f"{res['name']}: {res['label']} on {res['mesh']}x{res['mesh']}, {res['variant']}; "
          f"{len(res['pairs'])} layers matched")
    print("busy ms of the busiest engine per category over the matched layers (log all: every layer)")
    print(f"{'category':10} {'log ms':>9} {'skipsim ms':>11} {'ratio':>6} {'log all':>9}")
    for c in CATEGORIES:
        print(f"{c:10} {res['log_cat'][c]:9.3f} {res['sim_cat'][c]:11.3f} "
              f"{fmt_ratio(ratio(res['sim_cat'][c], res['log_cat'][c])):>6} {res['log_all_cat'][c]:9.3f}")
    print(f"{'total time':10} {res['log_total']:9.3f} {res['sim_total']:11.3f} "
          f"{fmt_ratio(ratio(res['sim_total'], res['log_total'])):>6}")
    ops = {}
    for l in res["log_only"]:
        ops[l.op] = ops.get(l.op, 0.0) + l.span * 1e3
    print(f"log only: {len(res['log_only'])} layers, {res['log_only_ms']:.3f} ms "
          f"({', '.join(f'{k} {v:.3f}' for k, v in sorted(ops.items()))}); "
          f"skipsim only: {', '.join(s['name'] for s in res['sim_only']) or 'none'} "
          f"({res['sim_only_ms']:.3f} ms)")
    if res["inconsistent"]:
        print(f"log not self-consistent: {', '.join(res['inconsistent'])} exceed the total time")


def summary(results):
    head = ("| network | mesh | variant | total ms: log | skipsim | ratio | "
            + " | ".join(CATEGORIES) + " | log ms unmatched | skipsim ms unmatched |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        cats = " | ".join(fmt_ratio(ratio(r["sim_cat"][c], r["log_cat"][c])) for c in CATEGORIES)
        lines.append(f"| {r['label']} | {r['mesh']}x{r['mesh']} | {r['variant']} | {r['log_total']:.2f} | "
                     f"{r['sim_total']:.2f} | {fmt_ratio(ratio(r['sim_total'], r['log_total']))} | {cats} | "
                     f"{r['log_only_ms']:.2f} | {r['sim_only_ms']:.2f} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("log", nargs="?", help="a seed log, <Net><n>-<dense|sparse>.html")
    ap.add_argument("--all", action="store_true", help="every log in --logs")
    ap.add_argument("--logs", default=str(ROOT.parent / "shared/reference/aie-logs"),
                    help="folder of the logs for --all (default: ../shared/reference/aie-logs)")
    ap.add_argument("--skipsim", default=os.environ.get("SKIPSIM", str(ROOT / "build/skipsim")))
    ap.add_argument("--out", default="runs/aie_log_compare")
    a = ap.parse_args()
    if bool(a.log) == a.all:
        ap.error("give one LOG.html or --all")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        if a.all:
            logs = sorted(Path(a.logs).glob("*.html"), key=lambda p: (p.name[:3], int(re.sub(r"\D", "", p.name) or 0), p.name))
            if not logs:
                raise LogError(f"{a.logs}: no *.html logs")
            results = [compare(p, a.skipsim, out) for p in logs]
            for r in results:
                print_one(r)
                print()
            table = summary(results)
            (out / "summary.md").write_text(table)
            print(table, end="")
        else:
            print_one(compare(Path(a.log), a.skipsim, out))
    except LogError as e:
        print(f"aie_log_compare: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"aie_log_compare: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
