#include "study_budget.h"

#include <filesystem>

#include "base/error.h"
#include "base/json_source.h"
#include "base/strict_object.h"
#include "workloads/study_pruning.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBudgetSchema = "skipsim.budget/1";

std::vector<std::string> budget_strings(StrictObject& o, const std::string& key, bool dotted) {
    std::vector<std::string> v;
    const OrderedJson* list = o.optional(key);
    if (!list) return v;
    if (!list->is_array()) throw InputError(o.file(), o.where(key), "expected an array of strings");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = o.where(key) + "/" + std::to_string(i);
        const std::string s = json_to_string((*list)[i], o.file(), where);
        const std::string path = dotted && !s.empty() && s[0] == '/' ? s.substr(1) : s;
        if (dotted && (path.find('.') == std::string::npos || path.front() == '.' || path.back() == '.'))
            throw InputError(o.file(), where, "expected component.param (or /component.param for one the peak falls with), got " + name_text(s));
        v.push_back(s);
    }
    return v;
}

std::string existing_file(StrictObject& o, const std::string& key) {
    const std::string given = o.get_string(key);
    const std::string path = (fs::path(o.file()).parent_path() / given).lexically_normal().string();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw InputError(o.file(), o.where(key), "expected an existing file, got " + name_text(given));
    return path;
}

StudyFamily read_family(StrictObject o) {
    StudyFamily f;
    f.pointer = o.pointer();
    f.name = o.get_string("name");
    if (f.name.empty() || f.name.find_first_of("/ \t") != std::string::npos)
        throw InputError(o.file(), o.where("name"), "expected a family name without spaces or '/'");
    f.platform = existing_file(o, "platform");
    f.pruning = o.get_string("pruning");
    if (!StudyPruningRegistry::instance().find(f.pruning)) {
        const auto names = StudyPruningRegistry::instance().names();
        throw InputError(o.file(), o.where("pruning"), "expected one of " + or_list(names) + ", got " + name_text(f.pruning));
    }
    f.scale = budget_strings(o, "scale", true);
    if (f.scale.empty()) throw InputError(o.file(), o.where("scale"), "expected the parameters that scale the family's peak");
    f.sram = budget_strings(o, "sram", false);
    f.set = budget_strings(o, "set", false);
    for (std::size_t i = 0; i < f.set.size(); ++i)
        if (f.set[i].find('=') == std::string::npos)
            throw InputError(o.file(), o.where("set") + "/" + std::to_string(i), "expected component.param=value, got " + name_text(f.set[i]));
    f.combine_param = o.get_string("combine_param", "");
    if (!f.combine_param.empty() && f.combine_param.find('.') == std::string::npos)
        throw InputError(o.file(), o.where("combine_param"), "expected component.param, got " + name_text(f.combine_param));
    f.note = o.get_string("note", "");
    o.finish();
    return f;
}

}  // namespace

const StudyFamily* StudyBudget::find(const std::string& family) const {
    for (const auto& f : families)
        if (f.name == family) return &f;
    return nullptr;
}

StudyBudget load_budget(const std::string& path) {
    const OrderedJson root = read_json_file(path);
    StrictObject o(root, path, "");
    StudyBudget b;
    b.file = path;
    if (o.get_string("schema") != kBudgetSchema)
        throw InputError(path, "/schema", std::string("expected \"") + kBudgetSchema + "\"");
    b.name = o.get_string("name");
    b.description = o.get_string("description", "");
    b.peak_macs_per_cycle = static_cast<std::uint64_t>(o.get_int("peak_macs_per_cycle", 1, 1 << 24));
    b.clock_ghz = o.get_number("clock_ghz", 1.0, 1e-3, 100);
    b.sram_bytes = static_cast<std::uint64_t>(o.get_int("sram_bytes", 1024, std::int64_t{1} << 40));
    b.area_mm2 = o.get_number("area_mm2", 0, 0, 1e6);
    b.energy_table = existing_file(o, "energy_table");
    b.baseline = o.get_string("baseline");
    const OrderedJson& fams = o.require("families");
    if (!fams.is_array() || fams.empty()) throw InputError(path, "/families", "expected a non-empty array of families");
    for (std::size_t i = 0; i < fams.size(); ++i) {
        const std::string where = "/families/" + std::to_string(i);
        if (!fams[i].is_object()) throw InputError(path, where, "expected an object");
        b.families.push_back(read_family(StrictObject(fams[i], path, where)));
        for (std::size_t j = 0; j + 1 < b.families.size(); ++j)
            if (b.families[j].name == b.families.back().name)
                throw InputError(path, where + "/name", "expected a family name used once, '" + b.families.back().name + "' is used twice");
    }
    o.finish();
    if (!b.find(b.baseline)) throw InputError(path, "/baseline", "expected the name of one of the families, got " + name_text(b.baseline));
    return b;
}

}  // namespace skipsim
