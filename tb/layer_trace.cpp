#include "layer_trace.h"

namespace skipsim {

std::string layer_shape_text(const Layer& l) {
    std::string s = std::to_string(l.in_channels) + "x" + std::to_string(l.in_h) + "x" + std::to_string(l.in_w) + " -> " +
                    std::to_string(l.out_channels) + "x" + std::to_string(l.out_h()) + "x" + std::to_string(l.out_w()) +
                    ", " + std::to_string(l.kernel_h) + "x" + std::to_string(l.kernel_w) + "/" + std::to_string(l.stride_h);
    if (l.stride_w != l.stride_h) s += "x" + std::to_string(l.stride_w);
    if (l.groups > 1) s += ", " + std::to_string(l.groups) + " groups";
    if (l.batch > 1) s += ", batch " + std::to_string(l.batch);
    return s;
}

void trace_layers(TraceSink& sink, const Network& net, const std::vector<LayerRecord>& records, const RunResult& result) {
    for (std::size_t i = 0; i < records.size() && i < result.layers.size(); ++i) {
        const LayerRecord& rec = records[i];
        const LayerResult& r = result.layers[i];
        const Layer& l = net.layers[rec.index];
        OrderedJson args = {{"index", rec.index},
                            {"kind", r.kind},
                            {"shape", layer_shape_text(l)},
                            {"gemm", std::to_string(r.gemm.m) + "x" + std::to_string(r.gemm.d) + "x" + std::to_string(r.gemm.n)},
                            {"cycles", r.cycles},
                            {"compute_cycles", r.compute_cycles},
                            {"stall_cycles", r.stall_cycles},
                            {"compute_speedup", r.compute_speedup()},
                            {"energy_pj", r.energy_pj}};
        sink.complete(kLayersTrack, r.name, "layer", rec.start_ns, rec.end_ns - rec.start_ns, args);
    }
}

}  // namespace skipsim
