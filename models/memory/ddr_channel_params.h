#pragma once
// Parameters of one DDR channel. Timing in cycles of the channel's own clock (tCK).
// Defaults: DDR4-3200 x64 (MODELS.md section 7): tCK 0.625 ns, CL = tRCD = tRP = 22, BL8,
// 16 banks, 25.6 GB/s peak.
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim {

struct DdrChannelParams {
    std::string model = "ddr4";
    double clock_ghz = 1.6;
    std::uint32_t bus_bytes = 8;
    std::uint32_t burst_length = 8;
    std::uint32_t banks = 16;
    std::uint32_t row_bytes = 8192;
    std::uint32_t tCL = 22, tRCD = 22, tRP = 22;
    double bytes_per_cycle = 10;     // model "ideal"
    std::uint32_t latency_cycles = 0;  // model "ideal"

    template <class V>
    void visit(V& v) {
        v.choice("model", model, {"ddr4", "ideal", "unlimited"},
                 "ddr4: banks, row buffers and a shared data bus; ideal: fixed bandwidth and latency; "
                 "unlimited: transfers take no time");
        v.num("clock_ghz", clock_ghz, 0.01, 100, "GHz", "channel clock (DDR4-3200: 1.6 GHz, tCK 0.625 ns)");
        v.num("bus_bytes", bus_bytes, 1, 128, "bytes", "data bus width (x64 = 8)");
        v.num("burst_length", burst_length, 1, 64, "beats", "beats per burst; two beats per clock");
        v.num("banks", banks, 1, 64, "banks", "banks, each with one open row");
        v.num("row_bytes", row_bytes, 64, 1 << 20, "bytes", "bytes of one row of one bank");
        v.num("tCL", tCL, 0, 1000, "cycles", "column access (read) latency");
        v.num("tRCD", tRCD, 0, 1000, "cycles", "activate to column command");
        v.num("tRP", tRP, 0, 1000, "cycles", "precharge");
        v.num("bytes_per_cycle", bytes_per_cycle, 1e-3, 1e6, "bytes", "ideal model: bytes per channel cycle");
        v.num("latency_cycles", latency_cycles, 0, 1000000, "cycles", "ideal model: latency of every transfer");
    }
    void validate(const std::string& file, const std::string& ptr) const {
        if (burst_length % 2)
            throw InputError(file, ptr + "/burst_length", "expected an even number of beats (two per clock), got " +
                                                              std::to_string(burst_length));
        if (row_bytes % (bus_bytes * burst_length))
            throw InputError(file, ptr + "/row_bytes",
                             "expected a multiple of one burst (bus_bytes x burst_length = " +
                                 std::to_string(bus_bytes * burst_length) + "), got " + std::to_string(row_bytes));
    }
    std::uint32_t burst_bytes() const { return bus_bytes * burst_length; }
};

}  // namespace skipsim
