// An SRAM buffer's area: its capacity at the density of one bank.
#include <gtest/gtest.h>

#include "../area_table.h"
#include "memory/sram_area.h"

namespace skipsim {
namespace {

using namespace test;

TEST(SramArea, CapacityAtTheDensityOfOneBank) {
    SramBufferParams p;  // 64 kB in 8 banks of 8 kB
    const AreaPricer price(&shipped_area_table(), "sram_buffer");
    EXPECT_NEAR(sram_area(p, price).um2(), 65536 * 3.589, 1e-6);  // CACTI 7.0, 45 nm, 8 kB
    p.banks = 2;  // 32 kB banks: denser
    EXPECT_NEAR(sram_area(p, price).um2(), 65536 * 3.242, 1e-6);
    p.double_buffered = false;  // the halves are in size_bytes either way
    EXPECT_NEAR(sram_area(p, price).um2(), 65536 * 3.242, 1e-6);
    p.size_bytes = 131072;
    EXPECT_GT(sram_area(p, price).um2(), 65536 * 3.242);
}

}  // namespace
}  // namespace skipsim
