#include "model_base.h"

#include "base/error.h"

namespace skipsim {

ModelBase::ModelBase(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                     double clock_ghz)
    : sc_core::sc_module(name), m_ctx(ctx), m_kind(std::move(kind)) {
    m_clock.ghz = clock_ghz > 0 ? clock_ghz : ctx.clock.ghz;
}

bool ModelBase::bind_initiator(const std::string& socket, TargetSocket& target) const {
    auto it = m_initiators.find(socket);
    if (it == m_initiators.end()) return false;
    it->second(target);
    return true;
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

sc_core::sc_time ModelBase::transfer_via(tlm::tlm_fw_transport_if<>& target, tlm::tlm_command cmd, std::uint64_t addr,
                                        std::uint64_t bytes, const sc_core::sc_time& at) {
    if (bytes == 0) return at;
    if (m_scratch.size() < bytes) m_scratch.resize(bytes);
    tlm::tlm_generic_payload p;
    p.set_command(cmd);
    p.set_address(addr);
    p.set_data_ptr(m_scratch.data());
    p.set_data_length(static_cast<unsigned>(bytes));
    p.set_streaming_width(static_cast<unsigned>(bytes));
    p.set_byte_enable_ptr(nullptr);
    p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_core::sc_time d = at - sc_core::sc_time_stamp();
    target.b_transport(p, d);
    if (p.is_response_error())
        throw InternalError(path() + ": transfer of " + std::to_string(bytes) + " bytes failed: " + p.get_response_string());
    return sc_core::sc_time_stamp() + d;
}

void ModelBase::trace(const std::string& name, const std::string& category,
                      const sc_core::sc_time& start, const sc_core::sc_time& end,
                      const OrderedJson& args) const {
    if (!m_ctx.trace) return;
    double s = start.to_seconds() * 1e9, e = end.to_seconds() * 1e9;
    m_ctx.trace->complete(path(), name, category, s, e - s, args);
}

}  // namespace skipsim
