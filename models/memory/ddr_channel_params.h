#pragma once
// Parameters of one DRAM channel. Timing in cycles of the channel's own clock (tCK); currents in
// mA. A preset (dram_presets.h) fills the device's geometry, timing and currents; any parameter
// given next to it wins over the preset's value, and resolved_config.json shows the final values.
#include <cstdint>
#include <string>
#include <type_traits>

#include "base/error.h"
#include "base/params.h"
#include "dram_presets.h"

namespace skipsim {

struct DdrChannelParams {
    std::string model = "dram";
    std::string preset = "DDR4_8Gb_x8_3200";
    DramDevice dev;  // the preset's values unless given explicitly
    std::string page_policy = "open";
    std::string mapping = "rochrabacobg";
    std::uint32_t queue_depth = 8;
    std::uint32_t transaction_queue_depth = 32;
    std::uint32_t write_queue_depth = 32;
    double write_high_watermark = 0.8, write_low_watermark = 0.2;
    double bytes_per_cycle = 10;       // model "ideal"
    std::uint32_t latency_cycles = 0;  // model "ideal"

    template <class V>
    void visit(V& v) {
        v.choice("model", model, {"dram", "ddr4", "ideal", "unlimited"},
                 "dram (or its older name ddr4): JEDEC timing of banks, bank groups, refresh and an FR-FCFS "
                 "controller; ideal: fixed bandwidth and latency; unlimited: transfers take no time");
        v.choice("preset", preset, dram_preset_names(),
                 "the device: geometry, timing and currents (models/memory/README.md names each source); "
                 "parameters given next to it win");
        // The preset fills the defaults of everything below before the platform's values are read.
        if constexpr (std::is_same_v<V, ParamReadVisitor>) dev = dram_preset(preset);
        dev.visit(v);
        v.choice("page_policy", page_policy, {"open", "closed"},
                 "open: a row stays open until another row of its bank is needed; closed: every access "
                 "precharges its bank (auto-precharge)");
        v.text("mapping", mapping,
               "address bits from most to least significant, six two-letter fields: ro row, ch channel, ra rank, "
               "ba bank, bg bank group, co column (in bursts)");
        v.num("queue_depth", queue_depth, 1, 256, "bursts", "read queue of each bank, which the scheduler sees (FR-FCFS)");
        v.num("transaction_queue_depth", transaction_queue_depth, 1, 4096, "bursts",
              "reads waiting, oldest first, for room in their bank's queue; a stream stalls when it is full");
        v.num("write_queue_depth", write_queue_depth, 1, 4096, "bursts", "write queue of the channel");
        v.num("write_high_watermark", write_high_watermark, 0, 1, "fraction",
              "the controller turns to writes when the write queue holds this share of write_queue_depth");
        v.num("write_low_watermark", write_low_watermark, 0, 1, "fraction",
              "and back to reads once it has drained down to this share");
        v.num("bytes_per_cycle", bytes_per_cycle, 1e-3, 1e6, "bytes", "ideal model: bytes per channel cycle");
        v.num("latency_cycles", latency_cycles, 0, 1000000, "cycles", "ideal model: latency of every transfer");
    }
    void validate(const std::string& file, const std::string& ptr) const;

    bool timed_dram() const { return model == "dram" || model == "ddr4"; }
    std::uint32_t burst_bytes() const { return dev.burst_bytes(); }
};

}  // namespace skipsim
