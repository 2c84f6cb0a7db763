#include "model_base.h"

#include "base/error.h"

namespace skipsim {

namespace {

// `sc_name` with its platform's top module (`sc_top`) reported as "top".
std::string reported_path(const std::string& sc_name, const std::string& sc_top) {
    const bool under_top = sc_name.compare(0, sc_top.size(), sc_top) == 0 &&
                           (sc_name.size() == sc_top.size() || sc_name[sc_top.size()] == '.');
    return under_top ? "top" + sc_name.substr(sc_top.size()) : sc_name;
}

}  // namespace

ModelBase::ModelBase(const sc_core::sc_module_name& name, std::string kind, Role role, BuildContext& ctx,
                     double clock_ghz)
    : sc_core::sc_module(name), m_ctx(ctx), m_kind(std::move(kind)), m_path(reported_path(this->name(), ctx.sc_top)),
      m_role(role) {
    m_clock.ghz = clock_ghz > 0 ? clock_ghz : ctx.clock.ghz;
    // Tracks of the accelerator first, then buffers, then DRAM, each in the platform's order.
    if (ctx.trace) ctx.trace->declare_track(path(), 1 + static_cast<int>(role));
}

bool ModelBase::bind_initiator(const std::string& socket, TargetSocket& target) const {
    auto it = m_initiators.find(socket);
    if (it == m_initiators.end()) return false;
    it->second(target);
    return true;
}

std::optional<Role> ModelBase::peer_role(const std::string& socket) const {
    auto it = m_peer_roles.find(socket);
    if (it == m_peer_roles.end()) return std::nullopt;
    return it->second;
}

TargetSocket* ModelBase::target(const std::string& socket) const {
    auto it = m_targets.find(socket);
    return it == m_targets.end() ? nullptr : it->second;
}

std::vector<std::string> ModelBase::initiator_names() const {
    std::vector<std::string> v;
    for (const auto& [k, _] : m_initiators) v.push_back(k);
    return v;
}

std::vector<std::string> ModelBase::target_names() const {
    std::vector<std::string> v;
    for (const auto& [k, _] : m_targets) v.push_back(k);
    return v;
}

void ModelBase::expose_target(const std::string& socket, TargetSocket& s, const std::string& doc, bool multi) {
    m_targets[socket] = &s;
    if (multi) m_multi_targets.insert(socket);
    m_socket_docs.push_back({socket, std::string(multi ? "target (multi): " : "target: ") + doc});
}

std::uint64_t& ModelBase::stat(const std::string& name, const std::string& unit, const std::string& doc) {
    for (const StatDoc& d : m_stat_docs)
        if (d.name == name) throw InternalError(path() + ": counter '" + name + "' declared twice");
    m_stat_docs.push_back({name, unit, doc});
    return m_stats.counter(name);
}

std::uint64_t& ModelBase::energy_event(const std::string& event, const std::string& doc, double size_bytes) {
    m_energy_docs.push_back({event, doc});
    m_energy.define(event, m_ctx.energy ? m_ctx.energy->lookup(m_kind, event, size_bytes) : 0);
    return m_energy.counter(event);
}

void ModelBase::energy_family(const std::string& pattern, const std::string& doc) {
    m_energy_docs.push_back({pattern, doc});
}

void ModelBase::count_energy(const std::string& event, std::uint64_t n) {
    if (!m_energy.prices().count(event)) m_energy.define(event, m_ctx.energy ? m_ctx.energy->lookup(m_kind, event) : 0);
    m_energy.add(event, n);
}

void ModelBase::param_error(const std::string& param, const std::string& expected) const {
    const ParamOrigin o = m_ctx.params ? m_ctx.params->locate(basename(), param)
                                       : ParamOrigin{"", std::string(basename()) + ".params." + param};
    throw InputError(o.file, o.where, expected);
}

sc_core::sc_time ModelBase::transfer_via(tlm::tlm_fw_transport_if<>& target, tlm::tlm_command cmd, std::uint64_t addr,
                                        std::uint64_t bytes, const sc_core::sc_time& at) {
    if (bytes == 0) return at;
    if (m_scratch_bytes < bytes) {
        m_scratch.reset(new unsigned char[bytes]);
        m_scratch_bytes = bytes;
    }
    std::optional<tlm::tlm_generic_payload> local;
    const bool reuse = !m_payload_busy;
    tlm::tlm_generic_payload& p = reuse ? m_payload : local.emplace();
    struct Release {
        bool* busy;
        ~Release() {
            if (busy) *busy = false;
        }
    } release{reuse ? &m_payload_busy : nullptr};
    m_payload_busy = true;
    p.set_command(cmd);
    p.set_address(addr);
    p.set_data_ptr(m_scratch.get());
    p.set_data_length(static_cast<unsigned>(bytes));
    p.set_streaming_width(static_cast<unsigned>(bytes));
    p.set_byte_enable_ptr(nullptr);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    p.set_dmi_allowed(false);
    sc_core::sc_time d = at - sc_core::sc_time_stamp();
    target.b_transport(p, d);
    if (p.is_response_error())
        throw InternalError(path() + ": transfer of " + std::to_string(bytes) + " bytes failed: " + p.get_response_string());
    return sc_core::sc_time_stamp() + d;
}

void ModelBase::trace(const std::string& name, const std::string& category,
                      const sc_core::sc_time& start, const sc_core::sc_time& end,
                      const OrderedJson& args) const {
    trace_on("", name, category, start, end, args);
}

void ModelBase::trace_on(const std::string& part, const std::string& name, const std::string& category,
                         const sc_core::sc_time& start, const sc_core::sc_time& end, const OrderedJson& args) const {
    if (!m_ctx.trace) return;
    // Simulated time never goes back, and no model traces an event that starts before it.
    m_ctx.trace->advance(sc_core::sc_time_stamp().to_seconds() * 1e9);
    const double s = start.to_seconds() * 1e9, e = end.to_seconds() * 1e9;
    m_ctx.trace->complete(part.empty() ? path() : path() + "." + part, name, category, s, e - s, args);
    if (m_role == Role::dram && e > s && args.is_object() && args.contains("bytes"))
        m_ctx.trace->add_rate(path() + " bandwidth GB/s", name, s, e, args["bytes"].get<double>() / (e - s));
}

void ModelBase::trace_level(const std::string& counter, const std::string& series, const sc_core::sc_time& start,
                            const sc_core::sc_time& end, double level) const {
    if (!m_ctx.trace) return;
    m_ctx.trace->add_rate(path() + " " + counter, series, start.to_seconds() * 1e9, end.to_seconds() * 1e9, level);
}

}  // namespace skipsim
