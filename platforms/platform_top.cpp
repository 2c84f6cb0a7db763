#include "platform_top.h"

#include <map>
#include <set>

#include "base/error.h"
#include "base/kind_info.h"

namespace skipsim {

PlatformTop::PlatformTop(const sc_core::sc_module_name& name, const PlatformSpec& spec, BuildContext& ctx)
    : sc_core::sc_module(name) {
    std::map<std::string, ModelBase*> by_name;
    for (const auto& cs : spec.components) {
        const KindInfo* info = KindRegistry::instance().find(cs.kind);
        auto comp = info->create(cs.name, cs.params, ctx);
        auto* model = dynamic_cast<ModelBase*>(comp.get());
        if (!model) throw InternalError("kind " + cs.kind + " did not create a SystemC model");
        by_name[cs.name] = model;
        if (cs.name == spec.accelerator) m_accelerator = model;
        m_components.push_back(std::move(comp));
    }
    std::set<std::string> bound, targets_bound;
    for (const auto& b : spec.bindings) {
        ModelBase* from = by_name.at(b.from_component);
        ModelBase* to = by_name.at(b.to_component);
        TargetSocket* target = to->target(b.to_socket);
        if (!from->has_initiator(b.from_socket)) {
            std::string hint = did_you_mean(b.from_socket, from->initiator_names());
            throw InputError(spec.file, b.pointer + "/from",
                             "'" + b.from_component + "' (" + from->model_kind() + ") has no initiator socket '" +
                                 b.from_socket + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        if (!target) {
            std::string hint = did_you_mean(b.to_socket, to->target_names());
            throw InputError(spec.file, b.pointer + "/to",
                             "'" + b.to_component + "' (" + to->model_kind() + ") has no target socket '" +
                                 b.to_socket + "'" + (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        if (const auto role = from->peer_role(b.from_socket); role && to->role() != *role)
            throw InputError(spec.file, b.pointer + "/to",
                             "expected '" + b.from_component + "." + b.from_socket + "' bound to a component of role '" +
                                 to_string(*role) + "', got '" + b.to_component + "' (" + to->model_kind() + ", role '" +
                                 to_string(to->role()) + "')");
        const std::string key = b.from_component + "." + b.from_socket;
        if (!bound.insert(key).second)
            throw InputError(spec.file, b.pointer + "/from", "initiator socket '" + key + "' is bound twice");
        const std::string target_key = b.to_component + "." + b.to_socket;
        if (!to->target_is_multi(b.to_socket) && !targets_bound.insert(target_key).second)
            throw InputError(spec.file, b.pointer + "/to",
                             "target socket '" + target_key + "' takes one initiator and is already bound");
        from->bind_initiator(b.from_socket, *target);
        from->on_bound(b.from_socket, *to);
    }
    // A multi-initiator target (a DRAM channel) must serve at least one initiator: SystemC cannot
    // elaborate one that nothing binds.
    std::set<std::string> targets_used;
    for (const auto& b : spec.bindings) targets_used.insert(b.to_component + "." + b.to_socket);
    for (const auto& [name, model] : by_name)
        for (const auto& socket : model->target_names())
            if (model->target_is_multi(socket) && !targets_used.count(name + "." + socket))
                throw InputError(spec.file, "/bindings",
                                 "target socket '" + name + "." + socket + "' is not bound to anything (expected at least one "
                                 "initiator bound to it, or no component '" + name + "')");
    for (const auto& [name, model] : by_name)
        for (const auto& socket : model->initiator_names())
            if (!bound.count(name + "." + socket))
                throw InputError(spec.file, "/bindings",
                                 "initiator socket '" + name + "." + socket + "' is not bound to anything");
    if (targets_bound.count(spec.accelerator + ".control"))
        throw InputError(spec.file, "/bindings", "'" + spec.accelerator + ".control' is driven by the workload driver; "
                                                 "bind nothing to it");
    if (!m_accelerator->target("control"))
        throw InputError(spec.file, "/accelerator", "'" + spec.accelerator + "' (" + m_accelerator->model_kind() +
                                                        ") has no 'control' socket to drive layers through");
}

TargetSocket& PlatformTop::accelerator_control() const {
    TargetSocket* t = m_accelerator->target("control");
    if (!t) throw InternalError("accelerator has no control socket");
    return *t;
}

}  // namespace skipsim
