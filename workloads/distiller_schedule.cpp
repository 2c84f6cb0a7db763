#include "distiller_schedule.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include <yaml-cpp/yaml.h>

#include "base/error.h"
#include "base/json_source.h"
#include "base/strict_object.h"

namespace skipsim {

namespace {

std::string line_of(const YAML::Mark& m) { return "line " + std::to_string(m.line + 1); }

[[noreturn]] void fail(const std::string& file, const YAML::Node& at, const std::string& expected) {
    throw InputError(file, line_of(at.Mark()), expected);
}

double read_sparsity(const std::string& file, const std::string& pruner, const YAML::Node& n) {
    const std::string where = "final_sparsity of pruner '" + pruner + "'";
    char* end = nullptr;
    const std::string text = n.IsScalar() ? n.Scalar() : std::string();
    const double s = text.empty() ? NAN : std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(s))
        fail(file, n, "expected a number as the " + where + ", got '" + text + "'");
    if (s < 0 || s >= 1) fail(file, n, "expected the " + where + " in [0, 1), got " + format_number(s));
    return s;
}

}  // namespace

std::string layer_name_of_weight(const std::string& weight) {
    std::string n = weight;
    const std::string prefix = "module.", suffix = ".weight";
    if (n.rfind(prefix, 0) == 0) n = n.substr(prefix.size());
    if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        n.resize(n.size() - suffix.size());
    return n;
}

std::vector<ScheduledSparsity> read_distiller_schedule(const std::string& file) {
    return parse_distiller_schedule(read_input_file(file, "a Distiller pruning schedule (YAML)"), file);
}

namespace {
std::vector<ScheduledSparsity> schedule_entries(const YAML::Node& root, const std::string& file);
}  // namespace

std::vector<ScheduledSparsity> parse_distiller_schedule(const std::string& text, const std::string& file) {
    try {
        return schedule_entries(YAML::Load(text), file);
    } catch (const YAML::Exception& e) {
        // Malformed YAML, or a node of an unexpected kind found while reading the schedule.
        throw InputError(file, e.mark.is_null() ? "" : line_of(e.mark) + ", column " + std::to_string(e.mark.column + 1),
                         "invalid YAML (" + e.msg + ")");
    }
}

namespace {
std::vector<ScheduledSparsity> schedule_entries(const YAML::Node& root, const std::string& file) {
    if (!root.IsMap()) throw InputError(file, "line 1", "expected a Distiller schedule: a mapping with 'pruners'");
    const YAML::Node pruners = root["pruners"];
    if (!pruners) throw InputError(file, "line 1", "expected a 'pruners' mapping");
    if (!pruners.IsMap()) fail(file, pruners, "expected 'pruners' to be a mapping of named pruners");

    std::vector<ScheduledSparsity> out;
    std::map<std::string, int> seen;  // weight -> line of its first mention
    for (auto it = pruners.begin(); it != pruners.end(); ++it) {
        // Copies: the iterator's pair is a temporary proxy, so references to it dangle.
        const YAML::Node key = it->first, p = it->second;
        const std::string name = key.Scalar();
        if (!p.IsMap()) fail(file, key, "expected pruner '" + name + "' to be a mapping");
        const YAML::Node s = p["final_sparsity"];
        if (!s) fail(file, key, "expected pruner '" + name + "' to have a final_sparsity");
        const YAML::Node w = p["weights"];
        if (!w) fail(file, key, "expected pruner '" + name + "' to have a 'weights' list");
        const double sparsity = read_sparsity(file, name, s);
        std::vector<YAML::Node> weights;
        if (w.IsScalar()) weights.push_back(w);
        else if (w.IsSequence()) for (const YAML::Node& e : w) weights.push_back(e);
        else fail(file, w, "expected the weights of pruner '" + name + "' as a name or a list of names");
        for (const YAML::Node& e : weights) {
            if (!e.IsScalar() || e.Scalar().empty())
                fail(file, e, "expected a parameter name (module.<layer>.weight) in the weights of pruner '" + name + "'");
            const int line = e.Mark().line + 1;
            auto [prev, fresh] = seen.emplace(e.Scalar(), line);
            if (!fresh)
                fail(file, e, "expected each weight in one pruner only; '" + e.Scalar() + "' is already pruned at line " +
                                  std::to_string(prev->second));
            out.push_back({e.Scalar(), name, sparsity, line});
        }
    }
    return out;
}
}  // namespace

void apply_distiller_schedule(Network& net, const std::string& file) {
    std::map<std::string, Layer*> by_name;
    for (Layer& l : net.layers) by_name[l.name] = &l;
    for (const ScheduledSparsity& s : read_distiller_schedule(file)) {
        const std::string where = "line " + std::to_string(s.line);
        const std::string layer = layer_name_of_weight(s.weight);
        auto it = by_name.find(layer);
        if (it == by_name.end())
            throw InputError(file, where, "expected a weight of a layer of network '" + net.name + "', got '" + s.weight +
                                              "' (no layer '" + layer + "')");
        Layer& l = *it->second;
        // A weight file's own zeros give way: magnitude pruning removes them first anyway.
        if (!l.sparsity.is_dense() && l.sparsity.pattern != "zeros")
            throw InputError(file, where, "expected a layer the workload leaves dense; '" + layer +
                                              "' already has sparsity '" + l.sparsity.pattern + "'");
        if (s.final_sparsity == 0) continue;
        l.sparsity = SparsitySpec{};
        l.sparsity.pattern = "unstructured";
        l.sparsity.params = OrderedJson{{"ratio", s.final_sparsity}, {"rounding", "down"}};
    }
}

}  // namespace skipsim
