#pragma once
// The payload extension the driver hands an accelerator's "control" socket: one layer to run.
// In cycle mode (or with --check) it also carries the layer's integer tensors, and the
// accelerator writes the output it computed.
#include <cstdint>
#include <optional>
#include <vector>

#include <tlm>

#include "base/units.h"
#include "workloads/ir.h"
#include "workloads/zero_structure.h"

namespace skipsim {

struct LayerTensors {
    std::vector<std::int32_t> input;    // batch x C x H x W
    std::vector<std::int32_t> weights;  // K x C/g x R x S, pruned weights already zero
    std::vector<std::int64_t> output;   // batch x K x P x Q, written by the accelerator
    // Keep-mask of the weights an accelerator prunes itself (column combining), set by it; empty
    // when it computes with every weight it was given. The check's reference uses it too.
    std::vector<std::uint8_t> accelerator_mask;
};

// What an accelerator says about a layer beyond its counters: how it laid the layer out (its own
// family's details, shown in the report as they are) and the figures the report, the sweeps and
// the study take from it when the workload alone cannot give them.
struct LayerOutcome {
    OrderedJson mapping = OrderedJson::object();
    // MACs on the weights it kept, when it drops weights of its own (column combining); else the
    // workload's keep-mask decides.
    std::optional<std::uint64_t> effective_macs;
    // Compute cycles of the same layer without skipping pruned work; else the compute cycles.
    std::optional<Cycles> dense_compute_cycles;
    // Whether it skipped work or storage because of the layer's zeros, and why not (or only in
    // part): reported per layer, and a run warns when zeros go unused.
    std::optional<SparsityUse> sparsity_use;
};

class LayerJob : public tlm::tlm_extension<LayerJob> {
public:
    const Layer* layer = nullptr;
    std::size_t index = 0;
    LayerTensors* tensors = nullptr;  // null in fast mode without --check
    const std::vector<std::uint8_t>* mask = nullptr;  // keep-mask of a pruned layer; null when dense
    LayerOutcome* outcome = nullptr;  // the accelerator fills it (null: nobody asks)

    tlm::tlm_extension_base* clone() const override { return new LayerJob(*this); }
    void copy_from(const tlm::tlm_extension_base& other) override {
        *this = static_cast<const LayerJob&>(other);
    }
};

// An accelerator's control b_transport: runs `run(job, delay)` for the payload's LayerJob; a
// payload without one gets an error response.
template <class Run>
void serve_layer_job(tlm::tlm_generic_payload& p, sc_core::sc_time& delay, Run run) {
    LayerJob* job = nullptr;
    p.get_extension(job);
    if (!job || !job->layer) {
        p.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        return;
    }
    run(*job, delay);
    p.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace skipsim
