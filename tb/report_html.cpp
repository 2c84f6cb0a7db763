#include "report_html.h"

#include <cstdio>
#include <filesystem>

#include "base/executable_path.h"
#include "layer_trace.h"
#include "svg_bars.h"
#include "version.h"
#include "svg_plot.h"

namespace skipsim {

namespace {

const char* kStyle = R"(
body { font: 14px system-ui, sans-serif; margin: 0 auto; max-width: 1080px; padding: 12px 20px 40px; color: #222; }
h1 { font-size: 20px; margin: 8px 0 2px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
.sub { color: #555; margin-bottom: 14px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #d8dde4; border-radius: 6px; padding: 8px 14px; min-width: 130px; background: #f7f9fb; }
.card .v { font-size: 20px; font-weight: 600; } .card .k { color: #555; font-size: 12px; }
table { border-collapse: collapse; font-size: 12px; margin: 6px 0; }
td, th { border: 1px solid #ddd; padding: 3px 6px; text-align: right; vertical-align: top; }
th { background: #f0f2f5; } td.l, th.l { text-align: left; }
td.map { text-align: left; color: #444; max-width: 380px; }
.scroll { overflow-x: auto; } a { color: #1f5fa8; }
)";

std::string fmt(const char* f, double v) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

// 12345678 -> "12,345,678"; `digits` decimals kept after grouping the integer part.
std::string grouped(double v, int digits = 0) {
    std::string s = fmt(("%." + std::to_string(digits) + "f").c_str(), v);
    const std::size_t dot = s.find('.') == std::string::npos ? s.size() : s.find('.');
    const std::size_t first = s[0] == '-' ? 1 : 0;
    for (std::size_t i = dot; i > first + 3; i -= 3) s.insert(i - 3, ",");
    return s;
}

std::string uj(double pj) { return grouped(pj / 1e6, 3) + " uJ"; }
std::string cell(const std::string& text, const char* cls = nullptr) {
    return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + xml_escape(text) + "</td>";
}

std::string card(const std::string& field, const std::string& value, const std::string& what) {
    return "<div class=\"card\"><div class=\"v\" data-field=\"" + field + "\">" + xml_escape(value) +
           "</div><div class=\"k\">" + xml_escape(what) + "</div></div>\n";
}

// A mapping description's scalar fields as "key: value" (nested objects by their dotted keys).
void mapping_items(const OrderedJson& j, std::vector<std::string>& out, const std::string& prefix = "") {
    for (auto it = j.begin(); j.is_object() && it != j.end(); ++it) {
        const std::string key = prefix + it.key();
        if (it->is_object()) mapping_items(*it, out, key + ".");
        else if (it->is_number_float()) out.push_back(key + ": " + fmt("%.4g", it->get<double>()));
        else if (it->is_string()) out.push_back(key + ": " + it->get<std::string>());
        else if (it->is_array() && it->size() > 8) out.push_back(key + ": [" + std::to_string(it->size()) + " values]");
        else out.push_back(key + ": " + it->dump());
    }
}

// The first few items of a description, the rest folded away (a <details>, no script).
std::string mapping_cell(const OrderedJson& j, std::size_t shown = 4) {
    std::vector<std::string> items;
    mapping_items(j, items);
    std::string o = "<td class=\"map\">", rest;
    for (std::size_t i = 0; i < items.size(); ++i)
        (i < shown ? o : rest) += (i == 0 || i == shown ? "" : ", ") + xml_escape(items[i]);
    if (!rest.empty())
        o += "<details><summary>" + std::to_string(items.size() - shown) + " more</summary>" + rest + "</details>";
    return o + "</td>";
}

std::string summary(const HtmlReportInput& in) {
    const LayerResult& t = in.result.total;
    std::string o = "<div class=\"cards\">\n";
    o += card("cycles", grouped(static_cast<double>(t.cycles)), "cycles");
    o += card("time_ms", grouped(t.seconds * 1e3, 3) + " ms", "simulated time at " + fmt("%g", in.platform.clock_ghz) + " GHz");
    o += card("energy_uj", uj(t.energy_pj), "energy");
    o += card("utilization", fmt("%.1f", 100 * t.utilization) + " %", "utilization (effective MACs / peak)");
    o += card("ddr_mb", grouped(static_cast<double>(t.dram.total()) / 1e6, 3) + " MB",
              "DDR traffic (" + grouped(static_cast<double>(t.dram.read) / 1e6, 1) + " read, " +
                  grouped(static_cast<double>(t.dram.written) / 1e6, 1) + " written)");
    o += card("speedup", fmt("%.2f", t.compute_speedup()) + " x", "compute speedup vs dense");
    o += card("area_mm2", fmt("%.3f", in.result.area.total_mm2()) + " mm2", "area at 45 nm (DDR PHY not included)");
    o += card("stall_share", fmt("%.1f", t.cycles ? 100.0 * static_cast<double>(t.stall_cycles) / static_cast<double>(t.cycles) : 0) + " %",
              "of cycles stalled");
    return o + "</div>\n";
}

// One horizontal bar per component, each with its value and share of the total written out.
BarChart component_bars(const char* title, BarSeries series, std::string (*format)(double)) {
    BarChart c;
    c.title = title;
    c.horizontal = true;
    c.series = {std::move(series)};
    c.format = format;
    return c;
}

std::string charts(const HtmlReportInput& in) {
    const LayerResult& t = in.result.total;
    BarChart energy = component_bars("Energy by component", {"energy", "#4e79a7"}, [](double pj) { return uj(pj); });
    for (const auto& [path, pj] : t.energy_by_component)
        energy.bars.push_back({path + " (" + fmt("%.1f", t.energy_pj > 0 ? 100 * pj / t.energy_pj : 0) + " %)", {pj}, ""});

    BarChart cycles, speedup, layer_energy;
    cycles.title = "Compute and stall cycles per layer";
    cycles.value_label = "cycles";
    cycles.series = {{"compute", "#59a14f"}, {"stall", "#e15759"}};
    speedup.title = "Compute speedup vs dense per layer (dashed: 1x)";
    speedup.value_label = "speedup";
    speedup.series = {{"speedup", "#f28e2b"}};
    speedup.reference = 1;
    layer_energy.title = "Energy per layer by component";
    layer_energy.value_label = "pJ";
    static const char* colors[] = {"#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#edc948", "#9c755f", "#e15759", "#bab0ac"};
    for (std::size_t k = 0; k < t.energy_by_component.size(); ++k)
        layer_energy.series.push_back({t.energy_by_component[k].first, colors[k % 8]});
    for (std::size_t i = 0; i < in.result.layers.size(); ++i) {
        const LayerResult& l = in.result.layers[i];
        const std::string label = std::to_string(i) + " " + l.name;
        cycles.bars.push_back({label, {static_cast<double>(l.compute_cycles), static_cast<double>(l.stall_cycles)}, ""});
        speedup.bars.push_back({label, {l.compute_speedup()}, ""});
        std::vector<double> parts;
        for (const auto& [_, pj] : l.energy_by_component) parts.push_back(pj);
        layer_energy.bars.push_back({label, parts, "total: " + uj(l.energy_pj)});
    }
    return render_bar_chart(energy) + render_bar_chart(cycles) + render_bar_chart(speedup) + render_bar_chart(layer_energy);
}

// Area by component as bars, then every item with its count, price and source.
std::string area_section(const HtmlReportInput& in) {
    const PlatformArea& a = in.result.area;
    BarChart bars = component_bars("Area by component (45 nm)", {"area", "#59a14f"},
                                   [](double mm2) { return fmt("%.3f", mm2) + " mm2"; });
    const double total = a.total_mm2();
    for (const ComponentArea& c : a.components)
        bars.bars.push_back({c.path + " (" + fmt("%.1f", total > 0 ? 100 * c.area.um2() / 1e6 / total : 0) + " %)",
                             {c.area.um2() / 1e6}, c.area.note});
    std::string o = render_bar_chart(bars) +
                    "<div class=\"scroll\"><table id=\"area\"><tr><th class=\"l\">component</th><th class=\"l\">what</th>"
                    "<th>count</th><th>um2 each</th><th>mm2</th><th class=\"l\">source</th></tr>\n";
    for (const ComponentArea& c : a.components) {
        for (const AreaItem& i : c.area.items)
            o += "<tr>" + cell(c.path, "l") + cell(i.what, "l") + cell(grouped(i.count)) + cell(fmt("%.4g", i.um2_each)) +
                 cell(fmt("%.4f", i.um2() / 1e6)) + cell(i.source, "map") + "</tr>\n";
        o += "<tr>" + cell(c.path, "l") + cell("total; " + c.area.note, "map") + cell("") + cell("") +
             cell(fmt("%.4f", c.area.um2() / 1e6)) + cell("") + "</tr>\n";
    }
    return o + "</table></div>\n";
}

std::string layer_table(const HtmlReportInput& in) {
    std::string o = "<div class=\"scroll\"><table id=\"layers\"><tr><th>#</th><th class=\"l\">layer</th><th class=\"l\">kind</th>"
                    "<th class=\"l\">shape</th><th>GEMM m x d x n</th><th>cycles</th><th>compute</th><th>stall</th>"
                    "<th>util %</th><th>speedup</th><th>energy uJ</th><th class=\"l\">mapping</th></tr>\n";
    for (std::size_t i = 0; i < in.result.layers.size(); ++i) {
        const LayerResult& l = in.result.layers[i];
        o += "<tr data-layer=\"" + std::to_string(i) + "\">" + cell(std::to_string(i)) + cell(l.name, "l") + cell(l.kind, "l") +
             cell(layer_shape_text(in.net.layers[i]), "l") +
             cell(std::to_string(l.gemm.m) + " x " + std::to_string(l.gemm.d) + " x " + std::to_string(l.gemm.n)) +
             cell(grouped(static_cast<double>(l.cycles))) + cell(grouped(static_cast<double>(l.compute_cycles))) +
             cell(grouped(static_cast<double>(l.stall_cycles))) + cell(fmt("%.1f", 100 * l.utilization)) +
             cell(fmt("%.2f", l.compute_speedup())) + cell(grouped(l.energy_pj / 1e6, 3)) +
             mapping_cell(l.mapping) + "</tr>\n";
    }
    return o + "</table></div>\n";
}

std::string platform_table(const PlatformSpec& p) {
    std::string o = "<table id=\"platform\"><tr><th class=\"l\">component</th><th class=\"l\">kind</th>"
                    "<th class=\"l\">parameters</th></tr>\n";
    for (const ComponentSpec& c : p.components)
        o += "<tr>" + cell(c.name, "l") + cell(c.kind, "l") + mapping_cell(c.params, 64) + "</tr>\n";
    o += "</table>\n<p>Bindings: ";
    for (std::size_t i = 0; i < p.bindings.size(); ++i) {
        const BindingSpec& b = p.bindings[i];
        o += (i ? ", " : "") + xml_escape(b.from_component + "." + b.from_socket + " -> " + b.to_component + "." + b.to_socket);
    }
    return o + "</p>\n";
}

std::string provenance(const HtmlReportInput& in) {
    const RunOptions& o = in.opts;
    std::string sets;
    for (const auto& s : o.overrides) sets += (sets.empty() ? "" : " ") + s;
    const std::pair<const char*, std::string> rows[] = {
        {"platform file", in.platform.file}, {"workload file", in.net.source_file},
        {"workload format", o.workload_format}, {"network", in.net.name + " (" + std::to_string(in.net.layers.size()) + " layers)"},
        {"energy table", in.platform.energy_table}, {"mode", o.mode == Fidelity::cycle ? "cycle" : "fast"},
        {"check", o.check ? "yes" : "no"}, {"seed", std::to_string(o.seed)}, {"overrides (--set)", sets.empty() ? "none" : sets},
        {"trace", o.trace ? "trace.json" : "not written (run with --trace)"}, {"run directory", in.run_dir},
        {"skipsim", skipsim_version() + " (commit " + skipsim_commit() + ")"}};
    std::string t = "<table id=\"provenance\">\n";
    for (const auto& [k, v] : rows) t += "<tr>" + cell(k, "l") + cell(v, "l") + "</tr>\n";
    for (const InputFile& f : in.inputs)
        t += "<tr>" + cell("sha256 of " + f.role, "l") + cell(f.file + ": " + f.sha256, "l") + "</tr>\n";
    return t + "</table>\n";
}

std::string trace_link(const HtmlReportInput& in) {
    if (!in.opts.trace) return "<p>No trace: run with <code>--trace</code> to get <code>trace.json</code>.</p>\n";
    std::string o = "<p><a id=\"trace-link\" href=\"trace.json\">trace.json</a> (Chrome Trace Event format: Perfetto, chrome://tracing)";
    if (!in.viewer.empty())
        o += "; <a id=\"viewer-link\" href=\"" + xml_escape("file://" + in.viewer + "?trace=file://" + in.run_dir + "/trace.json") +
             "\">open it in skipsim's trace viewer</a>. A browser that keeps file pages from reading files needs the "
             "viewer's file picker instead, or the directory served over HTTP";
    return o + ".</p>\n";
}

}  // namespace

std::string find_trace_viewer() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates = {fs::path(SKIPSIM_SOURCE_DIR) / "tools/trace-viewer/index.html"};
    if (const std::string self = executable_path(); !self.empty())
        candidates.push_back(fs::path(self).parent_path().parent_path() / "tools/trace-viewer/index.html");
    std::error_code ec;
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return fs::weakly_canonical(c, ec).string();
    return "";
}

std::string report_html(const HtmlReportInput& in) {
    const std::string title = in.net.name + " on " + in.platform.name;
    std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>skipsim: " + xml_escape(title) +
                    "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    o += "<h1>" + xml_escape(title) + "</h1>\n<div class=\"sub\">" + xml_escape(in.accelerator.model_kind()) + " accelerator " +
         xml_escape(in.accelerator.path()) + ", " + std::to_string(in.result.layers.size()) + " layers, " +
         (in.opts.mode == Fidelity::cycle ? "cycle" : "fast") + " mode. Numbers as in report.json.</div>\n";
    o += summary(in);
    o += "<h2>Energy and cycles</h2>\n" + charts(in);
    o += "<h2>Area</h2>\n" + area_section(in);
    o += "<h2>Layers and their mapping</h2>\n" + layer_table(in);
    o += "<h2>Platform: " + xml_escape(in.platform.name) + "</h2>\n<p>" + xml_escape(in.platform.description) + (in.platform.description.empty() || in.platform.description.back() == '.' ? " " : ". ") + "Clock " +
         fmt("%g", in.platform.clock_ghz) + " GHz, peak " + grouped(static_cast<double>(in.accelerator.peak_macs_per_cycle())) +
         " MACs per cycle.</p>\n" + platform_table(in.platform);
    o += "<h2>Trace</h2>\n" + trace_link(in);
    o += "<h2>Provenance</h2>\n" + provenance(in);
    return o + "</body>\n</html>\n";
}

}  // namespace skipsim
