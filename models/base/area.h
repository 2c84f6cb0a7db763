#pragma once
// Area is computed, not counted: each component lists what it is built of (so many multipliers,
// register bits, SRAM bytes), derived from its own parameters, and the energy table's `area`
// section prices each thing in um^2 at 45 nm and names the source of the price.
#include <string>
#include <vector>

namespace skipsim {

class EnergyTable;
class StrictObject;

// One entry of the table's area section: um^2 per unit (`per`: instance, bit, byte, cell...).
struct AreaPrice {
    double um2 = 0;
    std::string per, source;
};

struct AreaItem {
    std::string what;   // what is counted, in the units of the price
    double count = 0;
    double um2_each = 0;
    std::string source;
    double um2() const { return count * um2_each; }
};

struct AreaBreakdown {
    std::vector<AreaItem> items;
    std::string note;   // what the component's area leaves out
    double um2() const;
};

// Prices the items of one component kind. Without a table (`skipsim describe`), prices are 0 and
// the source names the entry that would price the item.
class AreaPricer {
public:
    AreaPricer(const EnergyTable* table, std::string kind) : m_table(table), m_kind(std::move(kind)) {}
    // `count` units of entry `entry`; `size_bytes` picks a point on a curve over capacity (SRAM).
    AreaItem item(std::string what, double count, const std::string& entry, double size_bytes = 0) const;

private:
    const EnergyTable* m_table;
    std::string m_kind;
};

// An 8-bit MAC: `count` 8x8-bit multipliers and as many `accumulator_bits`-bit adders, priced by
// the kind's `multiplier_int8` and `adder_bit` entries; `whose` says where they sit ("per PE").
void add_mac_int8(AreaBreakdown& a, const AreaPricer& price, double count, unsigned accumulator_bits,
                  const std::string& whose);

// Checks the table's `area` section strictly: kinds, entries of {"um2" | "by_size_bytes", "per",
// "source"}, nothing else.
void read_area_section(StrictObject area);

}  // namespace skipsim
