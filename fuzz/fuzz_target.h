#pragma once
// What every fuzz target shares: an input that a loader refuses with an InputError (exit 2) is a
// correct outcome; anything else escaping a loader (another exception, a sanitizer report, a
// crash) is a finding libFuzzer stops on.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim::fuzz {

template <class Load>
int run_one(const std::uint8_t* data, std::size_t size, Load load) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        load(text);
    } catch (const InputError&) {
        // Refused with a located message: what bad input must get.
    }
    return 0;
}

}  // namespace skipsim::fuzz
