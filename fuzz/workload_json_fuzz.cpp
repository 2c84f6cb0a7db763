// Native workload JSON: parse, validate every layer, and build each layer's keep-mask when the
// layer is small (pruning patterns run on the loaded weights).
#include "fuzz_target.h"
#include "workloads/formats/workload_json.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& text) {
        const skipsim::Network net = skipsim::parse_workload_json(skipsim::parse_json_text(text, "fuzz.json"), "fuzz.json");
        for (const skipsim::Layer& l : net.layers)
            if (l.weight_count() <= (1u << 16)) skipsim::materialize_mask(l, skipsim::layer_weights(l));
    });
}
