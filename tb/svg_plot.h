#pragma once
// Line plots as standalone SVG files, drawn by skipsim itself (no plotting dependency).
#include <string>
#include <vector>

namespace skipsim {

struct PlotSeries {
    std::string label;
    std::vector<double> x, y;
    bool connected = true;  // false: points only (a scatter)
};

struct Plot {
    std::string title, x_label, y_label;
    std::vector<std::string> categories;  // non-empty: x holds category indices, labelled with these
    bool log_x = false, log_y = false;
    std::vector<PlotSeries> series;
};

std::string render_svg(const Plot& plot);

// The colour of series `i` in a line plot (ten, repeating), for other charts to match.
const char* plot_color(std::size_t i);

// Text safe inside XML and HTML elements and attributes.
std::string xml_escape(const std::string& s);
// A short axis label: 1.5k, 20M, 3G.
std::string tick_label(double v);
// Ticks of a log axis from lo to hi (both > 0) at round numbers: 1-2-5 in every decade (only
// powers of ten over more than four decades, every multiple within one), so that labels read 2M,
// 5M, 10M rather than 4.1943M.
std::vector<double> log_ticks(double lo, double hi);

}  // namespace skipsim
