// NumPy .npy files (weights and masks).
#include "fuzz_target.h"
#include "workloads/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& bytes) { skipsim::parse_npy(bytes, "fuzz.npy"); });
}
