#include "describe_command.h"

#include <cstdio>

#include "base/error.h"
#include "base/kind_info.h"

namespace skipsim {

namespace {

// A component of `info`'s kind with default parameters, built only to read what it declares.
std::unique_ptr<Component> specimen(const KindInfo& info) {
    static BuildContext ctx;
    return info.create("describe_" + info.name, info.resolve(OrderedJson::object(), "", ""), ctx);
}

}  // namespace

int describe_command(const std::string& kind, std::ostream& out) {
    const KindRegistry& reg = KindRegistry::instance();
    if (kind.empty()) {
        out << "Registered component kinds (skipsim describe KIND for details):\n";
        for (const auto& [name, info] : reg.entries()) {
            char line[512];
            std::snprintf(line, sizeof line, "  %-16s %-10s %-12s %s\n", name.c_str(), info.family.c_str(),
                          to_string(info.role), info.summary.c_str());
            out << line;
        }
        return 0;
    }
    const KindInfo* info = reg.find(kind);
    if (!info) {
        std::string hint = did_you_mean(kind, reg.names());
        throw InputError("skipsim describe", kind,
                         "unknown component kind" + (hint.empty() ? std::string() : " (did you mean '" + hint + "'?)") +
                             "; `skipsim describe` lists the kinds");
    }
    out << info->name << " (" << info->family << ", role " << to_string(info->role) << ")\n  " << info->summary
        << "\n\nParameters:\n";
    char line[1024];
    std::snprintf(line, sizeof line, "  %-20s %-8s %-12s %-8s %-22s %s\n", "name", "type", "default", "unit", "allowed", "meaning");
    out << line;
    for (const auto& p : info->params) {
        std::snprintf(line, sizeof line, "  %-20s %-8s %-12s %-8s %-22s %s\n", p.name.c_str(), p.type.c_str(),
                      p.default_value.c_str(), p.unit.c_str(), p.limits.c_str(), p.doc.c_str());
        out << line;
    }
    const std::unique_ptr<Component> c = specimen(*info);
    auto list = [&](const char* title, const std::vector<NamedDoc>& items) {
        out << "\n" << title << ":\n";
        for (const auto& i : items) {
            std::snprintf(line, sizeof line, "  %-20s %s\n", i.name.c_str(), i.doc.c_str());
            out << line;
        }
    };
    list("Sockets", c->socket_docs());
    out << "\nStats:\n";
    for (const auto& s : c->stat_docs()) {
        std::snprintf(line, sizeof line, "  %-20s %-12s %s\n", s.name.c_str(), s.unit.c_str(), s.doc.c_str());
        out << line;
    }
    list("Energy events", c->energy_docs());
    // Counts only: the prices come from the energy table a platform names.
    const AreaBreakdown area = c->area();
    out << "\nArea at default parameters (um^2 each from the platform's energy table, section area/" << info->name
        << "):\n";
    for (const AreaItem& i : area.items) {
        std::snprintf(line, sizeof line, "  %14.0f  %s\n", i.count, i.what.c_str());
        out << line;
    }
    if (!area.note.empty()) out << "  note: " << area.note << "\n";
    return 0;
}

}  // namespace skipsim
