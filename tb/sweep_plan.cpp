#include "sweep_plan.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "base/error.h"
#include "base/json_source.h"
#include "base/kind_info.h"
#include "base/whole_file.h"
#include "platform_spec.h"
#include "sweep_command.h"
#include "sweep_spec.h"
#include "workloads/loader.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPlanSchema = "skipsim.sweep-plan/1";

// A varied path must name a parameter of the platform before any point runs: a typo would
// otherwise fail every point.
void check_vary_path(const PlatformSpec& spec, const VariedParam& v) {
    const std::string src = "--vary " + v.path;
    const auto dot = v.path.find('.');
    if (dot == std::string::npos) {
        if (v.path == "clock_ghz" || v.path == "energy_table") return;
        throw InputError(src, "", "expected component.param, clock_ghz or energy_table, got " + name_text(v.path));
    }
    const std::string comp = v.path.substr(0, dot), param = v.path.substr(dot + 1);
    const ComponentSpec* c = spec.find(comp);
    if (!c) {
        std::vector<std::string> names;
        for (const auto& cs : spec.components) names.push_back(cs.name);
        const std::string hint = did_you_mean(comp, names);
        throw InputError(src, "", "no component named '" + comp + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    std::vector<std::string> params;
    for (const auto& p : KindRegistry::instance().find(c->kind)->params) params.push_back(p.name);
    if (std::find(params.begin(), params.end(), param) == params.end()) {
        const std::string hint = did_you_mean(param, params);
        throw InputError(src, "", "'" + comp + "' (" + c->kind + ") has no parameter '" + param + "'" +
                                      (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                                      "; `skipsim describe " + c->kind + "` lists them");
    }
}

std::string absolute(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

std::vector<std::string> string_list(const OrderedJson& j, const std::string& file, const std::string& where) {
    if (!j.is_array()) throw InputError(file, where, "expected an array of strings");
    std::vector<std::string> v;
    for (const auto& e : j) {
        if (!e.is_string()) throw InputError(file, where, "expected an array of strings");
        v.push_back(e.get<std::string>());
    }
    return v;
}

}  // namespace

std::string run_args_hash(const std::vector<std::string>& args) {
    std::uint64_t h = 1469598103934665603ull;
    for (const auto& a : args) {
        for (unsigned char c : a) h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0u) * 1099511628211ull;
    }
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>((h >> 32) ^ h));
    return hex;
}

std::string files_digest(const std::vector<std::string>& files) {
    std::vector<std::string> texts;
    for (const auto& f : files) texts.push_back(read_input_file(f, "an input file"));
    return run_args_hash(texts);
}

SweepPlan make_plan(const SweepOptions& o) {
    const PlatformSpec spec = load_platform(o.platform, o.overrides);
    // A point's id covers what its input files hold, so that a sweep rerun after a platform or
    // workload was edited runs its points again instead of taking the former results as done.
    const std::string platform_digest = files_digest({o.platform, spec.energy_table});
    std::map<std::string, std::string> workload_digest;
    LoadOptions lo;
    for (const auto& w : o.workloads) {
        const Network net = load_workload(w, lo);
        std::vector<std::string> files = {w};
        files.insert(files.end(), net.inputs.begin(), net.inputs.end());
        workload_digest[w] = files_digest(files);
    }
    SweepPlan plan;
    plan.timeout_s = o.timeout_s;
    std::vector<VariedParam> vary;
    for (const auto& v : o.vary) {
        vary.push_back(parse_vary(v));
        check_vary_path(spec, vary.back());
        plan.params.push_back(vary.back().path);
    }
    for (const auto& p : sweep_points(o.workloads, vary, o.zip)) {
        PlannedPoint pp;
        pp.workload = p.workload;
        pp.values = p.values;
        pp.run_args = {"--platform", absolute(o.platform), "--workload", absolute(p.workload), "--mode", o.mode};
        if (!o.html) pp.run_args.push_back("--no-html");
        for (const auto& s : o.overrides) pp.run_args.insert(pp.run_args.end(), {"--set", s});
        for (std::size_t i = 0; i < vary.size(); ++i)
            pp.run_args.insert(pp.run_args.end(), {"--set", vary[i].path + "=" + p.values[i]});
        std::vector<std::string> key = pp.run_args;
        key.insert(key.end(), {platform_digest, workload_digest[p.workload]});
        pp.id = p.id + "-" + run_args_hash(key);
        plan.points.push_back(std::move(pp));
    }
    return plan;
}

void write_plan(const SweepPlan& plan, const std::string& dir) {
    OrderedJson head;
    head["schema"] = kPlanSchema;
    head["params"] = plan.params;
    head["points"] = plan.points.size();
    head["timeout_s"] = plan.timeout_s;
    head["paths"] = "inputs absolute; each point's run directory is points/<id> in the sweep directory";
    std::string jobs;
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        const auto& p = plan.points[i];
        OrderedJson j;
        j["index"] = i;
        j["id"] = p.id;
        j["workload"] = p.workload;
        j["values"] = p.values;
        j["run"] = p.run_args;
        jobs += json_text(j) + "\n";
    }
    // jobs.jsonl first: a plan.json is only ever beside the jobs it counts.
    write_whole_file((fs::path(dir) / "jobs.jsonl").string(), jobs);
    write_whole_file((fs::path(dir) / "plan.json").string(), json_text(head, 2) + "\n");
}

SweepPlan read_plan(const std::string& dir) {
    const std::string head_file = (fs::path(dir) / "plan.json").string(), jobs_file = (fs::path(dir) / "jobs.jsonl").string();
    if (!fs::exists(head_file))
        throw InputError(head_file, "", "expected a sweep plan (made by `skipsim sweep plan` or `skipsim sweep`)");
    const OrderedJson head = read_json_file(head_file);
    if (!head.is_object() || head.value("schema", "") != kPlanSchema)
        throw InputError(head_file, "/schema", std::string("expected \"") + kPlanSchema + "\"");
    SweepPlan plan;
    plan.params = string_list(head.value("params", OrderedJson()), head_file, "/params");
    if (!head.contains("timeout_s") || !head["timeout_s"].is_number() || !(head["timeout_s"].get<double>() > 0))
        throw InputError(head_file, "/timeout_s", "expected a positive number of seconds");
    plan.timeout_s = head["timeout_s"].get<double>();
    std::ifstream in(jobs_file);
    if (!in) throw InputError(jobs_file, "", "cannot read the file");
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        const std::string where = "line " + std::to_string(n);
        OrderedJson j;
        try {
            j = OrderedJson::parse(line);
        } catch (const std::exception&) {
            throw InputError(jobs_file, where, "expected one JSON object per line");
        }
        PlannedPoint p;
        if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("workload") ||
            !j["workload"].is_string() || j.value("index", OrderedJson()) != OrderedJson(n - 1))
            throw InputError(jobs_file, where, "expected {\"index\": " + std::to_string(n - 1) +
                                                   ", \"id\", \"workload\", \"values\", \"run\"}");
        p.id = j["id"].get<std::string>();
        if (p.id.empty() || p.id.find('/') != std::string::npos || p.id[0] == '.')
            throw InputError(jobs_file, where + " /id", "expected a directory name");
        p.workload = j["workload"].get<std::string>();
        p.values = string_list(j.value("values", OrderedJson()), jobs_file, where + " /values");
        p.run_args = string_list(j.value("run", OrderedJson()), jobs_file, where + " /run");
        if (p.values.size() != plan.params.size())
            throw InputError(jobs_file, where + " /values",
                             "expected " + std::to_string(plan.params.size()) + " values, one per varied parameter");
        plan.points.push_back(std::move(p));
    }
    const auto count = head.value("points", OrderedJson());
    if (count != OrderedJson(plan.points.size()))
        throw InputError(head_file, "/points", "expected the number of lines of jobs.jsonl (" +
                                                   std::to_string(plan.points.size()) + ")");
    return plan;
}

std::string point_run_dir(const std::string& dir, const PlannedPoint& p) {
    return (fs::path(dir) / "points" / p.id).string();
}
std::string point_log(const std::string& dir, const PlannedPoint& p) { return point_run_dir(dir, p) + ".log"; }
std::string point_state_file(const std::string& dir, const PlannedPoint& p) {
    return point_run_dir(dir, p) + ".state.json";
}

}  // namespace skipsim
