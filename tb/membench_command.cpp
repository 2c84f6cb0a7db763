#include "membench_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "base/error.h"
#include "base/kind_info.h"
#include "base/params.h"
#include "memory/ddr_channel.h"
#include "owned_dir.h"
#include "platform_spec.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kPatterns = {"seq_read", "rand_read", "seq_write", "rand_write", "mix"};

// Requests of one pattern: sequential ones walk the device from address 0 (wrapping around it),
// random ones are uniform over it, aligned to the request size; in "mix" every third is a write.
class PatternSource : public DramRequestSource {
public:
    PatternSource(const std::string& pattern, std::uint64_t requests, std::uint64_t request_bytes,
                  std::uint64_t capacity, std::uint64_t seed)
        : m_random(pattern.rfind("rand", 0) == 0 || pattern == "mix"),
          m_write(pattern == "seq_write" || pattern == "rand_write"),
          m_mix(pattern == "mix"),
          m_requests(requests),
          m_bytes(request_bytes),
          m_slots(capacity / request_bytes),
          m_rng(seed) {}

    bool next(DramRequest& r) override {
        if (m_i == m_requests) return false;
        const std::uint64_t slot = m_random ? std::uniform_int_distribution<std::uint64_t>(0, m_slots - 1)(m_rng)
                                            : m_i % m_slots;
        r.addr = slot * m_bytes;
        r.bytes = m_bytes;
        r.write = m_mix ? m_i % 3 == 2 : m_write;
        ++m_i;
        return true;
    }

private:
    bool m_random, m_write, m_mix;
    std::uint64_t m_requests, m_bytes, m_slots, m_i = 0;
    std::mt19937_64 m_rng;
};

class ReadLatency : public DramObserver {
public:
    void completed(std::uint64_t, bool write, Tick admitted, Tick done) override {
        if (write) return;
        m_sum += static_cast<double>(done - admitted);
        ++m_reads;
    }
    std::uint64_t reads() const { return m_reads; }
    double mean_cycles() const { return m_reads ? m_sum / static_cast<double>(m_reads) : 0; }

private:
    double m_sum = 0;
    std::uint64_t m_reads = 0;
};

const ComponentSpec& pick_component(const PlatformSpec& spec, const std::string& name) {
    if (!name.empty()) {
        if (const ComponentSpec* c = spec.find(name)) return *c;
        std::vector<std::string> names;
        for (const auto& c : spec.components) names.push_back(c.name);
        const std::string hint = did_you_mean(name, names);
        throw InputError("--component", "", "expected a component of " + spec.file + ", got '" + name + "'" +
                                                (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    std::vector<const ComponentSpec*> drams;
    for (const auto& c : spec.components)
        if (KindRegistry::instance().find(c.kind)->role == Role::dram) drams.push_back(&c);
    if (drams.empty())
        throw InputError(spec.file, "/components", "expected a component of role dram to drive; the platform has none");
    if (drams.size() > 1) {
        std::string list;
        for (const auto* c : drams) list += (list.empty() ? "" : ", ") + c->name;
        throw InputError("--component", "", "expected the name of one of the platform's DRAM components (" + list + ")");
    }
    return *drams.front();
}

void write_json(const std::string& dir, bool force, const OrderedJson& j) {
    const OwnedDirState existing = check_output_dir(dir, "membench", force, "--out");
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError("--out", dir, "cannot create the directory (" + ec.message() + ")");
    const fs::path file = fs::path(dir) / "membench.json", tmp = fs::path(dir) / "membench.json.partial";
    {
        std::ofstream f(tmp, std::ios::binary);
        f << j.dump(2) << "\n";
        if (!f) throw InputError("--out", dir, "cannot write membench.json");
    }
    fs::rename(tmp, file, ec);
    if (ec) throw InputError("--out", dir, "cannot write membench.json (" + ec.message() + ")");
    if (!existing.marked) write_owned_mark(dir, "membench", {"membench.json"});
}

}  // namespace

int membench_command(const MembenchOptions& o, std::ostream& out) {
    if (std::find(kPatterns.begin(), kPatterns.end(), o.pattern) == kPatterns.end())
        throw InputError("--pattern", "", "expected " + choices_text(kPatterns) + ", got '" + o.pattern + "'");
    if (o.bytes == 0) throw InputError("--bytes", "", "expected a positive number of bytes, got 0");
    const PlatformSpec spec = load_platform(o.platform, o.overrides);
    const ComponentSpec& comp = pick_component(spec, o.component);
    if (comp.kind != DdrChannel::kKind)
        throw InputError("--component", "", "expected a DRAM channel (ddr_channel), got '" + comp.name + "', a " + comp.kind);
    const DdrChannelParams p = read_params<DdrChannelParams>(comp.params, spec.file, comp.pointer + "/params");
    if (p.model == "unlimited")
        throw InputError(spec.file, comp.pointer + "/params/model",
                         "expected a timed model (dram or ideal); 'unlimited' moves any number of bytes in no time");
    const std::uint64_t burst = p.burst_bytes(), capacity = p.dev.capacity_bytes();
    if (o.request_bytes == 0 || o.request_bytes % burst || o.request_bytes > capacity)
        throw InputError("--request-bytes", "",
                         "expected a positive multiple of the DRAM burst (" + std::to_string(burst) + " bytes for '" +
                             comp.name + "') no larger than the device, got " + std::to_string(o.request_bytes));
    const std::uint64_t requests = ceil_div(o.bytes, o.request_bytes), bytes = requests * o.request_bytes;

    DdrChannelCore core(p);
    PatternSource src(o.pattern, requests, o.request_bytes, capacity, o.seed);
    ReadLatency latency;
    const DdrAccessResult r = core.stream(src, 0, &latency);
    const double ns_per_cycle = 1.0 / p.dev.clock_ghz;
    const double seconds = static_cast<double>(r.done) * ns_per_cycle * 1e-9;
    const double gbps = seconds > 0 ? static_cast<double>(bytes) / seconds / 1e9 : 0;
    const double peak = core.peak_bytes_per_cycle() * p.dev.clock_ghz;
    const DdrEnergyCounts e = core.energy_counts();
    const DramEnergyPrices& price = core.prices();

    OrderedJson j;
    j["schema"] = "skipsim.membench/1";
    j["platform"] = spec.file;
    j["component"] = comp.name;
    j["model"] = p.model;
    j["preset"] = p.preset;
    j["mapping"] = p.mapping;
    j["pattern"] = o.pattern;
    j["bytes"] = bytes;
    j["request_bytes"] = o.request_bytes;
    j["requests"] = requests;
    j["seed"] = o.seed;
    j["seconds"] = seconds;
    j["bandwidth_gbps"] = gbps;
    j["peak_gbps"] = peak;
    j["efficiency"] = peak > 0 ? gbps / peak : 0;
    j["avg_read_latency_ns"] = latency.reads() ? OrderedJson(latency.mean_cycles() * ns_per_cycle) : OrderedJson();
    j["activates"] = r.activates;
    j["row_hits"] = r.row_hits;
    j["row_misses"] = r.row_misses;
    j["row_conflicts"] = r.row_conflicts;
    j["refreshes"] = r.refreshes;
    j["energy_pj"] = core.energy_pj();
    j["energy_pj_by_event"] = {{"activate", price.activate * e.activate},
                               {"read_burst", price.read_burst * e.read_burst},
                               {"write_burst", price.write_burst * e.write_burst},
                               {"refresh", price.refresh * e.refresh},
                               {"standby_active", price.standby_active_cycle * e.standby_active_cycle},
                               {"standby_precharged", price.standby_precharged_cycle * e.standby_precharged_cycle}};
    if (!o.out_dir.empty()) write_json(o.out_dir, o.force, j);

    char line[256];
    out << "membench " << o.pattern << " on " << spec.file << " component " << comp.name << " (" << p.model << ", "
        << p.preset << ", " << p.mapping << "), " << requests << " requests of " << o.request_bytes << " bytes\n";
    std::snprintf(line, sizeof line, "  bandwidth  %.2f GB/s of %.2f GB/s peak (%.1f %%), %.3f ms\n", gbps, peak,
                  peak > 0 ? 100 * gbps / peak : 0.0, seconds * 1e3);
    out << line;
    if (latency.reads()) {
        std::snprintf(line, sizeof line, "  read latency %.1f ns on average (queueing included)\n",
                      latency.mean_cycles() * ns_per_cycle);
        out << line;
    }
    std::snprintf(line, sizeof line, "  rows  %llu hits, %llu misses, %llu conflicts; %llu activates, %llu refreshes\n",
                  static_cast<unsigned long long>(r.row_hits), static_cast<unsigned long long>(r.row_misses),
                  static_cast<unsigned long long>(r.row_conflicts), static_cast<unsigned long long>(r.activates),
                  static_cast<unsigned long long>(r.refreshes));
    out << line;
    std::snprintf(line, sizeof line, "  energy %.3f uJ (%.2f pJ per bit moved)\n", core.energy_pj() / 1e6,
                  core.energy_pj() / (8.0 * static_cast<double>(bytes)));
    out << line;
    if (!o.out_dir.empty()) out << "  written to " << (fs::path(o.out_dir) / "membench.json").string() << "\n";
    return 0;
}

}  // namespace skipsim
