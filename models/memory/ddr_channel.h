#pragma once
// A DDR channel as a TLM-2.0 target (loosely timed): b_transport serves the transfer at
// sc_time_stamp() + delay through DdrChannelCore and returns, in delay, when its last byte is
// transferred. Timing-only: payload data is not stored. Any number of initiators may bind.
#include <tlm_utils/multi_passthrough_target_socket.h>

#include "common/memory_model.h"
#include "ddr_channel_core.h"

namespace skipsim {

class DdrChannel : public DramModel {
public:
    static constexpr const char* kKind = "ddr_channel";
    DdrChannel(const sc_core::sc_module_name& name, const DdrChannelParams& params, BuildContext& ctx);

    tlm_utils::multi_passthrough_target_socket<DdrChannel> target;
    double peak_bytes_per_ns() const override;

private:
    void b_transport(int id, tlm::tlm_generic_payload& p, sc_core::sc_time& delay);

    DdrChannelParams m_params;
    DdrChannelCore m_core;
    std::uint64_t& s_reads;
    std::uint64_t& s_writes;
    std::uint64_t& s_bursts;
    std::uint64_t& s_row_hits;
    std::uint64_t& s_row_misses;
    std::uint64_t& s_row_conflicts;
    std::uint64_t& s_busy_cycles;
};

}  // namespace skipsim
