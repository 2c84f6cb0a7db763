#include "svg_bars.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "svg_plot.h"

namespace skipsim {

namespace {

constexpr double kBarsWidth = 1040;

std::string bars_num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

// A round upper end for an axis from 0 to `v`, and its tick step.
std::pair<double, double> axis_top(double v) {
    if (!(v > 0)) return {1, 0.25};
    const double mag = std::pow(10, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= v) return {m * mag, m * mag / (m == 2.5 || m == 5.0 ? 5 : 4)};
    return {10 * mag, 2.5 * mag};
}

double total(const Bar& b) {
    double t = 0;
    for (double p : b.parts) t += p;
    return t;
}

std::string legend(const BarChart& c, double x, double y) {
    std::string o;
    if (c.series.size() < 2) return o;
    for (const auto& s : c.series) {
        o += "<rect x=\"" + bars_num(x) + "\" y=\"" + bars_num(y - 9) + "\" width=\"10\" height=\"10\" fill=\"" + s.color + "\"/>";
        o += "<text x=\"" + bars_num(x + 14) + "\" y=\"" + bars_num(y) + "\">" + xml_escape(s.label) + "</text>";
        x += 24 + 7.0 * static_cast<double>(s.label.size());
    }
    return o + "\n";
}

std::string tooltip(const BarChart& c, const Bar& b) {
    std::string t = b.label;
    for (std::size_t i = 0; i < b.parts.size() && i < c.series.size(); ++i)
        t += "\n" + c.series[i].label + ": " + tick_label(b.parts[i]);
    if (!b.tip.empty()) t += "\n" + b.tip;
    return "<title>" + xml_escape(t) + "</title>";
}

std::string horizontal(const BarChart& c) {
    const double left = 220, right = 150, row = 22, top = 34;
    const double h = top + row * static_cast<double>(c.bars.size()) + 10;
    double hi = 0;
    for (const Bar& b : c.bars) hi = std::max(hi, total(b));
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + bars_num(kBarsWidth) + "\" height=\"" + bars_num(h) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">" +
                    xml_escape(c.title) + "</text>\n" + legend(c, left, 16);
    const double span = kBarsWidth - left - right;
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        const Bar& b = c.bars[i];
        const double y = top + row * static_cast<double>(i);
        o += "<g>" + tooltip(c, b) + "<text x=\"" + bars_num(left - 8) + "\" y=\"" + bars_num(y + 14) + "\" text-anchor=\"end\">" +
             xml_escape(b.label) + "</text>";
        double x = left;
        for (std::size_t k = 0; k < b.parts.size() && k < c.series.size(); ++k) {
            const double w = hi > 0 ? b.parts[k] / hi * span : 0;
            o += "<rect x=\"" + bars_num(x) + "\" y=\"" + bars_num(y + 3) + "\" width=\"" + bars_num(w) + "\" height=\"" + bars_num(row - 6) +
                 "\" fill=\"" + c.series[k].color + "\"/>";
            x += w;
        }
        o += "<text x=\"" + bars_num(x + 6) + "\" y=\"" + bars_num(y + 14) + "\">" +
             xml_escape(c.format ? c.format(total(b)) : tick_label(total(b))) + "</text></g>\n";
    }
    return o + "</svg>\n";
}

std::string vertical(const BarChart& c) {
    const double left = 70, right = 10, top = 34, plot_h = 220, bottom = c.group_size ? 38 : 24;
    // The value axis: from 0 to a round top, or (log_scale) over the values and the reference,
    // padded so that the bars nearest either end still show.
    double hi = c.reference, lo = c.reference > 0 ? c.reference : 0;
    for (const Bar& b : c.bars) {
        const double v = total(b);
        hi = std::max(hi, v);
        if (v > 0) lo = lo > 0 ? std::min(lo, v) : v;
    }
    const bool log_axis = c.log_scale && lo > 0;
    // Not a structured binding: the lambda below captures it, which C++17 does not allow.
    const std::pair<double, double> axis = axis_top(hi);
    const double axis_hi = axis.first, step = axis.second;
    const double log_lo = log_axis ? std::log(lo / 1.25) : 0, log_hi = log_axis ? std::log(hi * 1.25) : 1;
    const double span = kBarsWidth - left - right, y0 = top + plot_h;
    const auto y_of = [&](double v) {
        return log_axis ? y0 - (std::log(v) - log_lo) / (log_hi - log_lo) * plot_h : y0 - v / axis_hi * plot_h;
    };
    // Groups are one empty slot apart.
    const std::size_t groups = c.group_size ? (c.bars.size() + c.group_size - 1) / c.group_size : 0;
    const std::size_t slots = c.bars.size() + (groups > 1 ? groups - 1 : 0);
    const double slot = slots == 0 ? span : span / static_cast<double>(slots);
    const auto slot_of = [&](std::size_t i) { return c.group_size ? i + i / c.group_size : i; };
    const double bar_w = std::max(1.0, slot * 0.8);
    std::string o = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + bars_num(kBarsWidth) + "\" height=\"" +
                    bars_num(top + plot_h + bottom) + "\" font-family=\"sans-serif\" font-size=\"11\">\n" +
                    "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">" + xml_escape(c.title) + "</text>\n" +
                    legend(c, left + 300, 16);
    std::vector<double> ticks;
    if (log_axis) {
        ticks = log_ticks(std::exp(log_lo), std::exp(log_hi));
    } else {
        for (double t = 0; t <= axis_hi * 1.0001; t += step) ticks.push_back(t);
    }
    for (double t : ticks) {
        const double y = y_of(t);
        o += "<line x1=\"" + bars_num(left) + "\" x2=\"" + bars_num(kBarsWidth - right) + "\" y1=\"" + bars_num(y) + "\" y2=\"" + bars_num(y) +
             "\" stroke=\"#e4e4e4\"/><text x=\"" + bars_num(left - 6) + "\" y=\"" + bars_num(y + 4) + "\" text-anchor=\"end\">" +
             xml_escape(tick_label(t)) + "</text>\n";
    }
    o += "<text transform=\"translate(12," + bars_num(y0 - plot_h / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
         xml_escape(c.value_label + (log_axis ? " (log scale)" : "")) + "</text>\n";
    for (std::size_t i = 0; i < c.bars.size(); ++i) {
        const Bar& b = c.bars[i];
        const double x = left + slot * static_cast<double>(slot_of(i)) + (slot - bar_w) / 2;
        o += "<g>" + tooltip(c, b);
        if (log_axis) {
            const double v = total(b);
            std::size_t k = 0;
            while (k + 1 < b.parts.size() && k + 1 < c.series.size() && b.parts[k] == 0) ++k;
            if (v > 0 && k < c.series.size()) {
                const double y_ref = y_of(c.reference), y_v = y_of(v);
                o += "<rect x=\"" + bars_num(x) + "\" y=\"" + bars_num(std::min(y_ref, y_v)) + "\" width=\"" + bars_num(bar_w) +
                     "\" height=\"" + bars_num(std::fabs(y_ref - y_v)) + "\" fill=\"" + c.series[k].color + "\"/>";
            }
        } else {
            double y = y0;
            for (std::size_t k = 0; k < b.parts.size() && k < c.series.size(); ++k) {
                const double h = b.parts[k] / axis_hi * plot_h;
                y -= h;
                o += "<rect x=\"" + bars_num(x) + "\" y=\"" + bars_num(y) + "\" width=\"" + bars_num(bar_w) + "\" height=\"" + bars_num(h) +
                     "\" fill=\"" + c.series[k].color + "\"/>";
            }
        }
        o += "</g>\n";
    }
    if (c.reference > 0) {
        const double y = y_of(c.reference);
        o += "<line x1=\"" + bars_num(left) + "\" x2=\"" + bars_num(kBarsWidth - right) + "\" y1=\"" + bars_num(y) + "\" y2=\"" + bars_num(y) +
             "\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n";
    }
    for (std::size_t g = 0; g < groups && g < c.group_labels.size(); ++g) {
        const std::size_t first = slot_of(g * c.group_size), n = std::min(c.group_size, c.bars.size() - g * c.group_size);
        const double mid = left + slot * (static_cast<double>(first) + static_cast<double>(n) / 2);
        o += "<text x=\"" + bars_num(mid) + "\" y=\"" + bars_num(y0 + 14) + "\" text-anchor=\"middle\">" +
             xml_escape(c.group_labels[g]) + "</text>\n";
    }
    const std::string caption = !c.caption.empty() ? c.caption
                                                   : "layers 1 to " + std::to_string(c.bars.size()) +
                                                         " in run order (hover a bar for its layer)";
    o += "<line x1=\"" + bars_num(left) + "\" x2=\"" + bars_num(kBarsWidth - right) + "\" y1=\"" + bars_num(y0) + "\" y2=\"" + bars_num(y0) +
         "\" stroke=\"#333\"/>\n<text x=\"" + bars_num(left) + "\" y=\"" + bars_num(y0 + (groups ? 30 : 16)) + "\">" +
         xml_escape(caption) + "</text>\n";
    return o + "</svg>\n";
}

}  // namespace

std::string render_bar_chart(const BarChart& chart) { return chart.horizontal ? horizontal(chart) : vertical(chart); }

}  // namespace skipsim
