// The platform's area in report.json and report.html: the total is the sum of the items, every
// component reports one (DDR 0, with its note), a larger array reports a larger area.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_binary.h"

namespace skipsim::e2e {
namespace {

using nlohmann::json;

json area_run(const std::string& platform, const std::string& extra, const std::string& tag) {
    const std::string out = temp_dir(tag) + "/run";
    Result r = run_skipsim("run --platform " + platform + " --workload workloads/zoo/tiny.json --quiet --out '" + out +
                           "' " + extra);
    EXPECT_EQ(r.status, 0) << r.err;
    json report = json::parse(read_file(out + "/report.json"));
    EXPECT_NE(read_file(out + "/report.html").find("<table id=\"area\">"), std::string::npos);
    return report;
}

TEST(AreaReport, TotalIsTheSumOfEveryComponentsItems) {
    for (const char* platform : {"platforms/ws_32x32.json", "platforms/bitserial_32x32.json", "platforms/zero_skip_64x8.json",
                                 "platforms/aie_4x4.json", "platforms/pim_512x256.json"}) {
        SCOPED_TRACE(platform);
        const json report = area_run(platform, "", "area");
        const json& area = report["area"];
        double sum_um2 = 0;
        for (const auto& c : report["platform"]["components"]) {
            const std::string path = c["path"];
            ASSERT_TRUE(area["components"].contains(path)) << path;
            const json& comp = area["components"][path];
            double items_um2 = 0;
            for (const auto& i : comp["items"]) {
                EXPECT_NEAR(i["um2"].get<double>(), i["count"].get<double>() * i["um2_each"].get<double>(),
                            1e-9 * i["um2"].get<double>());
                EXPECT_FALSE(i["source"].get<std::string>().empty());
                items_um2 += i["um2"].get<double>();
            }
            EXPECT_NEAR(comp["um2"].get<double>(), items_um2, 1e-9 * items_um2);
            if (c["kind"] == "ddr_channel") {
                EXPECT_EQ(comp["um2"].get<double>(), 0.0);
                EXPECT_NE(comp["note"].get<std::string>().find("DDR PHY"), std::string::npos);
            } else {
                EXPECT_GT(comp["um2"].get<double>(), 0.0);
            }
            sum_um2 += items_um2;
        }
        EXPECT_NEAR(area["total_mm2"].get<double>(), sum_um2 / 1e6, 1e-12 * sum_um2);
        EXPECT_EQ(report["totals"]["area_mm2"], area["total_mm2"]);
        EXPECT_EQ(area["note"], "45 nm; DDR PHY not included");
    }
}

TEST(AreaReport, ALargerArrayReportsALargerArea) {
    const json base = area_run("platforms/ws_32x32.json", "", "area_base");
    const json rows64 = area_run("platforms/ws_32x32.json", "--set array.rows=64", "area_rows64");
    const double a = base["area"]["components"]["top.array"]["um2"], b = rows64["area"]["components"]["top.array"]["um2"];
    EXPECT_NEAR(b, 2 * a, 1e-9 * a);
    EXPECT_GT(rows64["totals"]["area_mm2"].get<double>(), base["totals"]["area_mm2"].get<double>());
    const json sram = area_run("platforms/ws_32x32.json", "--set ifmap_sram.size_bytes=131072", "area_sram");
    EXPECT_GT(sram["area"]["components"]["top.ifmap_sram"]["um2"].get<double>(),
              base["area"]["components"]["top.ifmap_sram"]["um2"].get<double>());
}

TEST(AreaReport, DescribeListsTheAreaParts) {
    Result r = run_skipsim("describe pim_chip");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("Area at default parameters"), std::string::npos);
    EXPECT_NE(r.out.find("1-bit DACs, one per crossbar row"), std::string::npos);
}

}  // namespace
}  // namespace skipsim::e2e
