#include "study_collect.h"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "base/error.h"
#include "base/json_source.h"
#include "base/whole_file.h"
#include "csv_field.h"
#include "point_result.h"
#include "study_page.h"
#include "sweep_plan.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

std::string num_text(double v) {
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}

double number_at(const OrderedJson& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

EnergySplit split_energy(const OrderedJson& energy_pj, const std::map<std::string, std::string>& role_of) {
    EnergySplit e;
    for (const auto& [path, pj] : energy_pj.at("by_component").items()) {
        const auto it = role_of.find(path);
        const std::string role = it == role_of.end() ? "" : it->second;
        (role == "dram" ? e.dram_pj : role == "buffer" ? e.sram_pj : e.accelerator_pj) += pj.get<double>();
    }
    return e;
}

// Fills the measured part of `row` from the point's report.json.
void read_report(StudyRow& row, const std::string& report_file) {
    const OrderedJson r = read_json_file(report_file);
    const OrderedJson& t = r.at("totals");
    row.cycles = t.at("cycles").get<std::uint64_t>();
    row.seconds = number_at(t, "seconds");
    row.energy_pj = number_at(t.at("energy_pj"), "total");
    row.utilization = number_at(t, "utilization");
    const double dense = number_at(t, "dense_params"), kept = number_at(t, "effective_params");
    row.density_achieved = dense > 0 ? kept / dense : 1;
    row.peak_macs_per_cycle = r.at("platform").value("peak_macs_per_cycle", std::uint64_t{0});
    std::map<std::string, std::string> role_of;
    for (const auto& c : r.at("platform").at("components")) role_of[c.value("path", "")] = c.value("role", "");
    const EnergySplit total = split_energy(t.at("energy_pj"), role_of);
    row.energy_dram_pj = total.dram_pj;
    row.energy_sram_pj = total.sram_pj;
    row.energy_accelerator_pj = total.accelerator_pj;
    if (r.contains("area") && r["area"].contains("total_mm2")) {
        row.area_mm2 = r["area"]["total_mm2"].get<double>();
        const OrderedJson components = r["area"].value("components", OrderedJson::object());
        for (const auto& [path, c] : components.items()) row.area_um2_by_component.push_back({path, c.value("um2", 0.0)});
    }
    row.edp = row.energy_pj * row.seconds;
    bool any_pruned_used = false;
    std::set<std::string> unused_notes;
    for (const auto& l : r.at("layers")) {
        StudyLayerRow lr;
        lr.name = l.value("name", "");
        lr.cycles = l.value("cycles", std::uint64_t{0});
        lr.compute_cycles = l.value("compute_cycles", std::uint64_t{0});
        lr.stall_cycles = l.value("stall_cycles", std::uint64_t{0});
        lr.dense_params = l.value("dense_params", std::uint64_t{0});
        lr.effective_params = l.value("effective_params", std::uint64_t{0});
        lr.seconds = number_at(l, "seconds");
        lr.energy_pj = number_at(l.at("energy_pj"), "total");
        lr.energy = split_energy(l.at("energy_pj"), role_of);
        lr.utilization = number_at(l, "utilization");
        lr.sparsity_used = l.value("sparsity_used", false);
        lr.sparsity_note = l.value("sparsity_note", "");
        const bool pruned = lr.effective_params < lr.dense_params;
        if (pruned && lr.sparsity_used) any_pruned_used = true;
        if (pruned && !lr.sparsity_used && !lr.sparsity_note.empty()) unused_notes.insert(lr.sparsity_note);
        row.layers.push_back(lr);
    }
    if (row.density_target == 1) {
        row.supported = true;
    } else {
        row.supported = any_pruned_used;
        for (const auto& n : unused_notes) row.reason += (row.reason.empty() ? "" : "; ") + n;
    }
}

}  // namespace

StudyResult read_study(const std::string& dir) {
    const SweepPlan plan = read_plan(dir);
    const std::string meta_file = (fs::path(dir) / "study-plan.json").string();
    if (!fs::exists(meta_file)) throw InputError(meta_file, "", "expected a study plan (made by `skipsim study`)");
    const OrderedJson meta = read_json_file(meta_file);
    if (!meta.is_object() || meta.value("schema", "") != "skipsim.study-plan/1" || !meta.contains("points") ||
        !meta["points"].is_array() || meta["points"].size() != plan.points.size())
        throw InputError(meta_file, "", "expected a study plan of schema skipsim.study-plan/1 with one entry per line of jobs.jsonl");
    StudyResult s;
    try {
        const OrderedJson& b = meta.at("budget");
        s.budget_name = b.at("name").get<std::string>();
        s.budget_file = b.at("file").get<std::string>();
        s.baseline = b.at("baseline").get<std::string>();
        s.peak_macs_per_cycle = b.at("peak_macs_per_cycle").get<std::uint64_t>();
        s.sram_bytes = b.at("sram_bytes").get<std::uint64_t>();
        s.clock_ghz = b.at("clock_ghz").get<double>();
        s.normalize_area = b.value("normalize", "peak") == "area";
        s.area_mm2 = b.value("area_mm2", 0.0);
        for (const auto& f : meta.at("families")) {
            s.family_order.push_back(f.at("name").get<std::string>());
            s.families.push_back({s.family_order.back(), f.value("note", ""), f.value("peak_macs_per_cycle", std::uint64_t{0}),
                                  f.value("area_mm2", 0.0)});
        }
        for (std::size_t i = 0; i < plan.points.size(); ++i) {
            const OrderedJson& p = meta["points"][i];
            StudyRow row;
            row.network = p.at("network").get<std::string>();
            row.family = p.at("family").get<std::string>();
            row.pattern = p.at("pruning").get<std::string>();
            row.density_target = p.at("density_target").is_string() ? -1 : p.at("density_target").get<double>();
            row.density_label = plan.points[i].values.at(1);
            row.reason = p.value("reason", "");
            row.platform = p.at("platform").get<std::string>();
            row.workload = p.at("workload").get<std::string>();
            row.point = plan.points[i].id;
            row.run_dir = fs::relative(point_run_dir(dir, plan.points[i]), dir).string();
            const auto state = read_point_state(point_state_file(dir, plan.points[i]));
            if (state) {
                row.status = state->status;
                row.message = state->message;
            }
            if (row.status == "ok") read_report(row, (fs::path(point_run_dir(dir, plan.points[i])) / "report.json").string());
            s.rows.push_back(std::move(row));
        }
        // Rows of a family that skips nothing at densities other than 1: its one run, after it.
        std::vector<std::vector<StudyRow>> after(s.rows.size());
        for (const auto& a : meta.value("aliases", OrderedJson::array())) {
            const std::size_t of = a.at("of").get<std::size_t>();
            if (of >= s.rows.size()) throw InputError(meta_file, "/aliases", "expected a point index below " + std::to_string(s.rows.size()));
            StudyRow row = s.rows[of];
            row.density_target = a.at("density_target").is_string() ? -1 : a.at("density_target").get<double>();
            row.density_label = a.at("density_label").get<std::string>();
            row.reason = a.at("reason").get<std::string>();
            row.supported = false;
            after[of].push_back(row);
        }
        std::vector<StudyRow> rows;
        for (std::size_t i = 0; i < s.rows.size(); ++i) {
            rows.push_back(std::move(s.rows[i]));
            for (auto& r : after[i]) rows.push_back(std::move(r));
        }
        s.rows = std::move(rows);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(meta_file, "", std::string("expected a complete study plan (") + e.what() + ")");
    }
    // Comparisons: with the family's own dense run, and with the baseline family's.
    std::map<std::pair<std::string, std::string>, const StudyRow*> dense;
    for (const auto& r : s.rows)
        if (r.status == "ok" && r.density_target == 1) dense[{r.network, r.family}] = &r;
    for (auto& r : s.rows) {
        if (r.status != "ok") continue;
        if (const auto it = dense.find({r.network, r.family}); it != dense.end()) {
            r.speedup_vs_dense = r.seconds > 0 ? it->second->seconds / r.seconds : 0;
            r.energy_ratio_vs_dense = it->second->energy_pj > 0 ? r.energy_pj / it->second->energy_pj : 0;
            for (std::size_t k = 0; k < r.layers.size() && k < it->second->layers.size(); ++k)
                r.layers[k].speedup_vs_dense =
                    r.layers[k].cycles ? static_cast<double>(it->second->layers[k].cycles) / static_cast<double>(r.layers[k].cycles) : 0;
        }
        if (const auto it = dense.find({r.network, s.baseline}); it != dense.end()) {
            r.speedup_vs_baseline = r.seconds > 0 ? it->second->seconds / r.seconds : 0;
            for (std::size_t k = 0; k < r.layers.size() && k < it->second->layers.size(); ++k)
                r.layers[k].speedup_vs_baseline =
                    r.layers[k].seconds > 0 ? it->second->layers[k].seconds / r.layers[k].seconds : 0;
        }
    }
    return s;
}

namespace {

std::string study_csv(const StudyResult& s) {
    std::ostringstream o;
    o << "network,family,platform,workload,pattern,density_target,density_achieved,supported,reason,cycles,seconds,energy_pj,"
         "energy_dram_pj,energy_sram_pj,energy_accelerator_pj,area_mm2,edp,speedup_vs_dense,energy_ratio_vs_dense,"
         "speedup_vs_"
      << s.baseline << "_dense,utilization,peak_macs_per_cycle,status,message,run_dir\n";
    for (const auto& r : s.rows) {
        o << csv_field(r.network) << ',' << r.family << ',' << csv_field(r.platform) << ',' << csv_field(r.workload) << ','
          << r.pattern << ',' << r.density_label << ',';
        if (r.status == "ok") {
            o << num_text(r.density_achieved) << ',' << (r.supported ? "true" : "false") << ',' << csv_field(r.reason) << ','
              << r.cycles << ',' << num_text(r.seconds) << ',' << num_text(r.energy_pj) << ',' << num_text(r.energy_dram_pj)
              << ',' << num_text(r.energy_sram_pj) << ',' << num_text(r.energy_accelerator_pj) << ','
              << (r.area_mm2 >= 0 ? num_text(r.area_mm2) : "") << ',' << num_text(r.edp) << ','
              << num_text(r.speedup_vs_dense) << ',' << num_text(r.energy_ratio_vs_dense) << ','
              << num_text(r.speedup_vs_baseline) << ',' << num_text(r.utilization) << ',' << r.peak_macs_per_cycle;
        } else {
            o << ",," << csv_field(r.reason) << ",,,,,,,,,,,,,";
        }
        o << ',' << r.status << ',' << csv_field(r.message) << ',' << csv_field(r.run_dir) << '\n';
    }
    return o.str();
}

std::string layers_csv(const StudyResult& s) {
    std::ostringstream o;
    o << "network,family,density_target,layer,cycles,compute_cycles,stall_cycles,seconds,energy_pj,energy_dram_pj,"
         "energy_sram_pj,energy_accelerator_pj,edp,utilization,dense_params,effective_params,density_achieved,"
         "speedup_vs_dense,speedup_vs_"
      << s.baseline << "_dense,sparsity_used,sparsity_note\n";
    for (const auto& r : s.rows)
        for (const auto& l : r.layers)
            o << csv_field(r.network) << ',' << r.family << ',' << r.density_label << ',' << csv_field(l.name) << ','
              << l.cycles << ',' << l.compute_cycles << ',' << l.stall_cycles << ',' << num_text(l.seconds) << ','
              << num_text(l.energy_pj) << ',' << num_text(l.energy.dram_pj) << ',' << num_text(l.energy.sram_pj) << ','
              << num_text(l.energy.accelerator_pj) << ',' << num_text(l.energy_pj * l.seconds) << ','
              << num_text(l.utilization) << ',' << l.dense_params << ',' << l.effective_params << ','
              << num_text(l.dense_params ? static_cast<double>(l.effective_params) / static_cast<double>(l.dense_params) : 1)
              << ',' << num_text(l.speedup_vs_dense) << ',' << num_text(l.speedup_vs_baseline) << ','
              << (l.sparsity_used ? "true" : "false") << ',' << csv_field(l.sparsity_note) << '\n';
    return o.str();
}

OrderedJson study_json(const StudyResult& s) {
    OrderedJson j;
    j["schema"] = "skipsim.study/1";
    j["budget"] = {{"name", s.budget_name},       {"file", s.budget_file}, {"peak_macs_per_cycle", s.peak_macs_per_cycle},
                   {"clock_ghz", s.clock_ghz},     {"sram_bytes", s.sram_bytes}, {"baseline", s.baseline},
                   {"normalize", s.normalize_area ? "area" : "peak"}};
    if (s.normalize_area) j["budget"]["area_mm2"] = s.area_mm2;
    j["families"] = OrderedJson::array();
    for (const auto& f : s.families)
        j["families"].push_back({{"name", f.name}, {"peak_macs_per_cycle", f.peak_macs_per_cycle}, {"area_mm2", f.area_mm2}, {"note", f.note}});
    j["rows"] = OrderedJson::array();
    for (const auto& r : s.rows) {
        OrderedJson o;
        o["network"] = r.network;
        o["family"] = r.family;
        o["platform"] = r.platform;
        o["workload"] = r.workload;
        o["pattern"] = r.pattern;
        o["density_target"] = r.density_target < 0 ? OrderedJson("given") : OrderedJson(r.density_target);
        o["status"] = r.status;
        if (r.status != "ok") {
            o["message"] = r.message;
        } else {
            o["density_achieved"] = r.density_achieved;
            o["supported"] = r.supported;
            o["reason"] = r.reason;
            o["cycles"] = r.cycles;
            o["seconds"] = r.seconds;
            o["energy_pj"] = {{"total", r.energy_pj}, {"dram", r.energy_dram_pj}, {"sram", r.energy_sram_pj},
                              {"accelerator", r.energy_accelerator_pj}};
            if (r.area_mm2 >= 0) {
                o["area_mm2"] = r.area_mm2;
                o["area_um2_by_component"] = OrderedJson::object();
                for (const auto& [path, um2] : r.area_um2_by_component) o["area_um2_by_component"][path] = um2;
            }
            o["edp"] = r.edp;
            o["speedup_vs_dense"] = r.speedup_vs_dense;
            o["energy_ratio_vs_dense"] = r.energy_ratio_vs_dense;
            o["speedup_vs_" + s.baseline + "_dense"] = r.speedup_vs_baseline;
            o["utilization"] = r.utilization;
            o["peak_macs_per_cycle"] = r.peak_macs_per_cycle;
        }
        o["run_dir"] = r.run_dir;
        j["rows"].push_back(o);
    }
    return j;
}

}  // namespace

int collect_study(const std::string& dir, bool quiet) {
    const StudyResult s = read_study(dir);
    const fs::path d(dir);
    write_whole_file((d / "study.csv").string(), study_csv(s));
    write_whole_file((d / "layers.csv").string(), layers_csv(s));
    write_whole_file((d / "study.json").string(), json_text(study_json(s), 2) + "\n");
    write_study_page(s, dir);
    std::size_t ok = 0;
    for (const auto& r : s.rows) ok += r.status == "ok";
    if (!quiet) {
        std::cout << "study: " << s.rows.size() << " rows (" << ok << " ok); " << (d / "study.csv").string() << ", "
                  << (d / "index.html").string() << "\n";
        print_study_summary(s, std::cout);
    }
    for (std::size_t i = 0; i < s.rows.size(); ++i)
        if (s.rows[i].status != "ok")
            std::cerr << s.rows[i].status << ": point " << i << " " << s.rows[i].point
                      << (s.rows[i].message.empty() ? "" : ": " + s.rows[i].message) << "\n";
    return ok == s.rows.size() ? 0 : 2;
}

}  // namespace skipsim
