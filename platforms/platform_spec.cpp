#include "platform_spec.h"

#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "base/kind_info.h"
#include "base/strict_object.h"

namespace skipsim {

namespace fs = std::filesystem;

const ComponentSpec* PlatformSpec::find(const std::string& n) const {
    for (const auto& c : components)
        if (c.name == n) return &c;
    return nullptr;
}

OrderedJson PlatformSpec::to_json() const {
    OrderedJson j;
    j["file"] = file;
    j["name"] = name;
    j["clock_ghz"] = clock_ghz;
    j["energy_table"] = energy_table;
    j["accelerator"] = accelerator;
    j["components"] = OrderedJson::array();
    for (const auto& c : components)
        j["components"].push_back({{"name", c.name}, {"kind", c.kind}, {"params", c.params}});
    j["bindings"] = OrderedJson::array();
    for (const auto& b : bindings)
        j["bindings"].push_back({{"from", b.from_component + "." + b.from_socket},
                                 {"to", b.to_component + "." + b.to_socket}});
    j["overrides"] = overrides;
    return j;
}

namespace {

bool valid_identifier(const std::string& s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
    return true;
}

std::pair<std::string, std::string> split_endpoint(const std::string& text, const std::string& file,
                                                   const std::string& ptr) {
    auto dot = text.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == text.size() || text.find('.', dot + 1) != std::string::npos)
        throw InputError(file, ptr, "expected 'component.socket', got " + name_text(text));
    return {text.substr(0, dot), text.substr(dot + 1)};
}

OrderedJson parse_override_value(const std::string& v, const std::string& src) {
    // A bare word is a string without asking the parser (a sweep parses the values of every
    // point, and a failed parse builds an exception's message even when it does not throw).
    const std::size_t first = v.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return OrderedJson(v);
    if (std::isalpha(static_cast<unsigned char>(v[first]))) {
        const std::size_t last = v.find_last_not_of(" \t\r\n");
        const std::string word = v.substr(first, last - first + 1);
        if (word != "true" && word != "false" && word != "null") return OrderedJson(v);
    }
    try {
        return OrderedJson::parse(v);
    } catch (const nlohmann::json::parse_error&) {
        return OrderedJson(v);  // bare words are strings: --set array.dataflow=os
    } catch (const nlohmann::json::out_of_range&) {
        throw InputError(src, "", "expected a number within the range of a double, got " + quote_text(v));
    }
}

struct Override {
    std::string text, pointer;
    std::string component, param;  // empty for top-level keys
};

// Applies --set overrides to the raw JSON and returns which pointer each one changed.
std::vector<Override> apply_overrides(OrderedJson& root, const std::vector<std::string>& overrides) {
    std::vector<Override> applied;
    for (const auto& o : overrides) {
        const std::string src = "--set " + o;
        auto eq = o.find('=');
        if (eq == std::string::npos || eq == 0)
            throw InputError(src, "", "expected key=value, e.g. --set array.rows=64");
        std::string key = o.substr(0, eq), value = o.substr(eq + 1);
        auto dot = key.find('.');
        if (dot == std::string::npos) {
            if (key != "clock_ghz" && key != "energy_table")
                throw InputError(src, "", "unknown top-level parameter '" + key +
                                              "' (expected clock_ghz, energy_table or component.param)");
            root[key] = parse_override_value(value, src);
            applied.push_back({src, "/" + key, "", ""});
            continue;
        }
        std::string comp = key.substr(0, dot), param = key.substr(dot + 1);
        if (!root.contains("components") || !root["components"].is_array())
            throw InputError(src, "", "the platform has no components");
        std::vector<std::string> names;
        bool found = false;
        for (std::size_t i = 0; i < root["components"].size(); ++i) {
            auto& c = root["components"][i];
            if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
            names.push_back(c["name"].get<std::string>());
            if (c["name"] == comp) {
                if (!c.contains("params")) c["params"] = OrderedJson::object();
                if (!c["params"].is_object()) break;
                c["params"][param] = parse_override_value(value, src);
                applied.push_back({src, "/components/" + std::to_string(i) + "/params/" + param, comp, param});
                found = true;
                break;
            }
        }
        if (!found) {
            std::string hint = did_you_mean(comp, names);
            throw InputError(src, "", "no component named '" + comp + "'" +
                                          (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
    }
    return applied;
}

PlatformSpec parse_platform(const OrderedJson& root, const std::string& path) {
    PlatformSpec spec;
    spec.file = path;
    StrictObject top(root, path, "");
    const std::string schema = top.get_string("schema");
    if (schema != "skipsim.platform/1")
        throw InputError(path, "/schema", "expected 'skipsim.platform/1', got " + name_text(schema));
    spec.name = top.get_string("name");
    spec.description = top.get_string("description", "");
    spec.clock_ghz = top.get_number("clock_ghz", 1.0, 1e-3, 100);
    const std::string table = top.get_string("energy_table");
    spec.energy_table = (fs::path(path).parent_path() / table).lexically_normal().string();
    spec.accelerator = top.get_string("accelerator");

    const OrderedJson& comps = top.require("components");
    if (!comps.is_array() || comps.empty())
        throw InputError(path, "/components", "expected a non-empty array of components");
    std::set<std::string> names;
    for (std::size_t i = 0; i < comps.size(); ++i) {
        const std::string ptr = pointer_join("/components", i);
        StrictObject c(comps[i], path, ptr);
        ComponentSpec cs;
        cs.pointer = ptr;
        cs.name = c.get_string("name");
        if (!valid_identifier(cs.name))
            throw InputError(path, ptr + "/name", "expected an identifier (letters, digits, _), got " + name_text(cs.name));
        if (!names.insert(cs.name).second)
            throw InputError(path, ptr + "/name", "duplicate component name '" + cs.name + "'");
        cs.kind = c.get_string("kind");
        const KindInfo* info = KindRegistry::instance().find(cs.kind);
        if (!info) {
            std::string hint = did_you_mean(cs.kind, KindRegistry::instance().names());
            throw InputError(path, ptr + "/kind", "unknown component kind '" + cs.kind + "'" +
                                                      (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                                      "; `skipsim describe` lists the kinds");
        }
        const OrderedJson* params = c.optional("params");
        cs.params = info->resolve(params ? *params : OrderedJson::object(), path, ptr + "/params");
        spec.origins.set_component(cs.name, path, ptr + "/params");
        c.finish();
        spec.components.push_back(std::move(cs));
    }
    if (!spec.find(spec.accelerator))
        throw InputError(path, "/accelerator", "no component named '" + spec.accelerator + "'");

    const OrderedJson& binds = top.require("bindings");
    if (!binds.is_array()) throw InputError(path, "/bindings", "expected an array of {from, to} objects");
    for (std::size_t i = 0; i < binds.size(); ++i) {
        const std::string ptr = pointer_join("/bindings", i);
        StrictObject b(binds[i], path, ptr);
        BindingSpec bs;
        bs.pointer = ptr;
        std::tie(bs.from_component, bs.from_socket) = split_endpoint(b.get_string("from"), path, ptr + "/from");
        std::tie(bs.to_component, bs.to_socket) = split_endpoint(b.get_string("to"), path, ptr + "/to");
        if (!spec.find(bs.from_component))
            throw InputError(path, ptr + "/from", "no component named '" + bs.from_component + "'");
        if (!spec.find(bs.to_component))
            throw InputError(path, ptr + "/to", "no component named '" + bs.to_component + "'");
        b.finish();
        spec.bindings.push_back(bs);
    }
    top.finish();
    return spec;
}

PlatformSpec platform_from_json(OrderedJson root, const std::string& path, const std::vector<std::string>& overrides) {
    std::vector<Override> applied;
    if (root.is_object()) applied = apply_overrides(root, overrides);
    try {
        PlatformSpec spec = parse_platform(root, path);
        spec.overrides = overrides;
        for (const auto& o : applied)
            if (!o.component.empty()) spec.origins.set_override(o.component, o.param, o.text);
        return spec;
    } catch (const InputError& e) {
        // An error in a value that came from --set names the --set, not the file.
        for (const auto& o : applied)
            if (e.where() == o.pointer) throw InputError(o.text, "", e.expected());
        throw;
    }
}

}  // namespace

PlatformSpec load_platform(const std::string& path, const std::vector<std::string>& overrides) {
    return platform_from_json(read_json_file(path), path, overrides);
}

PlatformSpec parse_platform_text(const std::string& text, const std::string& path, const std::vector<std::string>& overrides) {
    return platform_from_json(parse_json_text(text, path), path, overrides);
}

}  // namespace skipsim
