// Distiller pruning schedules (YAML).
#include "fuzz_target.h"
#include "workloads/distiller_schedule.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size,
                                  [](const std::string& text) { skipsim::parse_distiller_schedule(text, "fuzz.yaml"); });
}
