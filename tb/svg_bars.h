#pragma once
// Bar charts as inline SVG for report.html, drawn by skipsim itself like the sweep's line plots:
// vertical bars stacked from their parts (one bar per layer), or horizontal bars with their
// values written out (energy by component). Every bar carries a <title> tooltip.
#include <string>
#include <vector>

namespace skipsim {

struct BarSeries {
    std::string label, color;
};

struct Bar {
    std::string label;          // under a horizontal bar's start, or the tooltip's first line
    std::vector<double> parts;  // one value per series, stacked
    std::string tip;            // more tooltip lines
};

struct BarChart {
    std::string title, value_label;
    std::vector<BarSeries> series;
    std::vector<Bar> bars;
    bool horizontal = false;
    double reference = 0;                   // > 0: a dashed line at this value (speedup 1)
    // Vertical bars of ratios: a log axis, each bar drawn from the reference line to its value (up
    // for more, down for less), so that 0.05x reads as far below 1 as 20x above it. A bar takes
    // the colour of its first non-zero part; values of 0 or less draw nothing.
    bool log_scale = false;
    std::string (*format)(double) = nullptr;  // a horizontal bar's value text (default: tick_label)
    // Vertical bars: in groups of group_size (0: no groups), each labelled under the axis with its
    // group_labels entry; caption is the text under the axis (default: the layers, in run order).
    std::size_t group_size = 0;
    std::vector<std::string> group_labels;
    std::string caption;
};

std::string render_bar_chart(const BarChart& chart);

}  // namespace skipsim
