#include "study_command.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <set>

#include "base/error.h"
#include "base/json_source.h"
#include "base/strict_object.h"
#include "base/whole_file.h"
#include "file_name.h"
#include "progress.h"
#include "study_collect.h"
#include "workloads/study_pruning.h"
#include "study_scale.h"
#include "sweep_dir.h"
#include "sweep_plan.h"
#include "workloads/formats/workload_json.h"
#include "workloads/loader.h"

#ifndef SKIPSIM_SOURCE_DIR
#define SKIPSIM_SOURCE_DIR "."
#endif

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// The files a study directory holds; `--force` replaces only these.
const std::vector<std::string> kStudyFiles = {"plan.json", "jobs.jsonl", "study-plan.json", "study.csv", "layers.csv",
                                              "study.json", "index.html", "points", "plots", "platforms", "workloads",
                                              "slurm", "parallel"};

std::string abs_path(const std::string& p) { return fs::absolute(p).lexically_normal().string(); }

// A network "holds its own zeros" when a layer says how it is pruned or reads its weights from a
// file (an ONNX model, .npy weights): the study runs it as given, beside the same shapes dense.
bool holds_own_weights(const Network& net) {
    for (const auto& l : net.layers)
        if (!l.sparsity.is_dense() || l.weights.kind != WeightSource::Kind::generated) return true;
    return false;
}

// The same shapes and quantization with generated weights and no pruning.
Network dense_copy(Network net) {
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        Layer& l = net.layers[i];
        l.sparsity = SparsitySpec{};
        if (l.weights.kind != WeightSource::Kind::generated) {
            l.weights = WeightSource{};
            l.weights.seed = default_weight_seed(net.seed, i);
        }
    }
    return net;
}

std::string safe_name(const std::string& s) { return s.empty() ? "network" : file_name_part(s); }

struct StudyPoint {
    std::string network, family, pruning, density_label, reason, platform, workload;
    double density_target = 1;  // < 0: as given
    bool skips_work = true;
};

void write_network(const Network& net, const std::string& path) {
    write_whole_file(path, json_text(network_to_json(net), 2) + "\n");
}

}  // namespace

std::string default_budget_file() { return (fs::path(SKIPSIM_SOURCE_DIR) / "platforms" / "budget_1024.json").string(); }

int study_command(const StudyOptions& o, const RunPointFn& run_point) {
    // Everything is read, checked and the platforms scaled before anything is written.
    const StudyBudget budget = load_budget(o.budget.empty() ? default_budget_file() : o.budget);
    std::vector<const StudyFamily*> families;
    if (o.families.empty()) {
        for (const auto& f : budget.families) families.push_back(&f);
    } else {
        for (const auto& name : o.families) {
            const StudyFamily* f = budget.find(name);
            if (!f) {
                std::vector<std::string> names;
                for (const auto& g : budget.families) names.push_back(g.name);
                throw InputError("--families", name, "expected families of the budget: " + or_list(names));
            }
            if (std::find(families.begin(), families.end(), f) == families.end()) families.push_back(f);
        }
    }
    const StudyFamily* baseline = budget.find(budget.baseline);
    if (std::find(families.begin(), families.end(), baseline) == families.end()) families.insert(families.begin(), baseline);

    std::vector<double> densities = o.densities;
    for (double d : densities)
        if (!(d > 0 && d <= 1)) throw InputError("--density", format_number(d), "expected densities in (0, 1]");
    densities.push_back(1);  // every family's own dense run
    std::sort(densities.begin(), densities.end(), std::greater<double>());
    densities.erase(std::unique(densities.begin(), densities.end()), densities.end());

    std::vector<Network> networks;
    LoadOptions lo;
    for (const auto& w : o.workloads) {
        networks.push_back(load_workload(w, lo));
        if (networks.back().layers.empty()) throw InputError(w, "", "expected at least one layer");
    }

    struct Scaled {
        const StudyFamily* family;
        ScaledPlatform platform;
    };
    // Equal areas: the budget's, or the baseline's at the peak budget.
    double area_target = budget.area_mm2;
    if (o.normalize_area && area_target <= 0) area_target = scale_to_budget(*baseline, budget).area_mm2;
    std::vector<Scaled> scaled;
    for (const StudyFamily* f : families) {
        if (!o.quiet) {
            std::cout << "scaling " << f->name << " to ";
            if (o.normalize_area) std::cout << format_number(area_target) << " mm2\n";
            else std::cout << budget.peak_macs_per_cycle << " MACs per cycle\n";
        }
        scaled.push_back({f, o.normalize_area ? scale_to_budget(*f, budget, StudyNormalize::area, area_target)
                                              : scale_to_budget(*f, budget)});
        const ScaledPlatform& got = scaled.back().platform;
        if (!o.normalize_area && got.peak != budget.peak_macs_per_cycle && !o.quiet)
            std::cerr << "warning: " << f->name << " reaches " << got.peak << " MACs per cycle at most within the budget's "
                      << budget.peak_macs_per_cycle << "\n";
        if (o.normalize_area && got.area_mm2 > area_target * (1 + 1e-9) && !o.quiet)
            std::cerr << "warning: " << f->name << " is " << format_number(got.area_mm2) << " mm2 at its smallest, more than "
                      << format_number(area_target) << "\n";
    }

    prepare_sweep_dir(o.out_dir, "study", kStudyFiles, o.force);
    const SweepLock lock(o.out_dir, true);
    const fs::path dir = fs::absolute(o.out_dir).lexically_normal();
    fs::create_directories(dir / "platforms");
    fs::create_directories(dir / "workloads");
    const std::string energy_name = fs::path(budget.energy_table).filename().string();
    write_whole_file((dir / "platforms" / energy_name).string(), read_input_file(budget.energy_table, "an energy table"));

    // The platforms: one per family, and one per density where the density sets a parameter;
    // each written once, however many networks and densities use it.
    std::set<std::string> written;
    const auto platform_file = [&](const Scaled& s, double density) {
        std::vector<std::string> overrides = s.platform.overrides;
        std::string name = s.family->name;
        if (!s.family->combine_param.empty()) {
            const long combine = std::lround(1 / density);
            overrides.push_back(s.family->combine_param + "=" + std::to_string(combine));
            name += "-combine" + std::to_string(combine);
        }
        const std::string path = (dir / "platforms" / (name + ".json")).string();
        if (!written.insert(path).second) return path;
        const std::string description = s.family->name + " scaled to " + budget.name + " (" +
                                        std::to_string(s.platform.peak) + " MACs per cycle, " +
                                        format_number(s.platform.area_mm2) + " mm2) from " +
                                        fs::path(s.family->platform).filename().string() + " with --set " +
                                        [&] {
                                            std::string t;
                                            for (const auto& v : overrides) t += (t.empty() ? "" : " ") + v;
                                            return t;
                                        }();
        write_scaled_platform(*s.family, overrides, path, energy_name, description);
        return path;
    };

    std::vector<StudyPoint> points;
    OrderedJson aliases = OrderedJson::array();
    for (std::size_t n = 0; n < networks.size(); ++n) {
        const Network& net = networks[n];
        const std::string net_name = safe_name(net.name);
        const fs::path wdir = dir / "workloads" / net_name;
        fs::create_directories(wdir);
        const std::string dense_file = (wdir / "dense.json").string();
        write_network(dense_copy(net), dense_file);
        const bool as_given = holds_own_weights(net);
        for (const auto& s : scaled) {
            const StudyPruning* pruning = StudyPruningRegistry::instance().find(s.family->pruning);
            const std::vector<double> ds = as_given ? std::vector<double>{1, -1} : densities;
            const std::size_t dense_point = points.size();
            for (double d : ds) {
                if (d != 1 && !pruning->skips_work) {
                    // A family that skips nothing has one run; its rows at the other densities
                    // are that run, saying why.
                    Network ignored = net;
                    aliases.push_back({{"of", dense_point},
                                       {"density_target", d < 0 ? OrderedJson("given") : OrderedJson(d)},
                                       {"density_label", d < 0 ? "given" : density_label(d)},
                                       {"reason", pruning->prune(ignored, d < 0 ? 1 : d)}});
                    continue;
                }
                StudyPoint p;
                p.network = net.name;
                p.family = s.family->name;
                p.pruning = s.family->pruning;
                p.skips_work = pruning->skips_work;
                p.density_target = d;
                p.density_label = d < 0 ? "given" : density_label(d);
                p.platform = platform_file(s, d < 0 ? 1 : d);
                if (d < 0) {
                    p.workload = abs_path(o.workloads[n]);
                    p.reason = "the workload's own zeros, as given";
                } else if (d == 1) {
                    p.workload = dense_file;
                } else {
                    Network pruned = dense_copy(net);
                    p.reason = pruning->prune(pruned, d);
                    p.workload = (wdir / (s.family->pruning + "-d" + p.density_label + ".json")).string();
                    write_network(pruned, p.workload);
                }
                points.push_back(std::move(p));
            }
        }
    }

    SweepPlan plan;
    plan.params = {"family", "density"};
    plan.timeout_s = o.timeout_s;
    OrderedJson meta;
    meta["schema"] = "skipsim.study-plan/1";
    meta["budget"] = {{"file", abs_path(budget.file)},
                      {"name", budget.name},
                      {"peak_macs_per_cycle", budget.peak_macs_per_cycle},
                      {"clock_ghz", budget.clock_ghz},
                      {"sram_bytes", budget.sram_bytes},
                      {"normalize", o.normalize_area ? "area" : "peak"},
                      {"area_mm2", o.normalize_area ? area_target : 0.0},
                      {"baseline", budget.baseline}};
    meta["families"] = OrderedJson::array();
    for (const auto& s : scaled)
        meta["families"].push_back({{"name", s.family->name},
                                    {"pruning", s.family->pruning},
                                    {"source_platform", s.family->platform},
                                    {"base_peak_macs_per_cycle", s.platform.base_peak},
                                    {"peak_macs_per_cycle", s.platform.peak},
                                    {"area_mm2", s.platform.area_mm2},
                                    {"sram_bytes", s.platform.sram_bytes},
                                    {"overrides", s.platform.overrides},
                                    {"note", s.family->note}});
    meta["points"] = OrderedJson::array();
    for (const auto& p : points) {
        PlannedPoint pp;
        pp.workload = p.network;
        pp.values = {p.family, p.density_label};
        pp.run_args = {"--platform", p.platform, "--workload", p.workload, "--mode", o.mode};
        // The id covers what the files hold, so that a study rerun with another budget or network
        // runs again the points whose inputs changed (and only those).
        std::vector<std::string> key = pp.run_args;
        key.push_back(files_digest({p.platform, (dir / "platforms" / energy_name).string(), p.workload}));
        pp.id = safe_name(p.network) + "-" + p.family + "-d" + p.density_label + "-" + run_args_hash(key);
        plan.points.push_back(pp);
        OrderedJson j;
        j["network"] = p.network;
        j["family"] = p.family;
        j["pruning"] = p.pruning;
        j["density_target"] = p.density_target < 0 ? OrderedJson("given") : OrderedJson(p.density_target);
        j["skips_work"] = p.skips_work;
        j["reason"] = p.reason;
        j["platform"] = fs::relative(p.platform, dir).string();
        j["workload"] = p.workload.rfind(dir.string() + "/", 0) == 0 ? fs::relative(p.workload, dir).string() : p.workload;
        meta["points"].push_back(j);
    }
    meta["aliases"] = aliases;
    write_whole_file((dir / "study-plan.json").string(), json_text(meta, 2) + "\n");
    write_plan(plan, dir.string());
    if (o.plan_only) {
        if (!o.quiet)
            std::cout << "planned " << plan.points.size() << " points in " << (dir / "jobs.jsonl").string()
                      << "\nrun them with `skipsim sweep run-point` or `skipsim sweep emit`, then `skipsim study collect "
                      << o.out_dir << "`\n";
        return 0;
    }

    std::vector<std::size_t> all(plan.points.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::size_t done = 0, failed = 0;
    ProgressBar bar(!o.quiet);
    bar.update(0, all.size(), "");
    run_points(plan, dir.string(), all, {o.jobs, o.batch}, run_point, [&](std::size_t i, PointOutcome out, const PointResult& r) {
        ++done;
        if (out == PointOutcome::ran && r.status != "ok") {
            ++failed;
            if (!o.quiet) bar.message("point " + plan.points[i].id + " failed: " + r.message);
        }
        bar.update(done, all.size(), std::to_string(failed) + " failed");
    });
    bar.finish();
    return collect_study(dir.string(), o.quiet);
}

int study_collect_command(const std::string& dir, bool quiet) {
    check_sweep_dir(dir);
    const SweepLock lock(dir, false);
    return collect_study(dir, quiet);
}

}  // namespace skipsim
