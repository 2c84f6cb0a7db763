// `skipsim plot` draws CSV columns as SVG series; tools/speedup_curve.sh uses it to put the
// simulated 256x256x3x3 speedups next to the published ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

TEST(Plot, DrawsEveryRequestedColumnAsASeries) {
    const std::string dir = temp_dir("plot");
    std::ofstream(dir + "/c.csv") << "reduction,published,skipsim\n1,1,1\n2,1.84,1.86\n10,7.84,7.91\n";
    Result r = run_skipsim("plot --csv '" + dir + "/c.csv' --x reduction --y published --y skipsim --title T --out '" +
                           dir + "/c.svg'");
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string svg = read_file(dir + "/c.svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find("published"), std::string::npos);
    EXPECT_NE(svg.find("skipsim"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir + "/c.svg.partial"));
}

TEST(Plot, AMissingColumnOrANonNumberIsABadInput) {
    const std::string dir = temp_dir("plot-bad");
    std::ofstream(dir + "/c.csv") << "x,y\n1,2\n2,oops\n";
    Result r = run_skipsim("plot --csv '" + dir + "/c.csv' --x x --y z --out '" + dir + "/c.svg'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: " + dir + "/c.csv: line 1: expected a column 'z' in the header, got 'x,y'\n");
    r = run_skipsim("plot --csv '" + dir + "/c.csv' --x x --y y --out '" + dir + "/c.svg'");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "error: " + dir + "/c.csv: line 3, column 2 (y): expected a finite number, got 'oops'\n");
    EXPECT_FALSE(std::filesystem::exists(dir + "/c.svg"));
}

}  // namespace
}  // namespace skipsim::e2e
