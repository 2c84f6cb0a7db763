#include "dram_address_map.h"

#include <map>
#include <stdexcept>

namespace skipsim {

namespace {

std::uint32_t log2_exact(std::uint32_t v, const char* what) {
    std::uint32_t b = 0;
    while ((1u << b) < v) ++b;
    if ((1u << b) != v) throw std::invalid_argument(std::string(what) + " must be a power of two");
    return b;
}

}  // namespace

DramAddressMap::DramAddressMap(const std::string& mapping, std::uint32_t bank_groups, std::uint32_t banks_per_group,
                               std::uint32_t rows, std::uint32_t columns)
    : m_banks_per_group(banks_per_group), m_text(mapping) {
    const std::map<std::string, std::uint32_t> widths = {
        {"ro", log2_exact(rows, "rows")},
        {"ch", 0},
        {"ra", 0},
        {"ba", log2_exact(banks_per_group, "banks per bank group")},
        {"bg", log2_exact(bank_groups, "bank_groups")},
        {"co", log2_exact(columns, "bursts per row (row_bytes / burst bytes)")}};
    if (mapping.size() != 12)
        throw std::invalid_argument("expected six two-letter fields (ro, ch, ra, ba, bg, co in any order), got '" +
                                    mapping + "'");
    std::map<std::string, Field> fields;
    std::uint32_t shift = 0;
    for (int i = 10; i >= 0; i -= 2) {  // least significant field last in the string
        const std::string f = mapping.substr(static_cast<std::size_t>(i), 2);
        auto w = widths.find(f);
        if (w == widths.end())
            throw std::invalid_argument("unknown field '" + f + "' in '" + mapping +
                                        "' (expected ro, ch, ra, ba, bg and co)");
        if (fields.count(f)) throw std::invalid_argument("field '" + f + "' appears twice in '" + mapping + "'");
        fields[f] = Field{shift, w->second};
        shift += w->second;
    }
    m_ro = fields["ro"];
    m_ba = fields["ba"];
    m_bg = fields["bg"];
    m_co = fields["co"];
    m_rs_bank_mask = above((1u << m_bg.width) - 1, m_bg) | above((1u << m_ba.width) - 1, m_ba);
}

}  // namespace skipsim
