#pragma once
// Timing of one DDR channel, pure C++. A transfer is split into bursts; each burst goes to a
// bank and row by the address map (column bits lowest, then bank, then row, so a sequential
// stream walks a row of one bank, then the same row of the next bank). A burst to the open row
// waits tCL; to a bank with no open row tRCD + tCL; to a bank with another row open
// tRP + tRCD + tCL. Commands to different banks overlap; the data bus carries one burst per
// burst_length / 2 cycles, so no access pattern can exceed the peak bandwidth.
#include <cstdint>
#include <vector>

#include "base/units.h"
#include "ddr_channel_params.h"

namespace skipsim {

struct DdrAccessResult {
    Cycles done = 0;  // cycle at which the last byte has been transferred
    std::uint64_t bursts = 0, row_hits = 0, row_misses = 0, row_conflicts = 0;
};

class DdrChannelCore {
public:
    explicit DdrChannelCore(const DdrChannelParams& p);

    // A transfer of `bytes` starting at `addr`, issued at cycle `at`. Transfers are served in
    // the order they are issued.
    DdrAccessResult access(std::uint64_t addr, std::uint64_t bytes, Cycles at);

    double peak_bytes_per_cycle() const;
    Cycles bus_free() const { return m_bus_free; }

private:
    struct Bank {
        std::int64_t open_row = -1;
        Cycles ready = 0;  // when the bank can take its next column command
    };
    DdrChannelParams m_p;
    std::vector<Bank> m_banks;
    Cycles m_bus_free = 0;
    double m_ideal_free = 0;  // ideal model: fractional cycles
};

}  // namespace skipsim
