#include "report.h"

#include "csv_field.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace skipsim {

namespace {

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

}  // namespace

RunResult collect_results(const Network& net, const std::vector<LayerRecord>& records,
                           const std::vector<std::unique_ptr<Component>>& components,
                           const Component& accelerator, const std::vector<std::uint64_t>& effective_macs) {
    RunResult f;
    f.total.name = "total";
    for (const auto& c : components) f.components.push_back({c->path(), c->model_kind(), to_string(c->role())});
    const double ghz = accelerator.clock_ghz();
    const double peak = static_cast<double>(accelerator.peak_macs_per_cycle());
    for (const auto& rec : records) {
        const Layer& layer = net.layers[rec.index];
        LayerResult l;
        l.name = layer.name;
        l.kind = to_string(layer.kind);
        l.gemm = layer.gemm();
        l.cycles = static_cast<Cycles>(std::llround((rec.end_ns - rec.start_ns) * ghz));
        l.seconds = (rec.end_ns - rec.start_ns) * 1e-9;
        l.dense_macs = layer.dense_macs();
        l.mapping = rec.outcome.mapping;
        // An accelerator that drops weights of its own (column combining) says how many MACs the
        // weights it kept perform; otherwise the workload's keep-mask decides.
        l.effective_macs = rec.outcome.effective_macs.value_or(effective_macs[rec.index]);
        l.dense_params = layer.weight_count();
        l.effective_params = l.gemm.m ? l.effective_macs / l.gemm.m : l.dense_params;
        for (std::size_t c = 0; c < components.size(); ++c) {
            const Component& comp = *components[c];
            const Counters& k = rec.counters[c];
            if (&comp == &accelerator) {
                l.compute_cycles = k.get("compute_cycles");
                l.stall_cycles = l.cycles > l.compute_cycles ? l.cycles - l.compute_cycles : 0;
            }
            // Every memory counts bytes_read / bytes_written (MemoryModel); the role says which total.
            if (comp.role() == Role::dram || comp.role() == Role::buffer) {
                Traffic& t = comp.role() == Role::dram ? l.dram : l.buffer;
                t.read += k.get("bytes_read");
                t.written += k.get("bytes_written");
            }
            const double e = comp.energy().total(rec.energy[c]);
            l.energy_by_component.emplace_back(comp.path(), e);
            l.energy_pj += e;
            l.components.emplace_back(comp.path(), k);
        }
        l.dense_compute_cycles = rec.outcome.dense_compute_cycles.value_or(l.compute_cycles);
        l.sparsity_use = rec.outcome.sparsity_use;
        if (peak > 0 && l.cycles > 0) {
            l.utilization = static_cast<double>(l.effective_macs) / (static_cast<double>(l.cycles) * peak);
            l.mapping_utilization = static_cast<double>(l.dense_macs) / (static_cast<double>(l.cycles) * peak);
        }
        f.total.accumulate(l);
        f.layers.push_back(std::move(l));
    }
    if (peak > 0 && f.total.cycles > 0) {
        f.total.utilization = static_cast<double>(f.total.effective_macs) / (static_cast<double>(f.total.cycles) * peak);
        f.total.mapping_utilization = static_cast<double>(f.total.dense_macs) / (static_cast<double>(f.total.cycles) * peak);
    }
    return f;
}

OrderedJson report_json(const RunResult& f, const Network& net, const PlatformSpec& platform,
                        const RunOptions& opts, const Component& accelerator, const OrderedJson& provenance) {
    OrderedJson j;
    j["schema"] = "skipsim.report/1";
    j["provenance"] = provenance;
    j["platform"] = {{"name", platform.name},
                     {"file", platform.file},
                     {"accelerator", accelerator.path()},
                     {"accelerator_kind", accelerator.model_kind()},
                     {"clock_ghz", accelerator.clock_ghz()},
                     {"peak_macs_per_cycle", accelerator.peak_macs_per_cycle()}};
    j["platform"]["components"] = OrderedJson::array();
    for (const ComponentInfo& c : f.components)
        j["platform"]["components"].push_back({{"path", c.path}, {"kind", c.kind}, {"role", c.role}});
    j["workload"] = {{"name", net.name}, {"file", net.source_file}, {"layers", net.layers.size()}};
    j["mode"] = opts.mode == Fidelity::cycle ? "cycle" : "fast";
    j["check"] = opts.check;
    j["totals"] = f.total.figures_json();
    j["area"] = area_json(f.area);
    j["layers"] = OrderedJson::array();
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerResult& l = f.layers[i];
        const Layer& layer = net.layers[i];
        OrderedJson lj;
        lj["index"] = i;
        lj["name"] = l.name;
        lj["kind"] = l.kind;
        lj["shape"] = {{"batch", layer.batch}, {"in_channels", layer.in_channels}, {"in_h", layer.in_h},
                       {"in_w", layer.in_w}, {"out_channels", layer.out_channels}, {"kernel", {layer.kernel_h, layer.kernel_w}},
                       {"stride", {layer.stride_h, layer.stride_w}},
                       {"padding", {layer.pad_top, layer.pad_bottom, layer.pad_left, layer.pad_right}},
                       {"dilation", {layer.dilation_h, layer.dilation_w}}, {"groups", layer.groups},
                       {"out_h", layer.out_h()}, {"out_w", layer.out_w()},
                       {"weight_bits", layer.quant.weight_bits}, {"activation_bits", layer.quant.activation_bits},
                       {"sparsity", layer.sparsity.pattern}};
        lj["gemm"] = {{"m", l.gemm.m}, {"d", l.gemm.d}, {"n", l.gemm.n}, {"groups", l.gemm.groups}};
        lj.update(l.figures_json());
        lj["mapping"] = l.mapping;
        if (l.zeros) lj["zeros"] = to_json(*l.zeros);
        if (l.sparsity_use) {
            lj["sparsity_used"] = l.sparsity_use->used;
            if (!l.sparsity_use->note.empty()) lj["sparsity_note"] = l.sparsity_use->note;
        }
        OrderedJson components = OrderedJson::object();
        for (const auto& [path, counters] : l.components) {
            OrderedJson c = OrderedJson::object();
            for (const auto& [name, v] : counters.all()) c[name] = v;
            components[path] = c;
        }
        lj["components"] = components;
        j["layers"].push_back(std::move(lj));
    }
    return j;
}

void write_layers_csv(std::ostream& out, const RunResult& f, const Network& net) {
    // The first twenty columns keep their places (tools read them by position); the layer's shape,
    // parameters, speedup and energy by component follow.
    out << "index,name,kind,m,d,n,groups,cycles,compute_cycles,stall_cycles,seconds,dense_macs,"
           "effective_macs,utilization,mapping_utilization,ddr_read_bytes,ddr_written_bytes,"
           "sram_read_bytes,sram_written_bytes,energy_pj,dense_params,effective_params,dense_compute_cycles,"
           "compute_speedup,batch,in_channels,in_h,in_w,out_channels,out_h,out_w,kernel_h,kernel_w,stride_h,stride_w,"
           "pad_top,pad_bottom,pad_left,pad_right,dilation_h,dilation_w,weight_bits,activation_bits,sparsity";
    for (const auto& [path, _] : f.total.energy_by_component) out << ',' << csv_field("energy_pj." + path);
    out << '\n';
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerResult& l = f.layers[i];
        const Layer& s = net.layers[i];
        char sec[32], util[32], mutil[32], e[32], speedup[32];
        std::snprintf(sec, sizeof sec, "%.9g", l.seconds);
        std::snprintf(util, sizeof util, "%.6f", l.utilization);
        std::snprintf(mutil, sizeof mutil, "%.6f", l.mapping_utilization);
        std::snprintf(e, sizeof e, "%.3f", l.energy_pj);
        std::snprintf(speedup, sizeof speedup, "%.6f", l.compute_speedup());
        out << i << ',' << csv_field(l.name) << ',' << l.kind << ',' << l.gemm.m << ',' << l.gemm.d << ',' << l.gemm.n << ','
            << l.gemm.groups << ',' << l.cycles << ',' << l.compute_cycles << ',' << l.stall_cycles << ',' << sec << ','
            << l.dense_macs << ',' << l.effective_macs << ',' << util << ',' << mutil << ',' << l.dram.read << ','
            << l.dram.written << ',' << l.buffer.read << ',' << l.buffer.written << ',' << e << ',' << l.dense_params << ','
            << l.effective_params << ',' << l.dense_compute_cycles << ',' << speedup << ',' << s.batch << ','
            << s.in_channels << ',' << s.in_h << ',' << s.in_w << ',' << s.out_channels << ',' << s.out_h() << ','
            << s.out_w() << ',' << s.kernel_h << ',' << s.kernel_w << ',' << s.stride_h << ',' << s.stride_w << ','
            << s.pad_top << ',' << s.pad_bottom << ',' << s.pad_left << ',' << s.pad_right << ',' << s.dilation_h << ','
            << s.dilation_w << ',' << s.quant.weight_bits << ',' << s.quant.activation_bits << ','
            << csv_field(s.sparsity.pattern);
        for (const auto& [_, pj] : l.energy_by_component) {
            std::snprintf(e, sizeof e, "%.3f", pj);
            out << ',' << e;
        }
        out << '\n';
    }
}

void print_summary(std::ostream& out, const RunResult& f, const Network& net, const PlatformSpec& platform,
                   const RunOptions& opts) {
    out << "skipsim: " << net.name << " on " << platform.name << " (" << (opts.mode == Fidelity::cycle ? "cycle" : "fast")
        << " mode" << (opts.check ? ", checked" : "") << ")\n";
    // Whole layer names: the first column is as wide as the longest.
    int name_w = 5;
    for (const auto& l : f.layers) name_w = std::max(name_w, static_cast<int>(l.name.size()));
    std::vector<char> line(static_cast<std::size_t>(name_w) + 128);
    std::snprintf(line.data(), line.size(), "%-*s %14s %14s %7s %10s %10s %12s\n", name_w, "layer", "cycles", "stall",
                  "util%", "DDR MB", "MACs M", "energy uJ");
    out << line.data();
    auto row = [&](const LayerResult& l) {
        std::snprintf(line.data(), line.size(), "%-*s %14llu %14llu %7s %10s %10s %12s\n", name_w, l.name.c_str(),
                      static_cast<unsigned long long>(l.cycles), static_cast<unsigned long long>(l.stall_cycles),
                      fixed(100 * l.utilization, 1).c_str(),
                      fixed(static_cast<double>(l.dram.total()) / 1e6, 2).c_str(),
                      fixed(static_cast<double>(l.effective_macs) / 1e6, 2).c_str(), fixed(l.energy_pj / 1e6, 2).c_str());
        out << line.data();
    };
    for (const auto& l : f.layers) row(l);
    out << std::string(static_cast<std::size_t>(name_w) + 73, '-') << "\n";
    row(f.total);
    out << "time " << fixed(f.total.seconds * 1e3, 3) << " ms at " << platform.clock_ghz << " GHz, energy "
        << fixed(f.total.energy_pj / 1e9, 4) << " mJ\n";
}

}  // namespace skipsim
