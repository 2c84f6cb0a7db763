// The channel's parameters (presets, overrides, errors naming the parameter) and its ideal and
// unlimited models.
#include <gtest/gtest.h>

#include "base/error.h"
#include "base/params.h"
#include "memory/ddr_channel_core.h"

namespace skipsim {
namespace {

std::string error_of(const OrderedJson& j) {
    try {
        read_params<DdrChannelParams>(j, "p.json", "/c");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(DdrChannelParams, APresetFillsTheDeviceAndExplicitParametersWin) {
    const DdrChannelParams p = read_params<DdrChannelParams>(
        OrderedJson{{"preset", "LPDDR4_8Gb_x16_3200"}, {"tCL", 30}}, "p.json", "/c");
    EXPECT_EQ(p.dev.bus_bytes, 2u);
    EXPECT_EQ(p.dev.burst_length, 16u);
    EXPECT_EQ(p.dev.banks, 8u);
    EXPECT_EQ(p.dev.tCL, 30u);  // given: wins over the preset's 28
    EXPECT_EQ(p.dev.tRCD, 29u);
    // What resolved_config.json shows: the preset and every final value.
    const OrderedJson out = params_to_json(p);
    EXPECT_EQ(out["preset"], "LPDDR4_8Gb_x16_3200");
    EXPECT_EQ(out["tCL"], 30);
    EXPECT_EQ(out["tRCD"], 29);
    // Read back, the resolved parameters give the same device.
    const DdrChannelParams again = read_params<DdrChannelParams>(out, "", "");
    EXPECT_EQ(again.dev.tCL, 30u);
    EXPECT_EQ(again.dev.bus_bytes, 2u);
}

TEST(DdrChannelParams, TheDefaultsAreTheDefaultPreset) {
    const DdrChannelParams p = read_params<DdrChannelParams>(OrderedJson::object(), "", "");
    EXPECT_EQ(p.preset, "DDR4_8Gb_x8_3200");
    EXPECT_EQ(params_to_json(p), params_to_json(DdrChannelParams{}));
    // Platform files written for the former model still load: "ddr4" and its parameters.
    const DdrChannelParams old = read_params<DdrChannelParams>(
        OrderedJson{{"model", "ddr4"}, {"banks", 16}, {"row_bytes", 8192}, {"tCL", 22}}, "", "");
    EXPECT_TRUE(old.timed_dram());
}

TEST(DdrChannelParams, ErrorsNameTheParameter) {
    EXPECT_EQ(error_of({{"banks", 0}}), "p.json: /c/banks: expected an integer in [1, 256], got 0");
    EXPECT_EQ(error_of({{"row_bytes", 100}}),
              "p.json: /c/row_bytes: expected a multiple of one burst (bus_bytes x burst_length = 64), got 100");
    EXPECT_EQ(error_of({{"banks", 12}}), "p.json: /c/banks: expected powers of two for bank_groups, banks, rows and "
                                         "bursts per row (the address map cuts addresses into bit fields)");
    EXPECT_EQ(error_of({{"mapping", "rochrababg"}}),
              "p.json: /c/mapping: expected six two-letter fields (ro, ch, ra, ba, bg, co in any order), got "
              "'rochrababg'");
    EXPECT_EQ(error_of({{"tCCD_L", 2}}), "p.json: /c/tCCD_L: expected at least tCCD_S (4)");
    EXPECT_EQ(error_of({{"write_low_watermark", 0.9}}),
              "p.json: /c/write_low_watermark: expected less than write_high_watermark (0.8)");
    EXPECT_NE(error_of({{"preset", "DDR5"}}).find("/c/preset: expected one of 'DDR4_8Gb_x8_2400'"),
              std::string::npos);
}

TEST(DdrChannelCore, IdealModelIsBandwidthPlusLatency) {
    DdrChannelParams p;
    p.model = "ideal";
    p.bytes_per_cycle = 10;
    p.latency_cycles = 5;
    DdrChannelCore ddr(p);
    EXPECT_EQ(ddr.access(0, 100, 0).done, 15u);
    EXPECT_EQ(ddr.access(0, 100, 0).done, 25u);  // queued behind the first
    EXPECT_EQ(ddr.energy_counts().read_burst, 4u);
    p.model = "unlimited";
    DdrChannelCore inf(p);
    EXPECT_EQ(inf.access(0, 1 << 20, 7).done, 7u);
    EXPECT_EQ(inf.energy_pj(), 0);
}

}  // namespace
}  // namespace skipsim
