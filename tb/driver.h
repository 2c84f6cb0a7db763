#pragma once
// The workload driver: hands each layer to the accelerator's control socket, in order, and
// records per layer the simulated time and every component's counters before and after.
#include <exception>
#include <functional>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "base/component.h"
#include "common/layer_job.h"
#include "workloads/ir.h"

namespace skipsim {

struct LayerRecord {
    std::size_t index = 0;
    double start_ns = 0, end_ns = 0;
    std::vector<Counters> counters;  // per component: deltas over the layer
    std::vector<Counters> energy;    // per component: event count deltas
    LayerOutcome outcome;  // what the accelerator said about the layer
};

class WorkloadDriver : public sc_core::sc_module {
public:
    using Prepare = std::function<void(const Layer&, std::size_t, LayerTensors&)>;
    using Finish = std::function<void(const Layer&, std::size_t, const LayerTensors&)>;
    using Progress = std::function<void(std::size_t done, std::size_t total, const std::string& name)>;

    WorkloadDriver(const sc_core::sc_module_name& name, const Network& net,
                   const std::vector<std::unique_ptr<Component>>& components, bool functional);

    tlm_utils::simple_initiator_socket<WorkloadDriver> accelerator;

    Prepare prepare;   // fills tensors before a layer (functional runs)
    Finish finish;     // checks outputs after a layer (functional runs)
    Progress progress;
    // Called once the last layer has run or the run has failed; unset: stops the simulation.
    std::function<void()> done;
    std::function<const std::vector<std::uint8_t>*(std::size_t)> mask_of;  // null or empty: dense

    const std::vector<LayerRecord>& records() const { return m_records; }
    // An exception raised inside the simulation, rethrown by the caller after sc_start.
    std::exception_ptr failure() const { return m_failure; }
    bool completed() const { return m_completed; }

private:
    void run();
    void snapshot(std::vector<Counters>& counters, std::vector<Counters>& energy) const;

    const Network& m_net;
    const std::vector<std::unique_ptr<Component>>& m_components;
    bool m_functional;
    std::vector<LayerRecord> m_records;
    std::exception_ptr m_failure;
    bool m_completed = false;
};

}  // namespace skipsim
