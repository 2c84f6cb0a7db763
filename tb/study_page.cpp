#include "study_page.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "base/whole_file.h"
#include "file_name.h"
#include "svg_bars.h"
#include "svg_plot.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

std::vector<std::string> networks_of(const StudyResult& s) {
    std::vector<std::string> v;
    for (const auto& r : s.rows)
        if (std::find(v.begin(), v.end(), r.network) == v.end()) v.push_back(r.network);
    return v;
}

std::size_t family_index(const StudyResult& s, const std::string& f) {
    return static_cast<std::size_t>(std::find(s.family_order.begin(), s.family_order.end(), f) - s.family_order.begin());
}

const StudyRow* baseline_row(const StudyResult& s, const std::string& net) {
    for (const auto& r : s.rows)
        if (r.network == net && r.family == s.baseline && r.density_target == 1 && r.status == "ok") return &r;
    return nullptr;
}

// Density labels of a network's rows, densest first ("given" last).
std::vector<std::string> density_groups(const StudyResult& s, const std::string& net) {
    std::vector<std::pair<double, std::string>> d;
    for (const auto& r : s.rows)
        if (r.network == net && r.family != s.baseline) {
            const std::pair<double, std::string> key{r.density_target < 0 ? -1.0 : r.density_target, r.density_label};
            if (std::find(d.begin(), d.end(), key) == d.end()) d.push_back(key);
        }
    std::sort(d.begin(), d.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> v;
    for (const auto& [_, label] : d) v.push_back(label);
    return v;
}

// Normalised cycles (or energy) of every family at every density, grouped by density.
std::string grouped_chart(const StudyResult& s, const std::string& net, bool energy) {
    const StudyRow* base = baseline_row(s, net);
    BarChart c;
    c.title = std::string(energy ? "Energy" : "Cycles") + " / " + s.baseline + " dense";
    c.value_label = energy ? "energy / baseline" : "cycles / baseline";
    c.reference = 1;
    c.log_scale = true;  // ratios from about 0.05 to 2: a linear axis hid the smallest bars
    std::vector<std::string> fams;
    for (const auto& f : s.family_order)
        if (f != s.baseline) fams.push_back(f);
    for (std::size_t k = 0; k < fams.size(); ++k) c.series.push_back({fams[k], plot_color(family_index(s, fams[k]))});
    c.group_size = fams.size();
    for (const auto& label : density_groups(s, net)) {
        c.group_labels.push_back("density " + label);
        for (std::size_t k = 0; k < fams.size(); ++k) {
            Bar b;
            b.label = fams[k] + " at density " + label;
            b.parts.assign(fams.size(), 0);
            for (const auto& r : s.rows)
                if (r.network == net && r.family == fams[k] && r.density_label == label && r.status == "ok" && base) {
                    b.parts[k] = energy ? r.energy_pj / base->energy_pj : static_cast<double>(r.cycles) / static_cast<double>(base->cycles);
                    b.tip = r.supported ? "structure exploited" : "not exploited: " + r.reason;
                }
            c.bars.push_back(b);
        }
    }
    c.caption = "grouped by target weight density; lower is better; each bar runs from the dashed line (" + s.baseline +
                " dense) to its value";
    return render_bar_chart(c);
}

// Cycles against energy, both relative to the baseline, every row a point; the Pareto front
// (no other row has both fewer cycles and less energy) joined.
std::string pareto_chart(const StudyResult& s, const std::string& net) {
    const StudyRow* base = baseline_row(s, net);
    Plot p;
    p.title = "Cycles against energy, " + net + " (relative to " + s.baseline + " dense)";
    p.x_label = "cycles / baseline";
    p.y_label = "energy / baseline";
    p.log_x = p.log_y = true;
    std::vector<std::pair<double, double>> all;
    for (const auto& f : s.family_order) {
        PlotSeries ser;
        ser.label = f;
        ser.connected = false;
        for (const auto& r : s.rows)
            if (r.network == net && r.family == f && r.status == "ok" && base) {
                ser.x.push_back(static_cast<double>(r.cycles) / static_cast<double>(base->cycles));
                ser.y.push_back(r.energy_pj / base->energy_pj);
                all.push_back({ser.x.back(), ser.y.back()});
            }
        p.series.push_back(ser);
    }
    PlotSeries front;
    front.label = "Pareto front";
    std::sort(all.begin(), all.end());
    double best = 1e300;
    for (const auto& [x, y] : all)
        if (y < best) {
            best = y;
            front.x.push_back(x);
            front.y.push_back(y);
        }
    p.series.push_back(front);
    return render_svg(p);
}

// Per density (densest first), the family that finishes first and the one that spends least.
struct Winners {
    std::string density, fastest, least_energy;
    double speedup = 0, energy_ratio = 0;  // against the baseline dense
};

std::vector<Winners> winners(const StudyResult& s, const std::string& net) {
    std::vector<Winners> out;
    const StudyRow* base = baseline_row(s, net);
    if (!base) return out;
    for (const auto& label : density_groups(s, net)) {
        Winners w;
        w.density = label;
        const StudyRow *fast = nullptr, *frugal = nullptr;
        for (const auto& r : s.rows)
            if (r.network == net && r.density_label == label && r.status == "ok") {
                if (!fast || r.seconds < fast->seconds) fast = &r;
                if (!frugal || r.energy_pj < frugal->energy_pj) frugal = &r;
            }
        if (!fast) continue;
        w.fastest = fast->family;
        w.speedup = base->seconds / fast->seconds;
        w.least_energy = frugal->family;
        w.energy_ratio = frugal->energy_pj / base->energy_pj;
        out.push_back(w);
    }
    return out;
}

std::string esc(const std::string& s) { return xml_escape(s); }

std::string row_html(const StudyRow& r, std::size_t i) {
    std::string o = "<tr data-row=\"" + std::to_string(i) + "\"><td>" + esc(r.network) + "</td><td>" + esc(r.family) +
                    "</td><td>" + esc(r.pattern) + "</td><td>" + esc(r.density_label) + "</td>";
    if (r.status != "ok") return o + "<td colspan=\"10\">" + esc(r.status + (r.message.empty() ? "" : ": " + r.message)) + "</td></tr>\n";
    o += "<td>" + fmt("%.3f", r.density_achieved) + "</td><td>" +
         (r.density_target == 1 ? "-" : r.supported ? "yes" : "no") + "</td><td>" +
         std::to_string(r.cycles) + "</td><td>" + fmt("%.2f", r.energy_pj / 1e6) + "</td><td>" +
         (r.area_mm2 >= 0 ? fmt("%.3f", r.area_mm2) : std::string("")) + "</td><td>" + fmt("%.2f", r.speedup_vs_dense) +
         "x</td><td>" + fmt("%.2f", r.speedup_vs_baseline) + "x</td><td>" + fmt("%.2f", r.energy_ratio_vs_dense) +
         "</td><td>" + fmt("%.1f", 100 * r.utilization) + "%</td><td class=\"why\">" + esc(r.reason) +
         "</td><td><a href=\"" + esc(r.run_dir) + "/report.html\">run</a></td></tr>\n";
    return o;
}

}  // namespace

void write_study_page(const StudyResult& s, const std::string& dir) {
    const fs::path plots = fs::path(dir) / "plots";
    fs::create_directories(plots);
    std::string body;
    for (const auto& net : networks_of(s)) {
        const std::string cycles = grouped_chart(s, net, false), energy = grouped_chart(s, net, true), pareto = pareto_chart(s, net);
        const std::string file = file_name_part(net);
        write_whole_file((plots / (file + "-cycles.svg")).string(), cycles);
        write_whole_file((plots / (file + "-energy.svg")).string(), energy);
        write_whole_file((plots / (file + "-pareto.svg")).string(), pareto);
        std::string wins = "<table class=\"winners\"><thead><tr><th>density</th><th>fastest</th><th>vs " + esc(s.baseline) +
                           " dense</th><th>least energy</th><th>energy vs " + esc(s.baseline) + " dense</th></tr></thead><tbody>\n";
        for (const auto& w : winners(s, net))
            wins += "<tr data-winner=\"" + esc(w.density) + "\"><td>" + esc(w.density) + "</td><td>" + esc(w.fastest) +
                    "</td><td>" + fmt("%.2f", w.speedup) + "x</td><td>" + esc(w.least_energy) + "</td><td>" +
                    fmt("%.2f", w.energy_ratio) + "</td></tr>\n";
        wins += "</tbody></table>\n";
        body += "<h2>" + esc(net) + "</h2>\n<h3>Which scheme wins</h3>\n" + wins + "<div class=\"plot\">" + cycles +
                "</div>\n<div class=\"plot\">" + energy + "</div>\n<div class=\"plot\">" + pareto + "</div>\n";
    }
    std::string families;
    for (const auto& f : s.families)
        families += "<li><b>" + esc(f.name) + "</b> (" + std::to_string(f.peak_macs_per_cycle) + " MACs per cycle, " +
                    fmt("%.3f", f.area_mm2) + " mm&sup2;): " + esc(f.note.empty() ? "-" : f.note) + "</li>\n";
    const std::string budget_text =
        s.normalize_area ? "the same <b>area, " + fmt("%.3f", s.area_mm2) + " mm&sup2;</b> at 45 nm (the largest platform of its shape within it)"
                         : "<b>" + std::to_string(s.peak_macs_per_cycle) + " peak int8 MACs per cycle</b>";
    std::string table =
        "<table id=\"study\"><thead><tr><th>network</th><th>family</th><th>pattern</th><th>density target</th>"
        "<th>achieved</th><th>exploited</th><th>cycles</th><th>energy (uJ)</th><th>area (mm&sup2;)</th><th>vs own dense</th>"
        "<th>vs " + esc(s.baseline) + " dense</th><th>energy / own dense</th><th>utilization</th><th>why not / notes</th>"
        "<th></th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < s.rows.size(); ++i) table += row_html(s.rows[i], i);
    table += "</tbody></table>\n";
    const std::string page =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>skipsim study: " + esc(s.budget_name) +
        "</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1300px}table{border-collapse:collapse;"
        "font-size:13px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}td:nth-child(-n+3),"
        "th:nth-child(-n+3),td.why{text-align:left}td.why{max-width:380px;font-size:11px;color:#555}.plot{margin:12px 0}"
        "</style></head><body>\n<h1>Which scheme wins: " + esc(s.budget_name) + "</h1>\n<p data-field=\"budget\">Every "
        "family runs on its platform scaled to " + budget_text + " at " +
        fmt("%g", s.clock_ghz) + " GHz, with " + std::to_string(s.sram_bytes) + " bytes of shared SRAM buffers and one energy "
        "table (budget " + esc(s.budget_file) + "). Each family prunes the network with the structure its hardware skips; "
        "density 1 is its own dense run. Speedups compare seconds.</p>\n<ul>\n" + families + "</ul>\n" + table + body +
        "</body></html>\n";
    write_whole_file((fs::path(dir) / "index.html").string(), page);
}

void print_study_summary(const StudyResult& s, std::ostream& out) {
    char line[256];
    std::snprintf(line, sizeof line, "%-12s %-8s %8s %13s %11s %9s %9s %7s %s\n", "family", "density", "achieved", "cycles",
                  "energy uJ", "vs dense", "vs base", "util", "exploited");
    for (const auto& net : networks_of(s)) {
        for (const auto& w : winners(s, net)) {
            char buf[256];
            std::snprintf(buf, sizeof buf, "%s at density %s: fastest %s (%.2fx %s dense), least energy %s (%.2f of it)\n",
                          net.c_str(), w.density.c_str(), w.fastest.c_str(), w.speedup, s.baseline.c_str(),
                          w.least_energy.c_str(), w.energy_ratio);
            out << buf;
        }
        out << net << " (baseline " << s.baseline << " dense)\n" << line;
        for (const auto& r : s.rows) {
            if (r.network != net) continue;
            if (r.status != "ok") {
                out << "  " << r.family << " " << r.density_label << ": " << r.status << "\n";
                continue;
            }
            char buf[256];
            std::snprintf(buf, sizeof buf, "%-12s %-8s %8.3f %13llu %11.1f %8.2fx %8.2fx %6.1f%% %s\n", r.family.c_str(),
                          r.density_label.c_str(), r.density_achieved, static_cast<unsigned long long>(r.cycles),
                          r.energy_pj / 1e6, r.speedup_vs_dense, r.speedup_vs_baseline, 100 * r.utilization,
                          r.density_target == 1 ? "-" : r.supported ? "yes" : "no");
            out << buf;
        }
    }
}

}  // namespace skipsim
