// Bar charts (tb/svg_bars.cpp): the study page's ratio bars on a log axis, each from the
// reference line to its value, and the plain stacked bars the run report draws.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "tb/svg_bars.h"

namespace skipsim {
namespace {

struct Rect {
    double y, height;
    std::string fill;
};

// The bars' rectangles (a legend's 10x10 swatches left out).
std::vector<Rect> bar_rects(const std::string& svg) {
    std::vector<Rect> v;
    const std::regex re(R"re(<rect x="[-0-9.]+" y="([-0-9.]+)" width="([-0-9.]+)" height="([-0-9.]+)" fill="([^"]+)"/>)re");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it)
        if (std::stod((*it)[2]) != 10) v.push_back({std::stod((*it)[1]), std::stod((*it)[3]), (*it)[4]});
    return v;
}

// The dashed reference line's y.
double reference_y(const std::string& svg) {
    std::smatch m;
    const std::regex re(R"re(y1="([-0-9.]+)" y2="[-0-9.]+" stroke="#555" stroke-dasharray)re");
    EXPECT_TRUE(std::regex_search(svg, m, re));
    return std::stod(m[1]);
}

BarChart ratios(const std::vector<double>& values, bool log_scale) {
    BarChart c;
    c.title = "Cycles / baseline";
    c.value_label = "cycles / baseline";
    c.reference = 1;
    c.log_scale = log_scale;
    c.series = {{"a", "#111111"}, {"b", "#222222"}};
    for (std::size_t i = 0; i < values.size(); ++i) {
        Bar b;
        b.label = "bar " + std::to_string(i);
        b.parts = {0, 0};
        b.parts[i % 2] = values[i];
        c.bars.push_back(b);
    }
    return c;
}

TEST(SvgBars, LogScaleBarsRunFromTheReferenceLineAndAreSymmetricInTheRatio) {
    const std::string svg = render_bar_chart(ratios({0.05, 20, 1, 0.5, 2}, true));
    const std::vector<Rect> r = bar_rects(svg);
    ASSERT_EQ(r.size(), 5u) << svg;
    const double ref = reference_y(svg);
    // 0.05 below the line, 20 above it, the same length (0.1 px of rounding each side).
    EXPECT_NEAR(r[0].y, ref, 0.1);
    EXPECT_NEAR(r[1].y + r[1].height, ref, 0.1);
    EXPECT_NEAR(r[0].height, r[1].height, 0.2);
    EXPECT_GT(r[0].height, 50);
    EXPECT_NEAR(r[2].height, 0, 0.05);  // 1: no bar
    EXPECT_NEAR(r[3].height, r[4].height, 0.2);
    EXPECT_NEAR(r[3].height * std::log(20.0) / std::log(2.0), r[0].height, 0.5);  // log-proportional
    // Each bar in the colour of the part it carries.
    EXPECT_EQ(r[0].fill, "#111111");
    EXPECT_EQ(r[1].fill, "#222222");
    EXPECT_NE(svg.find("(log scale)"), std::string::npos);
    for (const char* tick : {">0.1<", ">1<", ">10<"}) EXPECT_NE(svg.find(tick), std::string::npos) << tick << "\n" << svg;
}

TEST(SvgBars, LinearBarsStackFromTheAxis) {
    BarChart c = ratios({0.05, 20, 1}, false);
    const std::string svg = render_bar_chart(c);
    const std::vector<Rect> r = bar_rects(svg);
    ASSERT_EQ(r.size(), 6u);  // every part of every bar, zeros included
    // 20 is the axis top: the full 220 px; 1 is a twentieth of it.
    EXPECT_NEAR(r[3].height, 220, 0.1);
    EXPECT_NEAR(r[4].height, 11, 0.1);
    EXPECT_EQ(svg.find("(log scale)"), std::string::npos);
}

TEST(SvgBars, ALogScaleWithNothingPositiveFallsBackToALinearAxis) {
    BarChart c = ratios({0, 0}, true);
    c.reference = 0;
    const std::string svg = render_bar_chart(c);
    EXPECT_EQ(svg.find("(log scale)"), std::string::npos);
    EXPECT_EQ(svg.find("nan"), std::string::npos);
}

}  // namespace
}  // namespace skipsim
