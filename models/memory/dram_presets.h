#pragma once
// A DRAM device as the channel model sees it: geometry, JEDEC timing (cycles of the channel
// clock) and IDD currents (mA, per device). Presets name real devices; dram_presets.cpp gives
// the source of every value.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

struct DramDevice {
    // Geometry of one rank on the channel. The defaults are DDR4_8Gb_x8_3200.
    double clock_ghz = 1.6;
    std::uint32_t bus_bytes = 8;       // channel width (x64 = 8)
    std::uint32_t burst_length = 8;    // beats; two per clock
    std::uint32_t bank_groups = 4;
    std::uint32_t banks = 16;          // in all bank groups together
    std::uint32_t row_bytes = 8192;    // one row of one bank across the rank's devices
    std::uint32_t rows = 65536;        // per bank
    std::uint32_t device_width = 8;    // bits of one device; devices per rank = bus bits / width
    // Timing.
    std::uint32_t tCL = 22, tCWL = 16, tRCD = 22, tRP = 22, tRAS = 52, tRC = 74;
    std::uint32_t tCCD_S = 4, tCCD_L = 8, tRRD_S = 4, tRRD_L = 8, tFAW = 34;
    std::uint32_t tWR = 24, tWTR_S = 4, tWTR_L = 12, tRTP = 12;
    std::uint32_t tREFI = 12480, tRFC = 560;
    // Currents of one device (mA) at vdd (V).
    double vdd = 1.2, idd0 = 57, idd2n = 37, idd3n = 52, idd4r = 168, idd4w = 150, idd5b = 250;

    template <class V>
    void visit(V& v) {
        v.num("clock_ghz", clock_ghz, 0.01, 100, "GHz", "channel clock (DDR4-3200: 1.6 GHz, tCK 0.625 ns)");
        v.num("bus_bytes", bus_bytes, 1, 128, "bytes", "data bus width (x64 = 8)");
        v.num("burst_length", burst_length, 2, 64, "beats", "beats per burst; two beats per clock");
        v.num("bank_groups", bank_groups, 1, 16, "groups", "bank groups (tCCD_L, tRRD_L, tWTR_L apply within one)");
        v.num("banks", banks, 1, 256, "banks", "banks in all bank groups together, each with one open row");
        v.num("row_bytes", row_bytes, 32, 1 << 20, "bytes", "one row of one bank across the rank's devices");
        v.num("rows", rows, 1, 1 << 24, "rows", "rows per bank");
        v.num("device_width", device_width, 4, 1024, "bits", "data bits of one device (devices = bus bits / width)");
        v.num("tCL", tCL, 1, 1000, "cycles", "read command to first data");
        v.num("tCWL", tCWL, 1, 1000, "cycles", "write command to first data");
        v.num("tRCD", tRCD, 1, 1000, "cycles", "activate to read or write");
        v.num("tRP", tRP, 1, 1000, "cycles", "precharge to activate");
        v.num("tRAS", tRAS, 1, 1000, "cycles", "activate to precharge");
        v.num("tRC", tRC, 1, 2000, "cycles", "activate to activate, same bank");
        v.num("tCCD_S", tCCD_S, 1, 100, "cycles", "column command to column command, other bank group");
        v.num("tCCD_L", tCCD_L, 1, 100, "cycles", "column command to column command, same bank group");
        v.num("tRRD_S", tRRD_S, 1, 100, "cycles", "activate to activate, other bank group");
        v.num("tRRD_L", tRRD_L, 1, 100, "cycles", "activate to activate, same bank group");
        v.num("tFAW", tFAW, 1, 1000, "cycles", "window holding at most four activates");
        v.num("tWR", tWR, 1, 1000, "cycles", "end of write data to precharge (write recovery)");
        v.num("tWTR_S", tWTR_S, 1, 100, "cycles", "end of write data to read, other bank group");
        v.num("tWTR_L", tWTR_L, 1, 100, "cycles", "end of write data to read, same bank group");
        v.num("tRTP", tRTP, 1, 100, "cycles", "read to precharge");
        v.num("tREFI", tREFI, 1, 1 << 24, "cycles", "refresh interval (one all-bank refresh each)");
        v.num("tRFC", tRFC, 1, 100000, "cycles", "refresh cycle time (by device density)");
        v.num("vdd", vdd, 0.1, 5, "V", "supply of the currents below");
        v.num("idd0", idd0, 0, 10000, "mA", "one bank activate-precharge current");
        v.num("idd2n", idd2n, 0, 10000, "mA", "precharge standby current");
        v.num("idd3n", idd3n, 0, 10000, "mA", "active standby current");
        v.num("idd4r", idd4r, 0, 10000, "mA", "burst read current");
        v.num("idd4w", idd4w, 0, 10000, "mA", "burst write current");
        v.num("idd5b", idd5b, 0, 10000, "mA", "burst (all-bank) refresh current");
    }

    std::uint32_t burst_bytes() const { return bus_bytes * burst_length; }
    std::uint32_t burst_cycles() const { return burst_length / 2; }
    std::uint32_t banks_per_group() const { return banks / bank_groups; }
    double devices() const { return bus_bytes * 8.0 / device_width; }
    double tck_ns() const { return 1.0 / clock_ghz; }
    std::uint64_t capacity_bytes() const { return std::uint64_t(row_bytes) * rows * banks; }
};

struct DramPresetInfo {
    std::string name;
    DramDevice device;
    std::string summary, timing_source, current_source;
};

const std::vector<DramPresetInfo>& dram_presets();
std::vector<std::string> dram_preset_names();
// The device of a preset by name (an internal error for an unknown name: the params reader
// checks names first).
const DramDevice& dram_preset(const std::string& name);

}  // namespace skipsim
