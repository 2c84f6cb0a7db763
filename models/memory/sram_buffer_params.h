#pragma once
// Parameters of an on-chip SRAM buffer.
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim {

struct SramBufferParams {
    std::uint64_t size_bytes = 65536;
    std::uint32_t banks = 8;
    std::uint32_t ports = 1;
    std::uint32_t word_bytes = 8;
    bool double_buffered = true;
    double clock_ghz = 0;  // 0: the platform clock

    template <class V>
    void visit(V& v) {
        v.num("size_bytes", size_bytes, 64, 1ull << 34, "bytes", "capacity");
        v.num("banks", banks, 1, 1024, "banks", "banks accessed in parallel through each port");
        v.num("ports", ports, 1, 16, "ports", "read/write ports");
        v.num("word_bytes", word_bytes, 1, 1024, "bytes", "width of one bank access");
        v.flag("double_buffered", double_buffered, "split into two halves: one fills while the other is used");
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", "SRAM clock; 0 takes the platform clock");
    }
    void validate(const std::string& file, const std::string& ptr) const {
        if (double_buffered && size_bytes % 2)
            throw InputError(file, ptr + "/size_bytes", "expected an even size for a double-buffered SRAM, got " +
                                                            std::to_string(size_bytes));
    }
    std::uint64_t bytes_per_cycle() const { return static_cast<std::uint64_t>(banks) * ports * word_bytes; }
};

}  // namespace skipsim
