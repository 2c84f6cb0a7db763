#include "platform_area.h"

namespace skipsim {

double PlatformArea::total_um2() const {
    double sum = 0;
    for (const ComponentArea& c : components) sum += c.area.um2();
    return sum;
}

PlatformArea platform_area(const std::vector<std::unique_ptr<Component>>& components) {
    PlatformArea a;
    for (const auto& c : components) a.components.push_back({c->path(), c->area()});
    return a;
}

OrderedJson area_json(const PlatformArea& a) {
    OrderedJson j;
    j["total_mm2"] = a.total_mm2();
    j["components"] = OrderedJson::object();
    for (const ComponentArea& c : a.components) {
        OrderedJson items = OrderedJson::array();
        for (const AreaItem& i : c.area.items)
            items.push_back({{"what", i.what}, {"count", i.count}, {"um2_each", i.um2_each}, {"um2", i.um2()},
                             {"source", i.source}});
        j["components"][c.path] = {{"um2", c.area.um2()}, {"items", items}, {"note", c.area.note}};
    }
    j["note"] = "45 nm; DDR PHY not included";
    return j;
}

}  // namespace skipsim
