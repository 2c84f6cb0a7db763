#include "plot_command.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "base/json_source.h"
#include "base/whole_file.h"
#include "svg_plot.h"

namespace skipsim {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    if (!line.empty() && line.back() == ',') f.emplace_back();
    return f;
}

}  // namespace

int plot_command(const PlotOptions& o) {
    std::ifstream in(o.csv);
    if (!in) throw InputError(o.csv, "", "cannot open file (expected a CSV file with a header line)");
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = split(line);
    auto column = [&](const std::string& name) {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        throw InputError(o.csv, "line 1", "expected a column '" + name + "' in the header, got " + name_text(line));
    };
    const std::size_t xc = column(o.x);
    Plot plot;
    plot.title = o.title;
    plot.x_label = o.x;
    plot.y_label = o.y_label;
    std::vector<std::size_t> yc;
    for (const std::string& y : o.y) {
        yc.push_back(column(y));
        plot.series.push_back({y, {}, {}});
    }
    for (int n = 2; std::getline(in, line); ++n) {
        if (line.empty()) continue;
        const std::vector<std::string> f = split(line);
        auto number = [&](std::size_t c) {
            const std::string where = "line " + std::to_string(n) + ", column " + std::to_string(c + 1) + " (" + header[c] + ")";
            if (c >= f.size()) throw InputError(o.csv, where, "expected a number, got nothing");
            char* end = nullptr;
            const double v = std::strtod(f[c].c_str(), &end);
            if (f[c].empty() || *end || !std::isfinite(v))
                throw InputError(o.csv, where, "expected a finite number, got " + name_text(f[c]));
            return v;
        };
        const double x = number(xc);
        for (std::size_t i = 0; i < yc.size(); ++i) {
            plot.series[i].x.push_back(x);
            plot.series[i].y.push_back(number(yc[i]));
        }
    }
    write_whole_file(o.out, render_svg(plot));
    return 0;
}

}  // namespace skipsim
