// Platform JSON: read strictly, every component's parameters resolved through the registry, then
// the components built and bound as the platform says (every check before SystemC elaboration).
#include <systemc>

#include "fuzz_target.h"
#include "platform_spec.h"
#include "platform_top.h"

int sc_main(int, char*[]) { return 0; }  // libsystemc's main is not used: libFuzzer brings its own

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& text) {
        const skipsim::PlatformSpec spec = skipsim::parse_platform_text(text, "platforms/fuzz.json", {});
        skipsim::BuildContext ctx;
        ctx.params = &spec.origins;
        skipsim::PlatformTop top("top", spec, ctx);
    });
}
