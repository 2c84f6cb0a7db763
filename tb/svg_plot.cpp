#include "svg_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace skipsim {

std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '&') o += "&amp;";
        else if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}

std::string tick_label(double v) {
    char b[32];
    const double a = std::fabs(v);
    if (a >= 1e9) std::snprintf(b, sizeof b, "%gG", v / 1e9);
    else if (a >= 1e6) std::snprintf(b, sizeof b, "%gM", v / 1e6);
    else if (a >= 1e4) std::snprintf(b, sizeof b, "%gk", v / 1e3);
    else std::snprintf(b, sizeof b, "%g", v);
    return b;
}

namespace {

std::string esc(const std::string& s) { return xml_escape(s); }

const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                         "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
constexpr double kW = 760, kH = 460, kLeft = 90, kRight = 200, kTop = 50, kBottom = 60;

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

struct Axis {
    double lo, hi;
    bool log;
    bool powers_of_two = false;  // every value is one (array sizes): ticks at powers of two
    double map(double v, double p0, double p1) const {
        double t = log ? (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo)) : (v - lo) / (hi - lo);
        return p0 + t * (p1 - p0);
    }
    std::vector<double> ticks() const {
        std::vector<double> t;
        if (log) {
            if (powers_of_two && hi / lo <= 1e4) {
                for (double v = std::exp2(std::floor(std::log2(lo))); v <= hi * 1.0001; v *= 2)
                    if (v >= lo * 0.9999) t.push_back(v);
                return t;
            }
            return log_ticks(lo, hi);
        }
        const double span = hi - lo, raw = span / 6, mag = std::pow(10, std::floor(std::log10(raw)));
        const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
        for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
        return t;
    }
};

Axis make_axis(const std::vector<double>& values, bool log, bool from_zero) {
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest();
    for (double v : values) {
        if (log && v <= 0) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi) lo = 0, hi = 1;
    if (log) {
        if (hi <= lo) hi = lo * 2;
        bool pow2 = true;
        for (double v : values)
            if (v > 0 && std::exp2(std::round(std::log2(v))) != v) pow2 = false;
        return {lo, hi, true, pow2};
    }
    if (from_zero && lo > 0) lo = 0;
    if (hi <= lo) hi = lo + 1;
    const double pad = (hi - lo) * 0.05;
    return {from_zero && lo == 0 ? 0 : lo - pad, hi + pad, false, false};
}

}  // namespace

std::vector<double> log_ticks(double lo, double hi) {
    std::vector<double> t;
    const double decades = std::log10(hi / lo);
    const std::vector<double> mantissas = decades > 4   ? std::vector<double>{1}
                                          : decades > 1 ? std::vector<double>{1, 2, 5}
                                                        : std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (double d = std::floor(std::log10(lo)); d <= std::ceil(std::log10(hi)); ++d)
        for (double m : mantissas) {
            const double v = m * std::pow(10, d);
            if (v >= lo * 0.9999 && v <= hi * 1.0001) t.push_back(v);
        }
    return t;
}

const char* plot_color(std::size_t i) { return kColors[i % (sizeof kColors / sizeof *kColors)]; }

std::string render_svg(const Plot& input) {
    // A point without finite coordinates has no place on an axis (and "NaN" is no SVG number).
    Plot plot = input;
    for (auto& s : plot.series) {
        std::vector<double> x, y;
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
            if (std::isfinite(s.x[i]) && std::isfinite(s.y[i])) {
                x.push_back(s.x[i]);
                y.push_back(s.y[i]);
            }
        s.x = std::move(x);
        s.y = std::move(y);
    }
    std::vector<double> xs, ys;
    for (const auto& s : plot.series) {
        xs.insert(xs.end(), s.x.begin(), s.x.end());
        ys.insert(ys.end(), s.y.begin(), s.y.end());
    }
    Axis ax = plot.categories.empty() ? make_axis(xs, plot.log_x, false)
                                      : Axis{-0.5, static_cast<double>(plot.categories.size()) - 0.5, false};
    Axis ay = make_axis(ys, plot.log_y, true);
    const double x0 = kLeft, x1 = kW - kRight, y0 = kH - kBottom, y1 = kTop;
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kW) + "\" height=\"" + num(kH) +
                    "\" viewBox=\"0 0 " + num(kW) + " " + num(kH) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    o += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    o += "<text x=\"" + num(kW / 2 - kRight / 2 + kLeft / 2) + "\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">" +
         esc(plot.title) + "</text>\n";
    // Grid and ticks.
    for (double t : ay.ticks()) {
        const double y = ay.map(t, y0, y1);
        o += "<line x1=\"" + num(x0) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x1) + "\" y2=\"" + num(y) +
             "\" stroke=\"#e0e0e0\"/>\n";
        o += "<text x=\"" + num(x0 - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" + esc(tick_label(t)) + "</text>\n";
    }
    if (plot.categories.empty()) {
        for (double t : ax.ticks()) {
            const double x = ax.map(t, x0, x1);
            o += "<line x1=\"" + num(x) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(x) + "\" y2=\"" + num(y1) +
                 "\" stroke=\"#f0f0f0\"/>\n";
            o += "<text x=\"" + num(x) + "\" y=\"" + num(y0 + 18) + "\" text-anchor=\"middle\">" + esc(tick_label(t)) + "</text>\n";
        }
    } else {
        for (std::size_t i = 0; i < plot.categories.size(); ++i)
            o += "<text x=\"" + num(ax.map(static_cast<double>(i), x0, x1)) + "\" y=\"" + num(y0 + 18) +
                 "\" text-anchor=\"middle\">" + esc(plot.categories[i]) + "</text>\n";
    }
    o += "<rect x=\"" + num(x0) + "\" y=\"" + num(y1) + "\" width=\"" + num(x1 - x0) + "\" height=\"" + num(y0 - y1) +
         "\" fill=\"none\" stroke=\"#333\"/>\n";
    o += "<text x=\"" + num((x0 + x1) / 2) + "\" y=\"" + num(kH - 16) + "\" text-anchor=\"middle\">" +
         esc(plot.x_label + (plot.log_x ? " (log scale)" : "")) + "</text>\n";
    o += "<text transform=\"translate(20," + num((y0 + y1) / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         esc(plot.y_label + (plot.log_y ? " (log scale)" : "")) + "</text>\n";
    // Series.
    for (std::size_t si = 0; si < plot.series.size(); ++si) {
        const auto& s = plot.series[si];
        const char* color = plot_color(si);
        std::vector<std::pair<double, double>> pts;
        for (std::size_t i = 0; i < s.x.size(); ++i)
            if ((!ax.log || s.x[i] > 0) && (!ay.log || s.y[i] > 0))
                pts.push_back({ax.map(s.x[i], x0, x1), ay.map(s.y[i], y0, y1)});
        std::sort(pts.begin(), pts.end());
        std::string poly;
        for (const auto& [x, y] : pts) poly += num(x) + "," + num(y) + " ";
        if (s.connected)
            o += "<polyline fill=\"none\" stroke=\"" + std::string(color) + "\" stroke-width=\"2\" points=\"" + poly + "\"/>\n";
        for (const auto& [x, y] : pts)
            o += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"3\" fill=\"" + color + "\"/>\n";
        if (si < 16) {
            const double ly = kTop + 10 + 18 * static_cast<double>(si);
            o += "<line x1=\"" + num(x1 + 14) + "\" y1=\"" + num(ly) + "\" x2=\"" + num(x1 + 34) + "\" y2=\"" + num(ly) +
                 "\" stroke=\"" + color + "\" stroke-width=\"2\"/>\n";
            o += "<text x=\"" + num(x1 + 40) + "\" y=\"" + num(ly + 4) + "\">" + esc(s.label) + "</text>\n";
        } else if (si == 16) {
            o += "<text x=\"" + num(x1 + 14) + "\" y=\"" + num(kTop + 10 + 18 * 16.0) + "\">(" +
                 std::to_string(plot.series.size() - 16) + " more series)</text>\n";
        }
    }
    return o + "</svg>\n";
}

}  // namespace skipsim
