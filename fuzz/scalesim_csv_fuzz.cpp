// SCALE-Sim topology CSV, both forms (the first byte picks which).
#include "fuzz_target.h"
#include "workloads/formats/scalesim_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const bool gemm = size > 0 && (data[0] & 1);
    return skipsim::fuzz::run_one(data, size, [gemm](const std::string& text) {
        skipsim::parse_scalesim_csv(text, "fuzz.csv", gemm, [](const std::string&) {});
    });
}
