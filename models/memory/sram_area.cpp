#include "sram_area.h"

namespace skipsim {

AreaBreakdown sram_area(const SramBufferParams& p, const AreaPricer& price) {
    const double bank_bytes = static_cast<double>(p.size_bytes) / p.banks;
    AreaBreakdown a;
    a.items.push_back(price.item("SRAM bytes in " + std::to_string(p.banks) + " banks", static_cast<double>(p.size_bytes),
                                 "sram_byte", bank_bytes));
    a.note = "size_bytes is the whole capacity: a double-buffered SRAM's two halves are in it; priced at the density "
             "of one bank; ports beyond the first are not counted";
    return a;
}

}  // namespace skipsim
