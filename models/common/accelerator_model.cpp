#include "accelerator_model.h"

#include <algorithm>

namespace skipsim {

AcceleratorModel::AcceleratorModel(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx,
                                   double clock_ghz)
    : ModelBase(name, std::move(kind), kRole, ctx, clock_ghz), control("control") {
    control.register_b_transport(this, &AcceleratorModel::control_b_transport);
    expose_target("control", control, "one LayerJob per layer from the driver");
}

void AcceleratorModel::control_b_transport(tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
    serve_layer_job(p, delay, [this](const LayerJob& job, sc_core::sc_time& d) { run_layer(job, d); });
}

void AcceleratorModel::count_mac_energy(const Layer& layer, std::uint64_t macs) {
    const int bits = std::max(layer.quant.weight_bits, layer.quant.activation_bits);
    count_energy("mac_int" + std::to_string(bits), macs);
}

}  // namespace skipsim
