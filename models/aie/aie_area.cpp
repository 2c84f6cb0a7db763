#include "aie_area.h"

namespace skipsim {

namespace {
// AIE-ML (AM020): int8 MACs accumulate at 32 bits; a core's data memory has 8 banks, a mem-tile's 16.
constexpr unsigned kAieAccumulatorBits = 32;
constexpr double kAieCoreBanks = 8, kAieMemtileBanks = 16;
}  // namespace

AreaBreakdown aie_area(const AieParams& p, const AreaPricer& price) {
    const double cores = static_cast<double>(p.rows) * p.mesh_cols();
    AreaBreakdown a;
    add_mac_int8(a, price, cores * p.macs_per_cycle, kAieAccumulatorBits, "per MAC of a core's vector unit");
    a.items.push_back(price.item("core data memory bytes (" + std::to_string(p.core_memory_bytes) + " per core, 8 banks)",
                                 cores * p.core_memory_bytes, "sram_byte", p.core_memory_bytes / kAieCoreBanks));
    a.items.push_back(price.item("mem-tile bytes (" + std::to_string(p.memtile_bytes) + " per column, 16 banks)",
                                 static_cast<double>(p.mesh_cols()) * p.memtile_bytes, "sram_byte",
                                 p.memtile_bytes / kAieMemtileBanks));
    a.note = "built from MAC and SRAM entries (no published AIE-ML tile area was found): the mesh in use only "
             "(rows x cols cores, one mem-tile per column), not the rest of the device; the scalar processor, program "
             "memory, vector registers and accumulators, stream switches, DMAs, locks, shim tiles and NoC are not "
             "counted";
    return a;
}

}  // namespace skipsim
