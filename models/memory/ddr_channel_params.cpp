#include "ddr_channel_params.h"

#include <stdexcept>

#include "dram_address_map.h"

namespace skipsim {

namespace {

bool power_of_two(std::uint64_t v) { return v && !(v & (v - 1)); }

}  // namespace

void DdrChannelParams::validate(const std::string& file, const std::string& ptr) const {
    auto fail = [&](const std::string& param, const std::string& expected) {
        throw InputError(file, ptr + "/" + param, expected);
    };
    const DramDevice& d = dev;
    if (d.burst_length % 2) fail("burst_length", "expected an even number of beats (two per clock), got " +
                                                     std::to_string(d.burst_length));
    if (d.row_bytes % d.burst_bytes())
        fail("row_bytes", "expected a multiple of one burst (bus_bytes x burst_length = " +
                              std::to_string(d.burst_bytes()) + "), got " + std::to_string(d.row_bytes));
    if (!timed_dram()) return;  // the ideal and unlimited models use none of what follows
    if (d.banks % d.bank_groups)
        fail("banks", "expected a multiple of bank_groups (" + std::to_string(d.bank_groups) + "), got " +
                          std::to_string(d.banks));
    if (!power_of_two(d.bank_groups) || !power_of_two(d.banks) || !power_of_two(d.rows) ||
        !power_of_two(d.row_bytes / d.burst_bytes()))
        fail(!power_of_two(d.bank_groups) ? "bank_groups" : !power_of_two(d.banks) ? "banks"
             : !power_of_two(d.rows)      ? "rows"
                                          : "row_bytes",
             "expected powers of two for bank_groups, banks, rows and bursts per row (the address map cuts "
             "addresses into bit fields)");
    if (d.tRC < d.tRAS) fail("tRC", "expected at least tRAS (" + std::to_string(d.tRAS) + ")");
    if (d.tCCD_L < d.tCCD_S) fail("tCCD_L", "expected at least tCCD_S (" + std::to_string(d.tCCD_S) + ")");
    if (d.tRRD_L < d.tRRD_S) fail("tRRD_L", "expected at least tRRD_S (" + std::to_string(d.tRRD_S) + ")");
    if (d.tWTR_L < d.tWTR_S) fail("tWTR_L", "expected at least tWTR_S (" + std::to_string(d.tWTR_S) + ")");
    if (d.tREFI <= d.tRFC) fail("tREFI", "expected more than tRFC (" + std::to_string(d.tRFC) + ")");
    if (d.idd3n < d.idd2n) fail("idd3n", "expected at least idd2n (active standby draws more than precharged)");
    for (const auto& [name, value] : {std::pair{"idd4r", d.idd4r}, {"idd4w", d.idd4w}, {"idd5b", d.idd5b}})
        if (value < d.idd3n) fail(name, "expected at least idd3n (" + format_number(d.idd3n) + " mA)");
    if (d.idd0 * d.tRC < d.idd3n * d.tRAS + d.idd2n * (double(d.tRC) - d.tRAS))
        fail("idd0", "expected idd0 x tRC >= idd3n x tRAS + idd2n x (tRC - tRAS): an activation cannot cost less "
                     "than standing by");
    if (write_low_watermark >= write_high_watermark)
        fail("write_low_watermark", "expected less than write_high_watermark (" + format_number(write_high_watermark) +
                                        ")");
    try {
        DramAddressMap(mapping, d.bank_groups, d.banks_per_group(), d.rows, d.row_bytes / d.burst_bytes());
    } catch (const std::invalid_argument& e) {
        fail("mapping", e.what());
    }
}

}  // namespace skipsim
