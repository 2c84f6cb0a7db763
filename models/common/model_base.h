#pragma once
// The SystemC side shared by every model: an sc_module that is also a skipsim Component, owns
// its counters and energy ledger, names its sockets for the platform builder, and converts its
// own cycles to sc_time in exactly one place. A model declares each socket, counter and energy
// event once, where it creates it, with what it means; `skipsim describe` lists those.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <systemc>
#include <tlm>

#include "base/component.h"
#include "base/trace.h"

namespace skipsim {

// Any TLM-2.0 target socket (single or multi) is one of these; initiators are kept as the
// action of binding them, so that sockets of any width or policy can be exposed.
using TargetSocket = tlm::tlm_base_target_socket_b<32, tlm::tlm_fw_transport_if<>, tlm::tlm_bw_transport_if<>>;
using SocketBinder = std::function<void(TargetSocket&)>;

class ModelBase : public sc_core::sc_module, public Component {
public:
    // Whether the model runs SystemC processes of its own in fast mode (KindInfo::fast_mode_processes);
    // a model that does declares its own, `true`.
    static constexpr bool kFastModeProcesses = false;

    ModelBase(const sc_core::sc_module_name& name, std::string kind, Role role, BuildContext& ctx,
              double clock_ghz = 0);

    std::string path() const override { return m_path; }
    const std::string& model_kind() const override { return m_kind; }
    Role role() const override { return m_role; }
    const Counters& counters() const override { return m_stats; }
    const EnergyLedger& energy() const override { return m_energy; }
    double clock_ghz() const override { return m_clock.ghz; }
    std::vector<NamedDoc> socket_docs() const override { return m_socket_docs; }
    std::vector<StatDoc> stat_docs() const override { return m_stat_docs; }
    std::vector<NamedDoc> energy_docs() const override { return m_energy_docs; }

    // Binds initiator `socket` to `target`; false when there is no such initiator.
    bool bind_initiator(const std::string& socket, TargetSocket& target) const;
    bool has_initiator(const std::string& socket) const { return m_initiators.count(socket) > 0; }
    // The role the component bound to initiator `socket` must have, if the socket asks for one.
    std::optional<Role> peer_role(const std::string& socket) const;
    TargetSocket* target(const std::string& socket) const;
    bool target_is_multi(const std::string& socket) const { return m_multi_targets.count(socket) > 0; }
    std::vector<std::string> initiator_names() const;
    std::vector<std::string> target_names() const;

    // Called by the builder after `initiator` was bound to a target socket of `peer`.
    virtual void on_bound(const std::string& /*initiator*/, ModelBase& /*peer*/) {}

    const Clock& clock() const { return m_clock; }
    // The one place where this component's cycles become simulated time.
    sc_core::sc_time to_time(Cycles c) const {
        return sc_core::sc_time(m_clock.ns(c), sc_core::SC_NS);
    }
    double to_cycles(const sc_core::sc_time& t) const { return t.to_seconds() * m_clock.ghz * 1e9; }

protected:
    // `peer`: the role the bound component must have (the builder checks it).
    template <class InitiatorSocketType>
    void expose_initiator(const std::string& socket, InitiatorSocketType& s, const std::string& doc,
                          std::optional<Role> peer = std::nullopt) {
        m_initiators[socket] = [&s](TargetSocket& t) { s.bind(t); };
        if (peer) m_peer_roles[socket] = *peer;
        m_socket_docs.push_back({socket, "initiator: " + doc});
    }
    // `multi`: the socket accepts any number of initiators (else exactly one).
    void expose_target(const std::string& socket, TargetSocket& s, const std::string& doc, bool multi = false);
    // Declares a counter and returns it; each name once per component.
    std::uint64_t& stat(const std::string& name, const std::string& unit, const std::string& doc);
    // Declares an energy event and prices it from the energy table (by this kind; `size_bytes`
    // picks a point on a curve over capacity). Returns its counter, as stat() does: a hot path
    // counts through it instead of finding the event by name each time.
    std::uint64_t& energy_event(const std::string& event, const std::string& doc, double size_bytes = 0);
    // Declares a family of events named by a pattern ("mac_int<b>"); count_energy() prices each
    // member the first time it is counted.
    void energy_family(const std::string& pattern, const std::string& doc);
    void count_energy(const std::string& event, std::uint64_t n);
    // A bad value of this component's parameter `param`, blamed on where it came from (the
    // platform file's JSON pointer or the --set that gave it).
    [[noreturn]] void param_error(const std::string& param, const std::string& expected) const;

    // Sends one timing-only transfer through `socket` at absolute time `at`; returns the absolute
    // time it completes. A failed response is an internal error.
    template <class InitiatorSocketType>
    sc_core::sc_time transfer(InitiatorSocketType& socket, tlm::tlm_command cmd, std::uint64_t addr,
                              std::uint64_t bytes, const sc_core::sc_time& at) {
        return transfer_via(*socket.operator->(), cmd, addr, bytes, at);
    }
    sc_core::sc_time transfer_via(tlm::tlm_fw_transport_if<>& target, tlm::tlm_command cmd, std::uint64_t addr,
                                  std::uint64_t bytes, const sc_core::sc_time& at);
    // An event on this component's track (more lanes where its events overlap, base/trace.h).
    // A DRAM's events with a "bytes" arg also feed its bandwidth counter, by event name.
    // SystemC's own trace(sc_trace_file*) stays visible beside skipsim's event trace.
    using sc_core::sc_module::trace;
    void trace(const std::string& name, const std::string& category, const sc_core::sc_time& start,
               const sc_core::sc_time& end, const OrderedJson& args = nullptr) const;
    // An event on the track of one part of this component, "<path>.<part>" (a bank, a channel).
    void trace_on(const std::string& part, const std::string& name, const std::string& category,
                  const sc_core::sc_time& start, const sc_core::sc_time& end, const OrderedJson& args = nullptr) const;
    // Adds `level` to series `series` of this component's counter "<path> <counter>" from `start`
    // to `end` (the trace shows its time-weighted mean).
    void trace_level(const std::string& counter, const std::string& series, const sc_core::sc_time& start,
                     const sc_core::sc_time& end, double level) const;
    bool tracing() const { return m_ctx.trace != nullptr; }
    // Prices this kind's area items from the run's energy table (0 without one).
    AreaPricer area_pricer() const { return AreaPricer(m_ctx.energy, m_kind); }

    BuildContext& m_ctx;
    Counters m_stats;
    EnergyLedger m_energy;

private:
    std::string m_kind;
    std::string m_path;  // the SystemC name, under "top" (BuildContext::sc_top)
    Role m_role;
    Clock m_clock;
    std::map<std::string, SocketBinder> m_initiators;
    std::map<std::string, Role> m_peer_roles;
    std::map<std::string, TargetSocket*> m_targets;
    std::set<std::string> m_multi_targets;
    std::vector<NamedDoc> m_socket_docs, m_energy_docs;
    std::vector<StatDoc> m_stat_docs;
    // The data pointer of timing-only transfers, which no target reads: allocated but never
    // written, so that a run's largest transfers (hundreds of kilobytes) cost no page faults.
    std::unique_ptr<unsigned char[]> m_scratch;
    std::uint64_t m_scratch_bytes = 0;
    // The payload of this model's transfers, built once (building one per transfer allocated its
    // extension array every time); a transfer made while it is in use gets its own.
    tlm::tlm_generic_payload m_payload;
    bool m_payload_busy = false;
};

}  // namespace skipsim
