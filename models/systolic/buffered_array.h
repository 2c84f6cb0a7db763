#pragma once
// The shell shared by the arrays fed from three double-buffered SRAMs (ifmap, filter, ofmap)
// filled from and drained to DDR: the systolic array and the bit-serial array. It owns the six
// initiator sockets, finds the SRAMs they are bound to, and issues one pipeline step's traffic:
// fills from DDR, the SRAM port streams while the array computes, the drain to DDR.
#include <cstdint>
#include <string>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>

#include "common/model_base.h"
#include "step_split.h"
#include "tile_plan.h"

namespace skipsim {

class SramBuffer;

// Where the three tensors live in DDR.
struct DdrLayout {
    std::uint64_t ifmap_base = 0, filter_base = 0, ofmap_base = 0;
};

class BufferedArray : public ModelBase {
public:
    BufferedArray(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz,
                  const DdrLayout& ddr);

    void on_bound(const std::string& initiator, ModelBase& peer) override;

    tlm_utils::simple_initiator_socket<BufferedArray> ifmap_port, ifmap_dma;
    tlm_utils::simple_initiator_socket<BufferedArray> filter_port, filter_dma;
    tlm_utils::simple_initiator_socket<BufferedArray> ofmap_port, ofmap_dma;

protected:
    // Usable bytes per buffer half of the bound SRAMs.
    BufferCapacities capacities() const;
    // The plan's tiles as pipeline steps, each split so its fills and drains fit a buffer half.
    static std::vector<Step> split_steps(const std::vector<Tile>& tiles, const BufferCapacities& caps);
    // Fills of step `s` from DDR issued at `at`; when they are done.
    sc_core::sc_time fetch_step(const Step& s, const sc_core::sc_time& at);
    // Operand reads and result writes streaming through the SRAM ports while `s` computes.
    sc_core::sc_time stream_step(const Step& s, const sc_core::sc_time& start);
    // The drain of `s` to DDR from `end`; when its output half is free again.
    sc_core::sc_time drain_step(const Step& s, const sc_core::sc_time& end);

private:
    DdrLayout m_ddr;
    SramBuffer* m_ifmap = nullptr;
    SramBuffer* m_filter = nullptr;
    SramBuffer* m_ofmap = nullptr;
};

}  // namespace skipsim
