// Energy tables: read strictly, then priced as models price their events and their area (curves
// included).
#include "base/energy.h"
#include "fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& text) {
        const skipsim::EnergyTable t = skipsim::EnergyTable::from_json(skipsim::parse_json_text(text, "fuzz.json"), "fuzz.json");
        for (const char* kind : {"sram_buffer", "ddr_channel", "systolic_array"})
            for (const char* event : {"access_64b", "burst_row_hit", "mac_int8"})
                for (double size_bytes : {0.0, 1.0, 65536.0, 1e12}) {
                    try {
                        t.lookup(kind, event, size_bytes);
                    } catch (const skipsim::InputError&) {
                    }
                }
        for (const char* kind : {"sram_buffer", "systolic_array"})
            for (const char* entry : {"sram_byte", "multiplier_int8"})
                for (double size_bytes : {0.0, 1.0, 65536.0, 1e12}) {
                    try {
                        t.area(kind, entry, size_bytes);
                    } catch (const skipsim::InputError&) {
                    }
                }
    });
}
