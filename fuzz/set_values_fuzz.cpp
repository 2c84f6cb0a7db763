// --set overrides, one a line, applied to a shipped platform and resolved like the file.
#include <systemc>

#include <fstream>
#include <sstream>
#include <vector>

#include "fuzz_target.h"
#include "platform_spec.h"

int sc_main(int, char*[]) { return 0; }  // libsystemc's main is not used: libFuzzer brings its own

namespace {
const std::string& platform_text() {
    static const std::string text = [] {
        std::ifstream in(std::string(SKIPSIM_SOURCE_DIR) + "/platforms/ws_32x32.json");
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }();
    return text;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return skipsim::fuzz::run_one(data, size, [](const std::string& text) {
        std::vector<std::string> sets;
        std::stringstream ss(text);
        for (std::string line; std::getline(ss, line);) sets.push_back(line);
        skipsim::parse_platform_text(platform_text(), std::string(SKIPSIM_SOURCE_DIR) + "/platforms/ws_32x32.json", sets);
    });
}
