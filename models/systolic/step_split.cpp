#include "step_split.h"

#include <algorithm>

namespace skipsim {

namespace {
// A tile of one part (most tiles) is copied whole, without dividing every field by one.
std::uint64_t part_of(std::uint64_t total, std::uint32_t part, std::uint32_t parts) {
    if (parts == 1) return total;
    // Even split; the first (total % parts) parts take one more.
    std::uint64_t base = total / parts, extra = total % parts;
    return base + (part < extra ? 1 : 0);
}
std::uint64_t offset_of(std::uint64_t total, std::uint32_t part, std::uint32_t parts) {
    if (parts == 1) return 0;
    std::uint64_t base = total / parts, extra = total % parts;
    return base * part + std::min<std::uint64_t>(part, extra);
}
std::uint32_t parts_for(Bytes bytes, Bytes cap) {
    if (bytes == 0 || cap == 0) return 1;
    return static_cast<std::uint32_t>(ceil_div(bytes, cap));
}
}  // namespace

std::uint32_t tile_parts(const Tile& t, const BufferCapacities& caps) {
    const std::uint32_t parts = std::max({parts_for(t.ifmap_fill, caps.ifmap), parts_for(t.filter_fill, caps.filter),
                                          parts_for(t.psum_fill, caps.ofmap), parts_for(t.ofmap_drain, caps.ofmap)});
    return static_cast<std::uint32_t>(std::min<Cycles>(parts, std::max<Cycles>(t.compute, 1)));
}

void split_tile(const Tile& t, std::size_t index, const BufferCapacities& caps, std::vector<Step>& steps) {
    const std::uint32_t parts = tile_parts(t, caps);
    for (std::uint32_t k = 0; k < parts; ++k) {
        Step s;
        s.tile = index;
        s.part = k;
        s.parts = parts;
        s.compute = part_of(t.compute, k, parts);
        s.ifmap_fill = part_of(t.ifmap_fill, k, parts);
        s.filter_fill = part_of(t.filter_fill, k, parts);
        s.psum_fill = part_of(t.psum_fill, k, parts);
        s.ofmap_drain = part_of(t.ofmap_drain, k, parts);
        s.ifmap_addr = t.ifmap_addr + offset_of(t.ifmap_fill, k, parts);
        s.filter_addr = t.filter_addr + offset_of(t.filter_fill, k, parts);
        s.ofmap_addr = t.ofmap_addr + offset_of(t.ofmap_drain, k, parts);
        s.ifmap_reads = part_of(t.ifmap_reads, k, parts);
        s.filter_reads = part_of(t.filter_reads, k, parts);
        s.ofmap_writes = part_of(t.ofmap_writes, k, parts);
        s.ofmap_reads = part_of(t.ofmap_reads, k, parts);
        steps.push_back(s);
    }
}

}  // namespace skipsim
