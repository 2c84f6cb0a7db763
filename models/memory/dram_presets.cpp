#include "dram_presets.h"

#include "base/error.h"

namespace skipsim {

namespace {

// DDR4-2400R (16-16-16) with the 8 Gb x8 die.
DramDevice ddr4_x8_2400() {
    DramDevice d;
    d.clock_ghz = 1.2;
    d.tCL = 16, d.tCWL = 12, d.tRCD = 16, d.tRP = 16, d.tRAS = 39, d.tRC = 55;
    d.tCCD_S = 4, d.tCCD_L = 6, d.tRRD_S = 4, d.tRRD_L = 6, d.tFAW = 26;
    d.tWR = 18, d.tWTR_S = 3, d.tWTR_L = 9, d.tRTP = 9;
    d.tREFI = 9360, d.tRFC = 420;
    d.idd0 = 48, d.idd2n = 34, d.idd3n = 43, d.idd4r = 135, d.idd4w = 123, d.idd5b = 250;
    return d;
}

// DDR4-3200AA with the 8 Gb x16 die: two bank groups of four banks, 2 KB pages (four devices
// fill the 64-bit bus, so a row across the rank is still 8 KB), and the x16 activate windows.
DramDevice ddr4_x16_3200() {
    DramDevice d;
    d.bank_groups = 2, d.banks = 8, d.device_width = 16;
    d.tRRD_S = 9, d.tRRD_L = 11, d.tFAW = 48;
    d.idd0 = 95, d.idd2n = 37, d.idd3n = 56, d.idd4r = 302, d.idd4w = 278, d.idd5b = 280;
    return d;
}

// One LPDDR4-3200 x16 channel: 8 banks without bank groups, BL16, 2 KB pages, 8 Gb per channel.
// LPDDR4 draws from VDD1 (1.8 V) and VDD2 (1.1 V); each current here is I2 + I1 x 1.8 / 1.1, the
// VDD2-equivalent of both, so that energy = VDD2 x I x t holds for the pair.
DramDevice lpddr4_x16_3200() {
    DramDevice d;
    d.bus_bytes = 2, d.burst_length = 16, d.bank_groups = 1, d.banks = 8;
    d.row_bytes = 2048, d.rows = 65536, d.device_width = 16;
    d.tCL = 28, d.tCWL = 14, d.tRCD = 29, d.tRP = 29, d.tRAS = 68, d.tRC = 97;
    d.tCCD_S = 8, d.tCCD_L = 8, d.tRRD_S = 16, d.tRRD_L = 16, d.tFAW = 64;
    d.tWR = 29, d.tWTR_S = 16, d.tWTR_L = 16, d.tRTP = 12;
    d.tREFI = 6246, d.tRFC = 448;
    d.vdd = 1.1;
    d.idd0 = 50.7, d.idd2n = 30.3, d.idd3n = 33.7, d.idd4r = 278.7, d.idd4w = 213.7, d.idd5b = 106.4;
    return d;
}

// One HBM2 pseudo-channel at 2 Gb/s per pin: 64 bits, BL4 (32-byte bursts), 16 banks in four
// bank groups, 1 KB pages. The currents are those of a whole 128-bit legacy channel, which two
// pseudo-channels share: device_width 128 makes this pseudo-channel half a device.
DramDevice hbm2_pc_2000() {
    DramDevice d;
    d.clock_ghz = 1.0;
    d.bus_bytes = 8, d.burst_length = 4, d.bank_groups = 4, d.banks = 16;
    d.row_bytes = 1024, d.rows = 32768, d.device_width = 128;
    d.tCL = 14, d.tCWL = 5, d.tRCD = 14, d.tRP = 14, d.tRAS = 34, d.tRC = 48;
    d.tCCD_S = 2, d.tCCD_L = 4, d.tRRD_S = 4, d.tRRD_L = 4, d.tFAW = 15;
    d.tWR = 16, d.tWTR_S = 6, d.tWTR_L = 8, d.tRTP = 5;
    d.tREFI = 3900, d.tRFC = 350;
    d.vdd = 1.2;
    d.idd0 = 65, d.idd2n = 40, d.idd3n = 55, d.idd4r = 390, d.idd4w = 500, d.idd5b = 250;
    return d;
}

std::vector<DramPresetInfo> make_presets() {
    return {
        {"DDR4_8Gb_x8_2400", ddr4_x8_2400(), "DDR4-2400R (16-16-16), 8 Gb x8 devices, 64-bit rank, 19.2 GB/s",
         "JEDEC JESD79-4 speed bin DDR4-2400R and its 8 Gb refresh (tRFC1 350 ns, tREFI 7.8 us); the same values "
         "as Ramulator 2's DDR4_2400R with DDR4_8Gb_x8",
         "Micron 8Gb DDR4 SDRAM datasheet (MT40A1G8, -083E) IDD0/2N/3N/4R/4W/5B as DRAMsim3 ships them "
         "(configs/DDR4_8Gb_x8_2400.ini)"},
        {"DDR4_8Gb_x8_3200", DramDevice{}, "DDR4-3200AA (22-22-22), 8 Gb x8 devices, 64-bit rank, 25.6 GB/s",
         "JEDEC JESD79-4 speed bin DDR4-3200AA, 1 KB-page tRRD/tFAW and the 8 Gb tRFC1 of 350 ns; the same values "
         "as DRAMsim3's DDR4_8Gb_x8_3200.ini and Ramulator 2's DDR4_3200AA",
         "Micron 8Gb DDR4 SDRAM datasheet (MT40A1G8, -062E) IDD values as DRAMsim3 ships them "
         "(configs/DDR4_8Gb_x8_3200.ini)"},
        {"DDR4_8Gb_x16_3200", ddr4_x16_3200(), "DDR4-3200AA, 8 Gb x16 devices (two bank groups), 64-bit rank",
         "JEDEC JESD79-4 DDR4-3200AA with the 2 KB-page tRRD_S 5.3 ns, tRRD_L 6.4 ns, tFAW 30 ns; as DRAMsim3's "
         "DDR4_8Gb_x16_3200.ini",
         "Micron 8Gb DDR4 SDRAM datasheet (MT40A512M16, -062E) IDD values as DRAMsim3 ships them "
         "(configs/DDR4_8Gb_x16_3200.ini)"},
        {"LPDDR4_8Gb_x16_3200", lpddr4_x16_3200(), "LPDDR4-3200, one x16 channel, 8 banks, 6.4 GB/s",
         "JEDEC JESD209-4 (RL 28, WL 14, tRCD/tRPpb 18 ns, tRAS 42 ns, tRRD 10 ns, tFAW 40 ns, tRFCab 280 ns, "
         "tREFI 3.9 us) as DRAMSys's memspec JEDEC_8Gb_LPDDR4-3200_16bit",
         "DRAMSys memspec JEDEC_8Gb_LPDDR4-3200_16bit (VDD1 1.8 V and VDD2 1.1 V currents, folded into one "
         "VDD2-equivalent current)"},
        {"HBM2_8Gb_x64_2000", hbm2_pc_2000(), "HBM2 at 2 Gb/s per pin, one 64-bit pseudo-channel, 16 GB/s",
         "JEDEC JESD235 HBM2 timing as Ramulator 2's HBM2_2000Mbps preset (tRCDRD 14, tRAS 34, tCCD_S/L 2/4, "
         "tFAW 15 ns, tRFC 350 ns, tREFI 3.9 us)",
         "DRAMsim3's HBM2_8Gb_x128.ini currents of a 128-bit channel (no public HBM2 datasheet lists IDD values; "
         "these are estimates)"},
    };
}

}  // namespace

const std::vector<DramPresetInfo>& dram_presets() {
    static const std::vector<DramPresetInfo> presets = make_presets();
    return presets;
}

std::vector<std::string> dram_preset_names() {
    std::vector<std::string> names;
    for (const auto& p : dram_presets()) names.push_back(p.name);
    return names;
}

const DramDevice& dram_preset(const std::string& name) {
    for (const auto& p : dram_presets())
        if (p.name == name) return p.device;
    throw InternalError("no DRAM preset named '" + name + "'");
}

}  // namespace skipsim
