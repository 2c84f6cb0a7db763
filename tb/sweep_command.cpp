#include "sweep_command.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "base/error.h"
#include "base/json_source.h"
#include "platform_spec.h"
#include "progress.h"
#include "svg_plot.h"
#include "workloads/loader.h"

extern char** environ;

namespace skipsim {

namespace fs = std::filesystem;

namespace {

struct PointResult {
    std::string status = "ok", message;
    std::uint64_t cycles = 0, ddr_bytes = 0, effective_macs = 0;
    double seconds = 0, utilization = 0, energy_pj = 0, compute_speedup = 1;
};

const char* kMetrics[] = {"cycles", "seconds", "utilization", "energy_pj", "ddr_bytes", "effective_macs",
                          "compute_speedup"};

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
    return q + "\"";
}

std::vector<std::string> csv_split(const std::string& line) {
    std::vector<std::string> f;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            f.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    f.push_back(cur);
    return f;
}

std::string metric_text(const PointResult& r, const std::string& m) {
    std::ostringstream ss;
    ss.precision(10);
    if (m == "cycles") ss << r.cycles;
    else if (m == "seconds") ss << r.seconds;
    else if (m == "utilization") ss << r.utilization;
    else if (m == "energy_pj") ss << r.energy_pj;
    else if (m == "ddr_bytes") ss << r.ddr_bytes;
    else if (m == "effective_macs") ss << r.effective_macs;
    else ss << r.compute_speedup;
    return ss.str();
}

class SweepTable {
public:
    SweepTable(std::string path, std::vector<std::string> params) : m_path(std::move(path)), m_params(std::move(params)) {}

    std::string key(const std::string& workload, const std::vector<std::string>& values) const {
        std::string k = workload;
        for (const auto& v : values) k += "\x1f" + v;
        return k;
    }

    // Rows of an earlier run of the same sweep; a file with other columns is not ours to reuse.
    void load() {
        std::ifstream in(m_path);
        std::string line;
        if (!std::getline(in, line) || line != header()) return;
        while (std::getline(in, line)) {
            auto f = csv_split(line);
            if (f.size() != 3 + m_params.size() + std::size(kMetrics)) continue;
            Row r;
            r.workload = f[0];
            r.values.assign(f.begin() + 1, f.begin() + 1 + static_cast<long>(m_params.size()));
            r.status = f[1 + m_params.size()];
            r.metrics.assign(f.begin() + 2 + static_cast<long>(m_params.size()), f.end() - 1);
            r.message = f.back();
            m_rows[key(r.workload, r.values)] = r;
        }
    }
    bool done(const SweepPoint& p) const {
        auto it = m_rows.find(key(p.workload, p.values));
        return it != m_rows.end() && it->second.status == "ok";
    }
    void record(const SweepPoint& p, const PointResult& res) {
        Row r;
        r.workload = p.workload;
        r.values = p.values;
        r.status = res.status;
        for (const char* m : kMetrics) r.metrics.push_back(res.status == "ok" ? metric_text(res, m) : "");
        r.message = res.message;
        m_rows[key(p.workload, p.values)] = r;
        save();
    }
    // Rewritten whole and renamed into place, so the file is never half-written.
    void save() const {
        const std::string tmp = m_path + ".partial";
        {
            std::ofstream out(tmp);
            out << header() << "\n";
            for (const auto& [_, r] : m_rows) {
                out << csv_field(r.workload);
                for (const auto& v : r.values) out << "," << csv_field(v);
                out << "," << r.status;
                for (const auto& m : r.metrics) out << "," << m;
                out << "," << csv_field(r.message) << "\n";
            }
        }
        fs::rename(tmp, m_path);
    }
    void plot(const std::string& dir) const;

private:
    struct Row {
        std::string workload, status, message;
        std::vector<std::string> values, metrics;
    };
    std::string header() const {
        std::string h = "workload";
        for (const auto& p : m_params) h += "," + p;
        h += ",status";
        for (const char* m : kMetrics) h += std::string(",") + m;
        return h + ",message";
    }
    std::string m_path;
    std::vector<std::string> m_params;
    std::map<std::string, Row> m_rows;
};

// "a=8" before "a=16": digit runs compare as numbers, so legends read in order.
bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
            while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
            const std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = ie, j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i, ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

bool all_numeric(const std::vector<std::string>& v) {
    for (const auto& s : v) {
        char* end = nullptr;
        std::strtod(s.c_str(), &end);
        if (s.empty() || *end) return false;
    }
    return true;
}

// One plot per (metric, varied parameter): the metric against the parameter, one series per
// workload and combination of the other parameters.
void SweepTable::plot(const std::string& dir) const {
    fs::create_directories(dir);
    const std::pair<const char*, const char*> shown[] = {
        {"cycles", "cycles"}, {"utilization", "utilization (effective MACs / peak)"}, {"energy_pj", "energy (pJ)"}};
    for (std::size_t pi = 0; pi < m_params.size(); ++pi) {
        std::vector<std::string> xs;
        for (const auto& [_, r] : m_rows)
            if (std::find(xs.begin(), xs.end(), r.values[pi]) == xs.end()) xs.push_back(r.values[pi]);
        const bool numeric = all_numeric(xs);
        if (numeric) std::sort(xs.begin(), xs.end(), [](const std::string& a, const std::string& b) { return std::stod(a) < std::stod(b); });
        for (std::size_t mi = 0; mi < std::size(shown); ++mi) {
            const std::size_t metric_index =
                static_cast<std::size_t>(std::find_if(std::begin(kMetrics), std::end(kMetrics),
                                                      [&](const char* m) { return std::string(m) == shown[mi].first; }) -
                                         std::begin(kMetrics));
            Plot plot;
            plot.title = std::string(shown[mi].second) + " vs " + m_params[pi];
            plot.x_label = m_params[pi];
            plot.y_label = shown[mi].second;
            if (!numeric) plot.categories = xs;
            std::map<std::string, PlotSeries> series;
            double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
            for (const auto& [_, r] : m_rows) {
                if (r.status != "ok") continue;
                std::string label = fs::path(r.workload).stem().string();
                for (std::size_t o = 0; o < m_params.size(); ++o)
                    if (o != pi) label += " " + m_params[o] + "=" + r.values[o];
                PlotSeries& s = series[label];
                s.label = label;
                const double x = numeric ? std::stod(r.values[pi])
                                         : static_cast<double>(std::find(xs.begin(), xs.end(), r.values[pi]) - xs.begin());
                const double y = std::stod(r.metrics[metric_index]);
                s.x.push_back(x);
                s.y.push_back(y);
                xmin = std::min(xmin, x), xmax = std::max(xmax, x), ymin = std::min(ymin, y), ymax = std::max(ymax, y);
            }
            if (series.empty()) continue;
            plot.log_x = numeric && xmin > 0 && xmax / xmin >= 8;
            plot.log_y = mi != 1 && ymin > 0 && ymax / ymin >= 20;
            for (auto& [_, s] : series) plot.series.push_back(std::move(s));
            std::sort(plot.series.begin(), plot.series.end(),
                      [](const PlotSeries& a, const PlotSeries& b) { return natural_less(a.label, b.label); });
            std::ofstream(fs::path(dir) / (std::string(shown[mi].first) + "_vs_" + m_params[pi] + ".svg"))
                << render_svg(plot);
        }
    }
}

PointResult read_result(const std::string& run_dir, int status, const std::string& log) {
    PointResult r;
    if (status == 0) {
        try {
            OrderedJson rep = read_json_file(run_dir + "/report.json");
            const auto& t = rep["totals"];
            r.cycles = t["cycles"].get<std::uint64_t>();
            r.seconds = t["seconds"].get<double>();
            r.utilization = t["utilization"].get<double>();
            r.energy_pj = t["energy_pj"]["total"].get<double>();
            r.ddr_bytes = t["ddr_bytes"]["read"].get<std::uint64_t>() + t["ddr_bytes"]["written"].get<std::uint64_t>();
            r.effective_macs = t["effective_macs"].get<std::uint64_t>();
            r.compute_speedup = t["compute_speedup"].get<double>();
            return r;
        } catch (const std::exception& e) {
            r.status = "failed";
            r.message = std::string("unreadable report: ") + e.what();
            return r;
        }
    }
    r.status = "failed";
    std::ifstream in(log);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;
    if (last.rfind("error: ", 0) == 0) last = last.substr(7);
    r.message = last.empty() ? "exited with status " + std::to_string(status) : last;
    return r;
}

struct Running {
    std::size_t point;
    std::chrono::steady_clock::time_point started;
};

// Points in flight, so that a sweep that is interrupted stops them too (they would otherwise
// finish as orphans); their run directories are staged and vanish with them.
constexpr std::size_t kMaxJobs = 256;
volatile sig_atomic_t g_children[kMaxJobs];

extern "C" void stop_points_and_exit(int sig) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (g_children[i] > 0) kill(static_cast<pid_t>(g_children[i]), SIGTERM);
    _exit(128 + sig);
}

void track_child(pid_t pid, bool add) {
    for (std::size_t i = 0; i < kMaxJobs; ++i)
        if (add ? g_children[i] == 0 : g_children[i] == pid) {
            g_children[i] = add ? pid : 0;
            return;
        }
}

}  // namespace

int sweep_command(const SweepOptions& o, const std::string& self_exe) {
    // Inputs shared by every point are checked once, before anything runs.
    load_platform(o.platform, o.overrides);
    LoadOptions lo;
    for (const auto& w : o.workloads) load_workload(w, lo);
    std::vector<VariedParam> vary;
    std::vector<std::string> params;
    for (const auto& v : o.vary) {
        vary.push_back(parse_vary(v));
        params.push_back(vary.back().path);
    }
    const auto points = sweep_points(o.workloads, vary, o.zip);

    std::error_code ec;
    fs::create_directories(fs::path(o.out_dir) / "points", ec);
    if (ec) throw InputError(o.out_dir, "", "cannot create the sweep directory (" + ec.message() + ")");
    SweepTable table((fs::path(o.out_dir) / "sweep.csv").string(), params);
    table.load();

    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < points.size(); ++i)
        if (!table.done(points[i])) todo.push_back(i);
    const std::size_t skipped = points.size() - todo.size();
    std::size_t next = 0, finished = 0, failed = 0;
    bool bad_input = false, crashed = false;
    std::map<pid_t, Running> running;
    ProgressBar bar(!o.quiet);

    auto spawn = [&](std::size_t pi) {
        const SweepPoint& p = points[pi];
        const std::string run_dir = (fs::path(o.out_dir) / "points" / p.id).string();
        const std::string log = run_dir + ".log";
        std::vector<std::string> args = {self_exe, "run", "--quiet", "--platform", o.platform, "--workload", p.workload,
                                         "--mode", o.mode, "--out", run_dir};
        for (const auto& s : o.overrides) args.insert(args.end(), {"--set", s});
        for (std::size_t i = 0; i < vary.size(); ++i) args.insert(args.end(), {"--set", vary[i].path + "=" + p.values[i]});
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        pid_t pid = 0;
        const int rc = posix_spawn(&pid, self_exe.c_str(), &fa, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) throw InternalError("cannot start " + self_exe + ": " + std::strerror(rc));
        running[pid] = {pi, std::chrono::steady_clock::now()};
        track_child(pid, true);
    };
    auto finish = [&](std::size_t pi, const PointResult& r) {
        table.record(points[pi], r);
        ++finished;
        if (r.status != "ok") ++failed;
        bar.update(finished, todo.size(), std::to_string(failed) + " failed");
    };

    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, stop_points_and_exit);
    bar.update(0, todo.size(), "");
    while (next < todo.size() || !running.empty()) {
        while (next < todo.size() && running.size() < std::max(1u, o.jobs)) spawn(todo[next++]);
        int status = 0;
        const pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0 && running.count(pid)) {
            track_child(pid, false);
            const std::size_t pi = running[pid].point;
            running.erase(pid);
            const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            const std::string run_dir = (fs::path(o.out_dir) / "points" / points[pi].id).string();
            PointResult r = read_result(run_dir, code, run_dir + ".log");
            if (code == 2) bad_input = true;
            else if (code != 0) crashed = true;
            finish(pi, r);
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        for (auto it = running.begin(); it != running.end();) {
            if (std::chrono::duration<double>(now - it->second.started).count() > o.timeout_s) {
                kill(it->first, SIGKILL);
                waitpid(it->first, nullptr, 0);
                track_child(it->first, false);
                PointResult r;
                r.status = "failed";
                r.message = "timed out after " + std::to_string(static_cast<long>(o.timeout_s)) + " s";
                crashed = true;
                const std::size_t pi = it->second.point;
                it = running.erase(it);
                finish(pi, r);
            } else {
                ++it;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    bar.finish();
    table.save();
    table.plot((fs::path(o.out_dir) / "plots").string());
    if (!o.quiet)
        std::cout << "sweep: " << points.size() << " points (" << skipped << " already done, " << finished - failed
                  << " ran, " << failed << " failed); " << (fs::path(o.out_dir) / "sweep.csv").string() << ", "
                  << (fs::path(o.out_dir) / "plots").string() << "/\n";
    return bad_input ? 2 : crashed ? 1 : 0;
}

}  // namespace skipsim
