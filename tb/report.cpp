#include "report.h"

#include <cmath>
#include <cstdio>

namespace skipsim {

namespace {

// Which counters of which kinds are memory traffic. Memories name their byte counters the
// same way so the report needs no per-kind code beyond this list.
bool is_ddr(const std::string& kind) { return kind == "ddr_channel"; }
bool is_sram(const std::string& kind) { return kind == "sram_buffer"; }

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

void accumulate(LayerFigures& into, const LayerFigures& l) {
    into.cycles += l.cycles;
    into.compute_cycles += l.compute_cycles;
    into.stall_cycles += l.stall_cycles;
    into.seconds += l.seconds;
    into.dense_macs += l.dense_macs;
    into.effective_macs += l.effective_macs;
    into.dense_params += l.dense_params;
    into.effective_params += l.effective_params;
    into.ddr_read += l.ddr_read;
    into.ddr_written += l.ddr_written;
    into.sram_read += l.sram_read;
    into.sram_written += l.sram_written;
    into.energy_pj += l.energy_pj;
    into.dense_compute_cycles += l.dense_compute_cycles;
    for (auto it = l.energy_by_component.begin(); it != l.energy_by_component.end(); ++it)
        into.energy_by_component[it.key()] =
            into.energy_by_component.value(it.key(), 0.0) + it.value().get<double>();
}

}  // namespace

RunFigures compute_figures(const Network& net, const std::vector<LayerRecord>& records,
                           const std::vector<std::unique_ptr<Component>>& components,
                           const Component& accelerator, const std::vector<std::uint64_t>& effective_macs) {
    RunFigures f;
    f.total.name = "total";
    const double ghz = accelerator.clock_ghz();
    const double peak = static_cast<double>(accelerator.peak_macs_per_cycle());
    for (const auto& rec : records) {
        const Layer& layer = net.layers[rec.index];
        LayerFigures l;
        l.name = layer.name;
        l.kind = to_string(layer.kind);
        l.gemm = layer.gemm();
        l.cycles = static_cast<Cycles>(std::llround((rec.end_ns - rec.start_ns) * ghz));
        l.seconds = (rec.end_ns - rec.start_ns) * 1e-9;
        l.dense_macs = layer.dense_macs();
        l.mapping = rec.mapping;
        // An accelerator that drops weights of its own (column combining) says how many MACs the
        // weights it kept perform; otherwise the workload's keep-mask decides.
        l.effective_macs = l.mapping.value("effective_macs", effective_macs[rec.index]);
        l.dense_params = layer.weight_count();
        l.effective_params = l.gemm.m ? l.effective_macs / l.gemm.m : l.dense_params;
        for (std::size_t c = 0; c < components.size(); ++c) {
            const Component& comp = *components[c];
            const Counters& k = rec.counters[c];
            if (&comp == &accelerator) {
                l.compute_cycles = k.get("compute_cycles");
                l.stall_cycles = l.cycles > l.compute_cycles ? l.cycles - l.compute_cycles : 0;
            }
            if (is_ddr(comp.model_kind())) {
                l.ddr_read += k.get("bytes_read");
                l.ddr_written += k.get("bytes_written");
            }
            if (is_sram(comp.model_kind())) {
                l.sram_read += k.get("bytes_read");
                l.sram_written += k.get("bytes_written");
            }
            const double e = comp.energy().total(rec.energy[c]);
            l.energy_by_component[comp.path()] = e;
            l.energy_pj += e;
            OrderedJson counters = OrderedJson::object();
            for (const auto& [name, v] : k.all()) counters[name] = v;
            l.components[comp.path()] = counters;
        }
        l.dense_compute_cycles = l.mapping.value("dense_compute_cycles", l.compute_cycles);
        if (peak > 0 && l.cycles > 0) {
            l.utilization = static_cast<double>(l.effective_macs) / (static_cast<double>(l.cycles) * peak);
            l.mapping_utilization = static_cast<double>(l.dense_macs) / (static_cast<double>(l.cycles) * peak);
        }
        accumulate(f.total, l);
        f.layers.push_back(std::move(l));
    }
    if (peak > 0 && f.total.cycles > 0) {
        f.total.utilization = static_cast<double>(f.total.effective_macs) / (static_cast<double>(f.total.cycles) * peak);
        f.total.mapping_utilization = static_cast<double>(f.total.dense_macs) / (static_cast<double>(f.total.cycles) * peak);
    }
    return f;
}

namespace {
OrderedJson figures_json(const LayerFigures& l) {
    OrderedJson j;
    j["cycles"] = l.cycles;
    j["compute_cycles"] = l.compute_cycles;
    j["stall_cycles"] = l.stall_cycles;
    j["seconds"] = l.seconds;
    j["dense_macs"] = l.dense_macs;
    j["effective_macs"] = l.effective_macs;
    j["dense_params"] = l.dense_params;
    j["effective_params"] = l.effective_params;
    j["utilization"] = l.utilization;
    j["mapping_utilization"] = l.mapping_utilization;
    j["ddr_bytes"] = {{"read", l.ddr_read}, {"written", l.ddr_written}};
    j["sram_bytes"] = {{"read", l.sram_read}, {"written", l.sram_written}};
    j["energy_pj"] = {{"total", l.energy_pj}, {"by_component", l.energy_by_component}};
    j["dense_compute_cycles"] = l.dense_compute_cycles;
    j["compute_speedup"] = l.compute_cycles ? static_cast<double>(l.dense_compute_cycles) / l.compute_cycles : 1.0;
    return j;
}
}  // namespace

OrderedJson report_json(const RunFigures& f, const Network& net, const PlatformSpec& platform,
                        const RunOptions& opts, const Component& accelerator) {
    OrderedJson j;
    j["schema"] = "skipsim.report/1";
    j["platform"] = {{"name", platform.name},
                     {"file", platform.file},
                     {"accelerator", accelerator.path()},
                     {"accelerator_kind", accelerator.model_kind()},
                     {"clock_ghz", accelerator.clock_ghz()},
                     {"peak_macs_per_cycle", accelerator.peak_macs_per_cycle()}};
    j["workload"] = {{"name", net.name}, {"file", net.source_file}, {"layers", net.layers.size()}};
    j["mode"] = opts.mode == Fidelity::cycle ? "cycle" : "fast";
    j["check"] = opts.check;
    j["totals"] = figures_json(f.total);
    j["layers"] = OrderedJson::array();
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerFigures& l = f.layers[i];
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
        lj.update(figures_json(l));
        lj["mapping"] = l.mapping;
        lj["components"] = l.components;
        j["layers"].push_back(std::move(lj));
    }
    return j;
}

void write_layers_csv(std::ostream& out, const RunFigures& f) {
    out << "index,name,kind,m,d,n,groups,cycles,compute_cycles,stall_cycles,seconds,dense_macs,"
           "effective_macs,utilization,mapping_utilization,ddr_read_bytes,ddr_written_bytes,"
           "sram_read_bytes,sram_written_bytes,energy_pj\n";
    for (std::size_t i = 0; i < f.layers.size(); ++i) {
        const LayerFigures& l = f.layers[i];
        char sec[32], util[32], mutil[32], e[32];
        std::snprintf(sec, sizeof sec, "%.9g", l.seconds);
        std::snprintf(util, sizeof util, "%.6f", l.utilization);
        std::snprintf(mutil, sizeof mutil, "%.6f", l.mapping_utilization);
        std::snprintf(e, sizeof e, "%.3f", l.energy_pj);
        out << i << ',' << l.name << ',' << l.kind << ',' << l.gemm.m << ',' << l.gemm.d << ',' << l.gemm.n << ','
            << l.gemm.groups << ',' << l.cycles << ',' << l.compute_cycles << ',' << l.stall_cycles << ',' << sec << ','
            << l.dense_macs << ',' << l.effective_macs << ',' << util << ',' << mutil << ',' << l.ddr_read << ','
            << l.ddr_written << ',' << l.sram_read << ',' << l.sram_written << ',' << e << '\n';
    }
}

void print_summary(std::ostream& out, const RunFigures& f, const Network& net, const PlatformSpec& platform,
                   const RunOptions& opts) {
    out << "skipsim: " << net.name << " on " << platform.name << " (" << (opts.mode == Fidelity::cycle ? "cycle" : "fast")
        << " mode" << (opts.check ? ", checked" : "") << ")\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-20s %14s %14s %7s %10s %10s %12s\n", "layer", "cycles", "stall", "util%",
                  "DDR MB", "MACs M", "energy uJ");
    out << line;
    auto row = [&](const LayerFigures& l) {
        std::snprintf(line, sizeof line, "%-20.20s %14llu %14llu %7s %10s %10s %12s\n", l.name.c_str(),
                      static_cast<unsigned long long>(l.cycles), static_cast<unsigned long long>(l.stall_cycles),
                      fixed(100 * l.utilization, 1).c_str(),
                      fixed(static_cast<double>(l.ddr_read + l.ddr_written) / 1e6, 2).c_str(),
                      fixed(static_cast<double>(l.effective_macs) / 1e6, 2).c_str(), fixed(l.energy_pj / 1e6, 2).c_str());
        out << line;
    };
    for (const auto& l : f.layers) row(l);
    out << std::string(93, '-') << "\n";
    row(f.total);
    out << "time " << fixed(f.total.seconds * 1e3, 3) << " ms at " << platform.clock_ghz << " GHz, energy "
        << fixed(f.total.energy_pj / 1e9, 4) << " mJ\n";
}

}  // namespace skipsim
