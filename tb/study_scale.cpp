#include "study_scale.h"

#include <cstdio>
#include <filesystem>

#include "base/error.h"
#include "base/json_source.h"
#include "base/whole_file.h"
#include "platform_probe.h"
#include "platform_spec.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

struct ScaledParam {
    std::string component, param;
    std::uint64_t value = 0;
    bool inverse = false;  // "/component.param": the peak falls as it grows (columns sharing an ADC)
};

// One step towards a larger (up) or smaller peak; false when the parameter cannot go further (1).
bool step(ScaledParam& p, bool up) {
    if (up != p.inverse) {
        p.value *= 2;
        return true;
    }
    if (p.value == 1) return false;
    p.value /= 2;
    return true;
}

// The current value of `path` (component.param) in `spec`, which must be a positive integer.
ScaledParam scaled_param(const PlatformSpec& spec, const StudyBudget& budget, const std::string& where, const std::string& entry) {
    const bool inverse = entry[0] == '/';
    const std::string path = inverse ? entry.substr(1) : entry;
    const auto dot = path.find('.');
    ScaledParam p{path.substr(0, dot), path.substr(dot + 1), 0, inverse};
    const ComponentSpec* c = spec.find(p.component);
    if (!c) throw InputError(budget.file, where, "expected a component of " + spec.file + ", it has no '" + p.component + "'");
    if (!c->params.contains(p.param) || !c->params[p.param].is_number_unsigned() || c->params[p.param].get<std::uint64_t>() < 1)
        throw InputError(budget.file, where, "expected '" + path + "' to be a positive integer parameter of " + spec.file);
    p.value = c->params[p.param].get<std::uint64_t>();
    return p;
}

std::string clock_override(double ghz) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "clock_ghz=%.17g", ghz);
    return buf;
}

// The listed buffers share the budget's bytes in their original proportions, each a multiple of
// one row of its banks in both halves (banks x word bytes x 2).
std::vector<std::string> sram_overrides(const PlatformSpec& spec, const StudyFamily& f, const StudyBudget& b,
                                        std::uint64_t& total) {
    std::vector<std::string> out;
    std::uint64_t base_total = 0;
    for (std::size_t i = 0; i < f.sram.size(); ++i) {
        const std::string& name = f.sram[i];
        const ComponentSpec* c = spec.find(name);
        if (!c || c->kind != "sram_buffer")
            throw InputError(b.file, f.pointer + "/sram/" + std::to_string(i), "expected an sram_buffer of " + spec.file + ", got " + name_text(name));
        base_total += c->params["size_bytes"].get<std::uint64_t>();
    }
    total = 0;
    for (const auto& name : f.sram) {
        const ComponentSpec* c = spec.find(name);
        const std::uint64_t base = c->params["size_bytes"].get<std::uint64_t>();
        const std::uint64_t unit = c->params["banks"].get<std::uint64_t>() * c->params["word_bytes"].get<std::uint64_t>() * 2;
        const double share = static_cast<double>(b.sram_bytes) * static_cast<double>(base) / static_cast<double>(base_total);
        const std::uint64_t size = std::max<std::uint64_t>(unit, static_cast<std::uint64_t>(share / static_cast<double>(unit)) * unit);
        total += size;
        out.push_back(name + ".size_bytes=" + std::to_string(size));
    }
    return out;
}

}  // namespace

ScaledPlatform scale_to_budget(const StudyFamily& f, const StudyBudget& b, StudyNormalize normalize, double area_mm2) {
    const PlatformSpec spec = load_platform(f.platform, f.set);
    std::vector<ScaledParam> params;
    for (std::size_t i = 0; i < f.scale.size(); ++i)
        params.push_back(scaled_param(spec, b, f.pointer + "/scale/" + std::to_string(i), f.scale[i]));
    ScaledPlatform out;
    const std::vector<std::string> fixed = [&] {
        std::vector<std::string> v = f.set;
        const std::vector<std::string> sram = sram_overrides(spec, f, b, out.sram_bytes);
        v.insert(v.end(), sram.begin(), sram.end());
        v.push_back(clock_override(b.clock_ghz));
        return v;
    }();
    const auto overrides_of = [&](const std::vector<ScaledParam>& ps) {
        std::vector<std::string> v;
        for (const auto& p : ps) v.push_back(p.component + "." + p.param + "=" + std::to_string(p.value));
        v.insert(v.end(), fixed.begin(), fixed.end());
        return v;
    };
    out.base_peak = probe_platform(f.platform, f.set).peak_macs_per_cycle;
    PlatformProbe probe = probe_platform(f.platform, overrides_of(params));
    // Below (-1), at (0) or above (1) the budget.
    const auto side = [&](const PlatformProbe& p) {
        if (normalize == StudyNormalize::area) return p.area_mm2 > area_mm2 * (1 + 1e-9) ? 1 : p.area_mm2 < area_mm2 * (1 - 1e-9) ? -1 : 0;
        return p.peak_macs_per_cycle > b.peak_macs_per_cycle ? 1 : p.peak_macs_per_cycle < b.peak_macs_per_cycle ? -1 : 0;
    };
    // A step of each parameter in turn towards the budget until it is reached or passed, then back
    // in turn until it is not passed: the largest platform of this shape within the budget.
    std::size_t turn = 0;
    for (int n = 0; side(probe) < 0 && n < 64; ++n)
        if (step(params[turn++ % params.size()], true)) probe = probe_platform(f.platform, overrides_of(params));
    turn = 0;
    for (int n = 0; side(probe) > 0 && n < 64; ++n)
        if (step(params[turn++ % params.size()], false)) probe = probe_platform(f.platform, overrides_of(params));
    out.peak = probe.peak_macs_per_cycle;
    out.area_mm2 = probe.area_mm2;
    out.overrides = overrides_of(params);
    return out;
}

void write_scaled_platform(const StudyFamily& f, const std::vector<std::string>& overrides,
                           const std::string& path, const std::string& energy_table, const std::string& description) {
    const PlatformSpec spec = load_platform(f.platform, overrides);
    OrderedJson resolved = spec.to_json();
    OrderedJson j;
    j["schema"] = "skipsim.platform/1";
    j["name"] = fs::path(path).stem().string();
    j["description"] = description;
    j["clock_ghz"] = resolved["clock_ghz"];
    j["energy_table"] = energy_table;
    j["accelerator"] = resolved["accelerator"];
    j["components"] = resolved["components"];
    j["bindings"] = resolved["bindings"];
    write_whole_file(path, json_text(j, 2) + "\n");
}

}  // namespace skipsim
