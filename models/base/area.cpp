#include "area.h"

#include "energy.h"
#include "error.h"
#include "strict_object.h"

namespace skipsim {

double AreaBreakdown::um2() const {
    double sum = 0;
    for (const AreaItem& i : items) sum += i.um2();
    return sum;
}

AreaItem AreaPricer::item(std::string what, double count, const std::string& entry, double size_bytes) const {
    AreaItem i;
    i.what = std::move(what);
    i.count = count;
    if (!m_table) {
        i.source = "priced by the energy table's /area/" + m_kind + "/" + entry;
        return i;
    }
    const AreaPrice p = m_table->area(m_kind, entry, size_bytes);
    i.um2_each = p.um2;
    i.source = p.source;
    return i;
}

void add_mac_int8(AreaBreakdown& a, const AreaPricer& price, double count, unsigned accumulator_bits,
                  const std::string& whose) {
    a.items.push_back(price.item("8x8-bit multipliers, one " + whose, count, "multiplier_int8"));
    a.items.push_back(price.item("adder bits of the " + std::to_string(accumulator_bits) + "-bit accumulate adders, one " + whose,
                                 count * accumulator_bits, "adder_bit"));
}

void read_area_section(StrictObject area) {
    for (auto it = area.json().begin(); it != area.json().end(); ++it) {
        StrictObject kind = area.object(it.key());
        for (auto e = kind.json().begin(); e != kind.json().end(); ++e) {
            StrictObject entry = kind.object(e.key());
            const bool has_um2 = entry.has("um2"), has_curve = entry.has("by_size_bytes");
            if (has_um2 == has_curve)
                throw InputError(entry.file(), entry.pointer(), "expected exactly one of 'um2' or 'by_size_bytes'");
            if (has_um2) entry.get_number("um2", 0, 0, 1e12);
            if (has_curve) read_size_curve(entry);
            entry.get_string("per");
            entry.get_string("source");
            entry.finish();
        }
        kind.finish();
    }
    area.finish();
}

AreaPrice EnergyTable::area(const std::string& kind, const std::string& entry, double size_bytes) const {
    if (!m_json.contains("area") || !m_json["area"].contains(kind) || !m_json["area"][kind].contains(entry))
        throw InputError(m_file, "/area/" + kind + "/" + entry,
                         "missing area entry '" + entry + "' of kind '" + kind + "'");
    const OrderedJson& e = m_json["area"][kind][entry];
    AreaPrice p;
    p.um2 = e.contains("um2") ? e["um2"].get<double>() : value_by_size(e["by_size_bytes"], size_bytes);
    p.per = e["per"].get<std::string>();
    p.source = e["source"].get<std::string>();
    return p;
}

}  // namespace skipsim
