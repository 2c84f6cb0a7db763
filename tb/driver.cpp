#include "driver.h"

#include "base/error.h"

namespace skipsim {

WorkloadDriver::WorkloadDriver(const sc_core::sc_module_name& name, const Network& net,
                               const std::vector<std::unique_ptr<Component>>& components, bool functional)
    : sc_core::sc_module(name), accelerator("accelerator"), m_net(net), m_components(components),
      m_functional(functional) {
    SC_HAS_PROCESS(WorkloadDriver);
    SC_THREAD(run);
}

void WorkloadDriver::snapshot(std::vector<Counters>& counters, std::vector<Counters>& energy) const {
    counters.clear();
    energy.clear();
    for (const auto& c : m_components) {
        counters.push_back(c->counters());
        energy.push_back(c->energy().counts());
    }
}

void WorkloadDriver::run() {
    try {
        std::vector<Counters> before_c, before_e, after_c, after_e;
        for (std::size_t i = 0; i < m_net.layers.size(); ++i) {
            const Layer& layer = m_net.layers[i];
            if (progress) progress(i, m_net.layers.size(), layer.name);
            LayerTensors tensors;
            if (m_functional && prepare) prepare(layer, i, tensors);
            LayerJob* job = new LayerJob;
            job->layer = &layer;
            job->index = i;
            job->tensors = m_functional ? &tensors : nullptr;
            LayerOutcome outcome;
            job->outcome = &outcome;
            if (mask_of) {
                const auto* mask = mask_of(i);
                job->mask = mask && !mask->empty() ? mask : nullptr;
            }
            tlm::tlm_generic_payload p;
            p.set_command(tlm::TLM_IGNORE_COMMAND);
            p.set_data_length(0);
            p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
            p.set_extension(job);
            snapshot(before_c, before_e);
            const sc_core::sc_time start = sc_core::sc_time_stamp();
            sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
            accelerator->b_transport(p, delay);
            // Layers run one after another: synchronise at every layer boundary.
            sc_core::wait(delay);
            p.clear_extension(job);
            delete job;
            if (p.is_response_error())
                throw InternalError("accelerator rejected layer '" + layer.name + "': " + p.get_response_string());
            snapshot(after_c, after_e);
            LayerRecord rec;
            rec.index = i;
            rec.start_ns = start.to_seconds() * 1e9;
            rec.end_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
            rec.outcome = std::move(outcome);
            for (std::size_t c = 0; c < after_c.size(); ++c) {
                rec.counters.push_back(after_c[c].minus(before_c[c]));
                rec.energy.push_back(after_e[c].minus(before_e[c]));
            }
            m_records.push_back(std::move(rec));
            if (m_functional && finish) finish(layer, i, tensors);
        }
        if (progress) progress(m_net.layers.size(), m_net.layers.size(), "");
        m_completed = true;
    } catch (...) {
        m_failure = std::current_exception();
    }
    if (done) done();
    else sc_core::sc_stop();
}

}  // namespace skipsim
