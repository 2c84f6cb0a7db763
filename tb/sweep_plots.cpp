#include "sweep_plots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "svg_plot.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// "a=8" before "a=16": digit runs compare as numbers, so legends read in order.
bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
            const std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = ie, j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i, ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

bool all_numeric(const std::vector<std::string>& v) {
    for (const auto& s : v) {
        char* end = nullptr;
        std::strtod(s.c_str(), &end);
        if (s.empty() || *end) return false;
    }
    return true;
}

}  // namespace

void write_sweep_plots(const SweepTable& table, const std::string& dir) {
    const auto& params = table.params();
    const auto& rows = table.rows();
    fs::create_directories(dir);
    const std::pair<const char*, const char*> shown[] = {
        {"cycles", "cycles"}, {"utilization", "utilization (effective MACs / peak)"}, {"energy_pj", "energy (pJ)"}};
    for (std::size_t pi = 0; pi < params.size(); ++pi) {
        std::vector<std::string> xs;
        for (const auto& r : rows)
            if (std::find(xs.begin(), xs.end(), r.values[pi]) == xs.end()) xs.push_back(r.values[pi]);
        const bool numeric = all_numeric(xs);
        if (numeric) std::sort(xs.begin(), xs.end(), [](const std::string& a, const std::string& b) { return std::stod(a) < std::stod(b); });
        for (std::size_t mi = 0; mi < std::size(shown); ++mi) {
            const std::size_t metric_index =
                static_cast<std::size_t>(std::find_if(std::begin(kSweepMetrics), std::end(kSweepMetrics),
                                                      [&](const char* m) { return std::string(m) == shown[mi].first; }) -
                                         std::begin(kSweepMetrics));
            Plot plot;
            plot.title = std::string(shown[mi].second) + " vs " + params[pi];
            plot.x_label = params[pi];
            plot.y_label = shown[mi].second;
            if (!numeric) plot.categories = xs;
            std::map<std::string, PlotSeries> series;
            double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
            for (const auto& r : rows) {
                if (r.status != "ok") continue;
                std::string label = fs::path(r.workload).stem().string();
                for (std::size_t o = 0; o < params.size(); ++o)
                    if (o != pi) label += " " + params[o] + "=" + r.values[o];
                PlotSeries& s = series[label];
                s.label = label;
                const double x = numeric ? std::stod(r.values[pi])
                                         : static_cast<double>(std::find(xs.begin(), xs.end(), r.values[pi]) - xs.begin());
                const double y = std::stod(r.metrics[metric_index]);
                s.x.push_back(x);
                s.y.push_back(y);
                xmin = std::min(xmin, x), xmax = std::max(xmax, x), ymin = std::min(ymin, y), ymax = std::max(ymax, y);
            }
            if (series.empty()) continue;
            plot.log_x = numeric && xmin > 0 && xmax / xmin >= 8;
            plot.log_y = mi != 1 && ymin > 0 && ymax / ymin >= 20;
            for (auto& [_, s] : series) {
                // Points in x order, however the --vary list ordered them.
                std::vector<std::pair<double, double>> xy;
                for (std::size_t i = 0; i < s.x.size(); ++i) xy.emplace_back(s.x[i], s.y[i]);
                std::stable_sort(xy.begin(), xy.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                for (std::size_t i = 0; i < xy.size(); ++i) s.x[i] = xy[i].first, s.y[i] = xy[i].second;
                plot.series.push_back(std::move(s));
            }
            std::sort(plot.series.begin(), plot.series.end(),
                      [](const PlotSeries& a, const PlotSeries& b) { return natural_less(a.label, b.label); });
            std::ofstream(fs::path(dir) / (std::string(shown[mi].first) + "_vs_" + params[pi] + ".svg"))
                << render_svg(plot);
        }
    }
}

}  // namespace skipsim
