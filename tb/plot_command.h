#pragma once
// `skipsim plot`: draws columns of a CSV file (a sweep's, or one a script assembled, such as
// tools/speedup_curve.sh's simulated-against-published speedups) as line series in one SVG.
#include <string>
#include <vector>

namespace skipsim {

struct PlotOptions {
    std::string csv, x, out, title, y_label;
    std::vector<std::string> y;  // one series per column
};

int plot_command(const PlotOptions& opts);

}  // namespace skipsim
