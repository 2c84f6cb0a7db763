#include "run_session.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>

#include "base/error.h"
#include "base/trace.h"
#include "driver.h"
#include "file_name.h"
#include "layer_data.h"
#include "layer_trace.h"
#include "platform_top.h"
#include "progress.h"
#include "provenance.h"
#include "report.h"
#include "report_html.h"
#include "run_dir.h"
#include "workloads/loader.h"
#include "workloads/npy.h"
#include "workloads/zero_structure.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

std::string default_out_dir(const RunOptions& o) {
    return "runs/" + fs::path(o.workload).stem().string() + "-" + fs::path(o.platform).stem().string() +
           (o.mode == Fidelity::cycle ? "-cycle" : "");
}

OrderedJson resolved_config(const PlatformSpec& spec, const Network& net, const RunOptions& o,
                            const std::string& energy_file) {
    OrderedJson j;
    j["schema"] = "skipsim.resolved_config/1";
    j["platform"] = spec.to_json();
    j["energy_table"] = energy_file;
    j["workload"] = {{"file", o.workload}, {"format", o.workload_format}, {"name", net.name},
                     {"layers", net.layers.size()}};
    if (!o.input_shapes.empty()) j["workload"]["input_shapes"] = o.input_shapes;
    j["run"] = {{"mode", o.mode == Fidelity::cycle ? "cycle" : "fast"}, {"check", o.check},
                {"trace", o.trace}, {"html", o.html}, {"seed", o.seed}};
    return j;
}

// Keep-masks as .npy files (uint8, shape K x C/g x R x S) that a workload can name again with
// {"pattern": "mask", "file": ...}.
void save_masks(const Network& net, RunMasks& masks, const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError(dir, "", "cannot create the mask directory (" + ec.message() + ")");
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        if (!masks.masked(i)) continue;
        const Layer& l = net.layers[i];
        const std::vector<std::uint8_t>& mask = masks.layer(i).mask;
        write_npy((fs::path(dir) / (file_name_part(l.name) + ".npy")).string(), "u1",
                  {l.out_channels, l.channels_per_group(), l.kernel_h, l.kernel_w},
                  std::vector<double>(mask.begin(), mask.end()));
    }
}

// Layers whose zeros the accelerator cannot use run dense: the run says so, once.
void warn_unused_zeros(const RunResult& figures, const RunMasks& masks, const Component& accelerator,
                       const std::function<void(const std::string&)>& warn) {
    std::size_t with_zeros = 0, unused = 0, first = 0;
    for (std::size_t i = 0; i < figures.layers.size(); ++i) {
        if (!masks.masked(i)) continue;
        ++with_zeros;
        const auto& use = figures.layers[i].sparsity_use;
        if (use && !use->used && !unused++) first = i;
    }
    if (!unused) return;
    warn(std::to_string(unused) + " of " + std::to_string(with_zeros) + " layers with zero weights run dense on " +
         accelerator.model_kind() + " (layer " + name_text(figures.layers[first].name) + ": " +
         figures.layers[first].sparsity_use->note + "); report.json gives each layer's sparsity_used and the structure "
         "of its zeros");
}

}  // namespace

struct RunSession::State {
    RunOptions opts;
    LoadOptions load;
    Network net;
    PlatformSpec spec;
    EnergyTable energy;
    std::unique_ptr<RunDir> dir;
    std::ofstream trace_file;
    std::unique_ptr<TraceSink> trace;
    BuildContext ctx;
    std::unique_ptr<PlatformTop> top;
    PlatformArea area;
    std::unique_ptr<RunMasks> masks;
    std::vector<std::uint64_t> eff_macs;
    std::vector<ZeroStructure> zeros;
    // The program file is staged like the run directory: complete or absent.
    struct StagedFile {
        std::string path;
        bool committed = false;
        ~StagedFile() {
            if (!path.empty() && !committed) std::remove(path.c_str());
        }
    } program_staged;
    std::ofstream program_file;
    std::unique_ptr<WorkloadDriver> driver;
    ProgressBar bar{false};
};

RunSession::RunSession(const RunOptions& options, const std::string& name_suffix) : m(std::make_unique<State>()) {
    const RunOptions& opts = m->opts = options;
    // Everything the user gave is read and validated before anything is written.
    LoadOptions& load = m->load;
    load.format = opts.workload_format;
    load.input_shapes = opts.input_shapes;
    load.warn = [quiet = opts.quiet](const std::string& msg) {
        if (!quiet) std::cerr << "warning: " << msg << "\n";
    };
    Network& net = m->net = opts.preloaded_workload ? *opts.preloaded_workload : load_workload(opts.workload, load);
    if (net.layers.empty()) throw InputError(opts.workload, "", "expected at least one layer");
    PlatformSpec& spec = m->spec = load_platform(opts.platform, opts.overrides);
    m->energy = EnergyTable::load(spec.energy_table);

    m->dir = std::make_unique<RunDir>(opts.out_dir.empty() ? default_out_dir(opts) : opts.out_dir, opts.force);
    if (opts.trace) {
        m->trace_file.open(m->dir->file("trace.json"), std::ios::binary);
        m->trace = std::make_unique<TraceSink>(m->trace_file);
        m->trace->declare_track(kLayersTrack, 0);  // first, above the platform's tracks
    }

    BuildContext& ctx = m->ctx;
    ctx.clock.ghz = spec.clock_ghz;
    ctx.energy = &m->energy;
    ctx.trace = m->trace.get();
    ctx.fidelity = opts.mode;
    ctx.check = opts.check;
    ctx.params = &spec.origins;
    ctx.emit_program = !opts.emit_program.empty();
    ctx.threads = opts.threads;
    ctx.sc_top = "top" + name_suffix;

    m->top = std::make_unique<PlatformTop>(ctx.sc_top.c_str(), spec, ctx);
    PlatformTop& top = *m->top;
    m->area = platform_area(top.components());
    // Nothing large is allocated or simulated before the run is known to fit its limits.
    check_resources(net, top.accelerator(), opts.mode, opts.limits);
    m->masks = std::make_unique<RunMasks>(net);
    RunMasks& masks = *m->masks;
    m->eff_macs.resize(net.layers.size());
    m->zeros.resize(net.layers.size());
    // The accelerator checks (and plans) each layer while its mask is at hand too, rather than from
    // its packed bits after all are generated. The first layer it refuses is reported once every mask
    // is generated, as a mask's own errors come first.
    std::exception_ptr refused;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const LayerSparsity& s = masks.generate(i, net.layers[i]);
        m->eff_macs[i] = effective_macs(net.layers[i], s);
        m->zeros[i] = analyze_zeros(net.layers[i], s.mask);
        if (refused) continue;
        try {
            top.accelerator().check_layer(net.layers[i], s.mask);
        } catch (...) {
            refused = std::current_exception();
        }
    }
    if (refused) std::rethrow_exception(refused);
    if (!opts.emit_program.empty()) {
        if (!top.accelerator().runs_programs())
            throw InputError("--emit-program", "", "expected an accelerator that runs programs (aie_array), '" +
                                                       top.accelerator().model_kind() + "' runs none");
        m->program_staged.path = opts.emit_program + ".partial";
        m->program_file.open(m->program_staged.path, std::ios::binary);
        if (!m->program_file) throw InputError(opts.emit_program, "", "cannot write the program file");
    }
    const bool functional = opts.mode == Fidelity::cycle;
    m->driver = std::make_unique<WorkloadDriver>(("driver" + name_suffix).c_str(), net, top.components(), functional);
    WorkloadDriver& driver = *m->driver;
    driver.accelerator.bind(top.accelerator_control());
    State* const s = m.get();
    driver.mask_of = [s](std::size_t i) { return &s->masks->layer(i).mask; };
    driver.prepare = [s](const Layer& l, std::size_t i, LayerTensors& t) {
        fill_tensors(l, s->masks->layer(i), s->opts.seed, i, t);
    };
    if (opts.check)
        driver.finish = [s](const Layer& l, std::size_t i, const LayerTensors& t) { check_output(l, s->masks->layer(i), t); };
    m->bar = ProgressBar(!opts.quiet && net.layers.size() > 1);
    driver.progress = [s](std::size_t done, std::size_t total, const std::string& name) { s->bar.update(done, total, name); };
}

RunSession::~RunSession() = default;

void RunSession::on_done(std::function<void()> done) { m->driver->done = std::move(done); }

namespace {

bool has_process(const sc_core::sc_object& o) {
    for (const sc_core::sc_object* child : o.get_child_objects())
        if (dynamic_cast<const sc_core::sc_process_b*>(child) || has_process(*child)) return true;
    return false;
}

}  // namespace

bool RunSession::runs_own_processes() const { return has_process(*m->top); }

int RunSession::finish() {
    const RunOptions& opts = m->opts;
    const Network& net = m->net;
    const PlatformSpec& spec = m->spec;
    PlatformTop& top = *m->top;
    WorkloadDriver& driver = *m->driver;
    RunDir& dir = *m->dir;
    m->bar.finish();
    if (driver.failure()) std::rethrow_exception(driver.failure());
    if (!driver.completed()) throw InternalError("the simulation ended before the last layer finished");

    RunResult figures = collect_results(net, driver.records(), top.components(), top.accelerator(), m->eff_macs);
    figures.total.area_mm2 = m->area.total_mm2();
    figures.area = std::move(m->area);
    for (std::size_t i = 0; i < figures.layers.size(); ++i) figures.layers[i].zeros = m->zeros[i];
    warn_unused_zeros(figures, *m->masks, top.accelerator(), m->load.warn);
    const std::vector<InputFile> inputs = run_inputs(spec, net);
    dir.write("report.json",
              json_text(report_json(figures, net, spec, opts, top.accelerator(), provenance_json(opts, inputs)), 2) + "\n");
    std::ostringstream csv;
    write_layers_csv(csv, figures, net);
    dir.write("layers.csv", csv.str());
    dir.write("resolved_config.json", json_text(resolved_config(spec, net, opts, spec.energy_table), 2) + "\n");
    if (opts.html) {
        const std::string run_dir = fs::absolute(dir.final_path()).lexically_normal().string();
        dir.write("report.html", report_html({figures, net, spec, opts, top.accelerator(),
                                              run_dir.size() > 1 && run_dir.back() == '/' ? run_dir.substr(0, run_dir.size() - 1) : run_dir,
                                              find_trace_viewer(), inputs}));
    }
    if (m->trace) {
        trace_layers(*m->trace, net, driver.records(), figures);
        m->trace->finish();
        m->trace_file.close();
    }
    if (m->program_file.is_open()) {
        m->program_file << top.accelerator().program_text();
        m->program_file.close();
        std::error_code ec;
        fs::rename(m->program_staged.path, opts.emit_program, ec);
        if (!m->program_file || ec) throw InputError(opts.emit_program, "", "cannot write the program file");
        m->program_staged.committed = true;
    }
    dir.commit();
    if (opts.totals_out) *opts.totals_out = figures.total;
    if (!opts.save_masks.empty()) save_masks(net, *m->masks, opts.save_masks);
    if (!opts.quiet) {
        print_summary(std::cout, figures, net, spec, opts);
        std::cout << "run directory: " << dir.final_path() << "\n";
    }
    return 0;
}

}  // namespace skipsim
