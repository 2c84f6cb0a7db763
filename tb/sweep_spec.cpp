#include "sweep_spec.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/error.h"
#include "base/json_source.h"
#include "file_name.h"

namespace skipsim {

namespace {

constexpr std::size_t kMaxRangeValues = 100000, kMaxPoints = 1000000;

std::string format_value(double v) {
    std::ostringstream ss;
    ss << v;
    return ss.str();
}

bool parse_double(const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && std::isfinite(out);
}

// a:b:xK (geometric), a:b:+K or a:b:K (arithmetic), both ends included when reached.
std::vector<std::string> expand_range(const std::string& text, const std::string& src) {
    std::vector<std::string> parts;
    std::stringstream ss(text);
    std::string p;
    while (std::getline(ss, p, ':')) parts.push_back(p);
    double lo, hi, step;
    const bool geometric = parts.size() == 3 && !parts[2].empty() && parts[2][0] == 'x';
    const std::string step_text = parts.size() == 3 ? (geometric || parts[2][0] == '+' ? parts[2].substr(1) : parts[2]) : "";
    if (parts.size() != 3 || !parse_double(parts[0], lo) || !parse_double(parts[1], hi) || !parse_double(step_text, step))
        throw InputError(src, "", "expected a range start:end:step, start:end:+step or start:end:xfactor of finite numbers, got " + name_text(text));
    if (hi < lo) throw InputError(src, "", "expected the range's end to be at least its start, got " + name_text(text));
    if (geometric ? (step <= 1 || lo <= 0) : step <= 0)
        throw InputError(src, "", geometric ? "expected a factor above 1 and a positive start, got " + name_text(text)
                                            : "expected a positive step, got " + name_text(text));
    std::vector<std::string> values;
    for (double v = lo; v <= hi * (1 + 1e-12); v = geometric ? v * step : v + step) {
        if (values.size() == kMaxRangeValues)
            throw InputError(src, "", "expected a range of at most " + std::to_string(kMaxRangeValues) + " values, got '" +
                                          text + "'");
        values.push_back(format_value(v));
    }
    return values;
}

}  // namespace

VariedParam parse_vary(const std::string& arg) {
    const std::string src = "--vary " + arg;
    const auto eq = arg.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size())
        throw InputError(src, "", "expected path=v1,v2,... or path=start:end:step, e.g. --vary array.rows=8:128:x2");
    VariedParam v;
    v.path = arg.substr(0, eq);
    std::stringstream ss(arg.substr(eq + 1));
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.empty()) throw InputError(src, "", "expected no empty value in the list");
        if (item.find(':') != std::string::npos) {
            auto r = expand_range(item, src);
            v.values.insert(v.values.end(), r.begin(), r.end());
        } else {
            v.values.push_back(item);
        }
    }
    return v;
}

std::vector<SweepPoint> sweep_points(const std::vector<std::string>& workloads, const std::vector<VariedParam>& vary,
                                     bool zip) {
    std::vector<std::vector<std::string>> combos;
    if (vary.empty()) {
        combos.push_back({});
    } else if (zip) {
        for (const auto& v : vary)
            if (v.values.size() != vary[0].values.size())
                throw InputError("--zip", "", "expected every --vary list to have the same length (" + vary[0].path +
                                                  " has " + std::to_string(vary[0].values.size()) + ", " + v.path +
                                                  " has " + std::to_string(v.values.size()) + ")");
        for (std::size_t i = 0; i < vary[0].values.size(); ++i) {
            std::vector<std::string> c;
            for (const auto& v : vary) c.push_back(v.values[i]);
            combos.push_back(c);
        }
    } else {
        combos.push_back({});
        double count = 1;
        for (const auto& v : vary) count *= static_cast<double>(v.values.size());
        if (count * static_cast<double>(workloads.size()) > static_cast<double>(kMaxPoints))
            throw InputError("--vary", "", "expected at most " + std::to_string(kMaxPoints) + " points, the lists make " +
                                               format_value(count * static_cast<double>(workloads.size())));
        for (const auto& v : vary) {
            std::vector<std::vector<std::string>> next;
            for (const auto& c : combos)
                for (const auto& value : v.values) {
                    auto d = c;
                    d.push_back(value);
                    next.push_back(d);
                }
            combos = std::move(next);
        }
    }
    std::vector<SweepPoint> points;
    for (const auto& w : workloads)
        for (const auto& c : combos) {
            SweepPoint p;
            p.workload = w;
            p.values = c;
            p.id = file_name_part(std::filesystem::path(w).stem().string());
            for (std::size_t i = 0; i < c.size(); ++i) p.id += "__" + file_name_part(vary[i].path) + "-" + file_name_part(c[i]);
            points.push_back(std::move(p));
        }
    return points;
}

}  // namespace skipsim
