#pragma once
// The accelerator role: the component the workload driver hands each layer to through its
// "control" socket. A family derives from it (or from BufferedAccelerator, which adds the SRAM
// shell) and implements run_layer().
#include <map>
#include <optional>

#include <tlm_utils/simple_target_socket.h>

#include "layer_job.h"
#include "model_base.h"

namespace skipsim {

class AcceleratorModel : public ModelBase {
public:
    static constexpr Role kRole = Role::accelerator;

    AcceleratorModel(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz);

    tlm_utils::simple_target_socket<AcceleratorModel> control;

    // By default every MAC of the layer is one simulated step; arrays that step every PE each
    // clock override it.
    double cycle_mode_work(const Layer& layer) const override { return static_cast<double>(layer.dense_macs()); }

protected:
    // Runs one layer from now + `delay`; sets `delay` to its end.
    virtual void run_layer(const LayerJob& job, sc_core::sc_time& delay) = 0;
    // A layer this accelerator cannot map with its parameter `param` as it is.
    [[noreturn]] void layer_param_error(const Layer& layer, const std::string& param, const std::string& expected) const {
        param_error(param, expected + " (layer '" + layer.name + "')");
    }
    // Counts `macs` multiply-accumulates of the layer's width ("mac_int<b>", b the wider operand).
    void count_mac_energy(const Layer& layer, std::uint64_t macs);

private:
    void control_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay);
};

// Plans made by check_layer() before the simulation, taken by run_layer(), so that a layer is
// planned (mapping searches, column combining, compilation) once per run.
template <class Plan>
class PlanCache {
public:
    void keep(const Layer& layer, Plan plan) const { m_plans.insert_or_assign(&layer, std::move(plan)); }
    std::optional<Plan> take(const Layer& layer) const {
        auto it = m_plans.find(&layer);
        if (it == m_plans.end()) return std::nullopt;
        std::optional<Plan> plan(std::move(it->second));
        m_plans.erase(it);
        return plan;
    }

private:
    mutable std::map<const Layer*, Plan> m_plans;
};

}  // namespace skipsim
