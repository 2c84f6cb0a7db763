#pragma once
// Address mapping as DRAMsim3 names it: a string of six two-letter fields from the most to the
// least significant bits, ro (row), ch (channel), ra (rank), ba (bank in its group), bg (bank
// group), co (column, counted in bursts). The bits below one burst select bytes inside it. One
// channel and one rank are modelled, so ch and ra take no bits; their place in the string is
// kept so that DRAMsim3's strings read the same. Addresses beyond the device wrap around.
#include <cstdint>
#include <string>

namespace skipsim {

struct DramCoord {
    std::uint32_t bank = 0;  // bank_group x banks_per_group + bank in group
    std::uint32_t group = 0;
    std::uint32_t row = 0;
    std::uint32_t col = 0;
};

class DramAddressMap {
public:
    DramAddressMap() = default;
    // Throws std::invalid_argument with a readable reason when the string is malformed.
    DramAddressMap(const std::string& mapping, std::uint32_t bank_groups, std::uint32_t banks_per_group,
                   std::uint32_t rows, std::uint32_t columns);

    // Coordinates of burst number `burst` (byte address / burst bytes).
    DramCoord decode(std::uint64_t burst) const {
        DramCoord c;
        const std::uint32_t bg = field(burst, m_bg), ba = field(burst, m_ba);
        c.group = bg;
        c.bank = bg * m_banks_per_group + ba;
        c.row = field(burst, m_ro);
        c.col = field(burst, m_co);
        return c;
    }

    // Bursts below the column field: consecutive bursts rotate through 2^low_bits banks before
    // the column advances ("period" of a sequential stream).
    std::uint32_t low_bits() const { return m_co.shift; }
    // Bursts that share every bit above the column field: one row in each of the period's banks.
    std::uint64_t rowset_bursts() const { return 1ull << rowset_shift(); }
    std::uint32_t rowset_shift() const { return m_co.shift + m_co.width; }
    // True when, for a fixed bank, increasing addresses never return to an earlier row (the row
    // field lies above the column field), so a sequential stream opens each row once.
    bool row_above_column() const { return m_ro.shift > m_co.shift || m_ro.width == 0; }
    // The bank-field bits that lie above the column field, as a mask over the row-set number
    // (burst / rowset_bursts), and their value for a given bank.
    std::uint64_t rowset_bank_mask() const { return m_rs_bank_mask; }
    std::uint64_t rowset_bank_bits(std::uint32_t group, std::uint32_t bank_in_group) const {
        return (above(group, m_bg) | above(bank_in_group, m_ba));
    }
    // Low bits (burst mod period) of a bank: its bank-field bits below the column field.
    std::uint64_t low_of(std::uint32_t group, std::uint32_t bank_in_group) const {
        return below(group, m_bg) | below(bank_in_group, m_ba);
    }
    const std::string& text() const { return m_text; }

private:
    struct Field {
        std::uint32_t shift = 0, width = 0;
    };
    static std::uint32_t field(std::uint64_t v, const Field& f) {
        return static_cast<std::uint32_t>((v >> f.shift) & ((1ull << f.width) - 1));
    }
    std::uint64_t above(std::uint32_t v, const Field& f) const {
        return f.shift >= m_co.shift + m_co.width ? std::uint64_t(v) << (f.shift - m_co.shift - m_co.width) : 0;
    }
    std::uint64_t below(std::uint32_t v, const Field& f) const {
        return f.shift < m_co.shift ? std::uint64_t(v) << f.shift : 0;
    }
    Field m_ro, m_ba, m_bg, m_co;
    std::uint32_t m_banks_per_group = 1;
    std::uint64_t m_rs_bank_mask = 0;
    std::string m_text;
};

}  // namespace skipsim
