#pragma once
// An AMD AIE2 core mesh (seed 003): rows x cols compute tiles, one mem-tile and one shim DMA
// (two channels) per column, DDR channels behind the shim. Each layer is compiled (aie_compiler)
// into an instruction stream that the mesh's engines execute as SystemC processes synchronised
// by AIE2 locks: per column a shim activation channel (LOAD), a shim weight channel (LOADW), the
// shim writes (WRITE) and the mem-tile's column broadcast (LOADFM); per row the weight broadcast
// (LOADWM); per core its compute (COMP) and its output DMA (WRITEFM). Overlap between loads,
// compute and writes comes from these processes running concurrently, nothing else.
// fast mode moves sizes only; cycle mode also moves the real integers through the cores'
// ping-pong buffers and computes on the compacted block-sparse weights.
#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "aie_area.h"
#include "aie_compiler.h"
#include "aie_kernel.h"
#include "aie_lock.h"
#include "aie_params.h"
#include "aie_time_rule.h"
#include "common/accelerator_model.h"

namespace skipsim {

class AieEngine;

// A program that stopped with processes waiting on locks nobody will release.
class AieDeadlock : public InternalError {
public:
    using InternalError::InternalError;
};

// The array's parts live in files of their own: construction and the layer loop here
// (aie_array.cpp), the engines' interpreter and DMA timing (aie_interpreter.cpp), the lock table
// and deadlock detection (aie_locks.cpp), the report and program text (aie_report.cpp).
class AieArray : public AcceleratorModel {
public:
    static constexpr const char* kKind = "aie_array";
    // An engine process per DMA channel and core, which contend for locks and write channels.
    static constexpr bool kFastModeProcesses = true;
    AieArray(const sc_core::sc_module_name& name, const AieParams& params, BuildContext& ctx);
    ~AieArray() override;

    std::uint64_t peak_macs_per_cycle() const override {
        return static_cast<std::uint64_t>(m_params.rows) * m_params.cols * m_params.macs_per_cycle;
    }
    AreaBreakdown area() const override { return aie_area(m_params, area_pricer()); }
    void check_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const override;
    void on_bound(const std::string& initiator, ModelBase& peer) override;

    std::vector<std::unique_ptr<tlm_utils::simple_initiator_socket<AieArray>>> ddr;

    // Runs `plan`'s program to completion from a SystemC process (the control socket's caller);
    // returns the end time. Throws AieDeadlock when the program cannot finish. Public so that a
    // test bench can execute a hand-broken program.
    sc_core::sc_time execute(AiePlan& plan, LayerTensors* tensors);
    bool runs_programs() const override { return true; }
    std::string program_text() const override { return m_program_log; }

private:
    friend class AieEngine;
    struct CoreState {
        CoreTile in[2];
        std::vector<std::int64_t> acc[2];
        PackedWeights w[2];  // double-buffered weights; w_key says which piece each holds
        std::uint64_t w_key[2] = {~0ull, ~0ull};
        std::uint64_t in_wr = 0, in_rd = 0, out_wr = 0, out_rd = 0, w_wr = 0;
    };
    void run_layer(const LayerJob& job, sc_core::sc_time& delay) override;
    void log_program(const LayerJob& job, const AiePlan& plan, const sc_core::sc_time& start);
    std::unique_ptr<AiePlan> plan_layer(const Layer& layer, const std::vector<std::uint8_t>& mask) const;
    void run_engine(AieEngine& e);
    void run_instruction(AieEngine& e, AieInstr& in, std::uint32_t instance);
    std::uint64_t act(AieEngine& e, const AieInstr& in, std::uint32_t instance, std::uint32_t step);
    // The locks `l` names for `instance` of `e`, in `e.locks` (valid until e's next call).
    const std::vector<AieLock*>& resolve(AieEngine& e, std::uint32_t instance, const LockRef& l);
    void acquire(AieEngine& e, AieLock& l, int n);
    void release(AieLock& l, int n);
    void check_deadlock();
    void engine_done();
    AieLock& core_lock(std::uint32_t r, std::uint32_t c, std::uint8_t id) {
        return m_core_locks[(static_cast<std::size_t>(r) * m_params.cols + c) * aie_lock::core_locks + id];
    }
    AieLock& mt_lock(std::uint32_t c, std::uint8_t id) { return m_mt_locks[c * m_mt_lock_count + id]; }
    sc_core::sc_time shim_transfer(std::uint32_t col, int channel, tlm::tlm_command cmd, std::uint64_t addr,
                                   std::uint64_t bytes, const sc_core::sc_time& at);
    void describe(const AiePlan& plan, const AieLayerFigures& figures, const std::vector<double>& op_busy_ns,
                  OrderedJson& out) const;
    SparsityUse sparsity_use(const AiePlan& plan, bool masked) const;
    // A block-sparse layer's dense equivalent: the same layer compiled with every block kept, and
    // its busiest core's compute cycles by the same cost rule as the run's (`compute_cycles`, the
    // layer's own compute bound).
    void describe_dense_equivalent(const AiePlan& plan, std::uint64_t compute_cycles, LayerOutcome& outcome);
    // Dense equivalents by the layer geometry a plan reads (batch, channels, sizes, kernel, stride,
    // padding, dilation, groups): a network repeats its shapes (ResNet-50's 52 pruned convolutions have 22),
    // and without a mask a plan depends on nothing else.
    struct DenseEquivalent {
        std::string error;  // non-empty: the dense weights do not fit
        std::uint64_t compute_cycles = 0;
    };
    std::map<std::array<std::uint32_t, 16>, DenseEquivalent> m_dense;

    AieParams m_params;
    std::vector<std::unique_ptr<AieEngine>> m_engines;
    std::vector<AieLock> m_core_locks, m_mt_locks;
    std::uint32_t m_mt_lock_count = 0;
    double m_ddr_bytes_per_ns = 0;  // peak of the bound DDR channels
    PlanCache<std::unique_ptr<AiePlan>> m_checked;
    // The network's layers in the order they were checked (the order they run), for the
    // residency decision that looks at a layer's neighbours.
    mutable std::vector<const Layer*> m_order;
    bool memtile_mode(std::size_t pos) const;

    // The layer in flight.
    AiePlan* m_plan = nullptr;
    LayerTensors* m_tensors = nullptr;
    std::vector<CoreState> m_cores;
    std::vector<sc_core::sc_time> m_shim_free;  // 2 channels per column
    std::vector<sc_core::sc_time> m_writefm_free;  // the cores' write channel into each mem-tile
    sc_core::sc_event m_start, m_done;
    std::size_t m_active = 0;
    struct Waiting {
        AieLock* lock = nullptr;  // null: the engine is not waiting
        int n = 0;
    };
    std::vector<Waiting> m_waiting;  // by engine id
    std::size_t m_waiting_count = 0;
    std::string m_deadlock;
    bool m_aborted = false;  // a process failed: the others unwind
    std::exception_ptr m_failure;
    std::vector<double> m_op_busy_ns;
    double m_weight_block_ns = 0;  // the layer's most LOADWM-blocked core
    // Per core, the start times of the weight loads it was sent and has not yet taken.
    std::vector<std::deque<sc_core::sc_time>> m_weight_loads;
    std::vector<std::uint64_t> m_core_cycles;
    std::string m_program_log;
    // Energy event counters (energy_event()'s): by name, every iteration of every instruction built
    // and compared the names again.
    std::uint64_t* m_mac_events = nullptr;
    std::uint64_t* m_core_access_events = nullptr;
    std::uint64_t* m_memtile_access_events = nullptr;

    std::uint64_t& s_layers;
    std::uint64_t& s_instructions;
    std::uint64_t& s_iterations;
    std::uint64_t& s_macs;
    std::uint64_t& s_compute_cycles;
    std::uint64_t& s_lock_waits;
    std::uint64_t& s_stream_bytes;
    std::uint64_t& s_shim_bytes;
};

}  // namespace skipsim
