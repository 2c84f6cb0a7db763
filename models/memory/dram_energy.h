#pragma once
// DRAM energy from the device's currents, as DRAMPower and Micron's DDR4 power calculator
// (TN-40-07) compute it. Each event's energy is VDD x (current above the standby it replaces) x
// its duration x the devices of the rank; mA x V x ns = pJ.
//   activate (with its precharge): IDD0 x tRC - (IDD3N x tRAS + IDD2N x (tRC - tRAS))
//   read / write burst:            (IDD4R / IDD4W - IDD3N) x burst cycles
//   refresh:                       (IDD5B - IDD3N) x tRFC
//   background, per cycle:         IDD3N while any row is open, IDD2N while all are precharged
// Left out: I/O and termination power (DRAMPower leaves it out too), VPP, power-down states.
#include "dram_presets.h"

namespace skipsim {

struct DramEnergyPrices {
    double activate = 0, read_burst = 0, write_burst = 0, refresh = 0;
    double standby_active_cycle = 0, standby_precharged_cycle = 0;
};

inline DramEnergyPrices dram_energy_prices(const DramDevice& d) {
    const double k = d.vdd * d.tck_ns() * d.devices();  // pJ per (mA x cycle)
    DramEnergyPrices e;
    e.activate = k * (d.idd0 * d.tRC - (d.idd3n * d.tRAS + d.idd2n * (double(d.tRC) - d.tRAS)));
    e.read_burst = k * (d.idd4r - d.idd3n) * d.burst_cycles();
    e.write_burst = k * (d.idd4w - d.idd3n) * d.burst_cycles();
    e.refresh = k * (d.idd5b - d.idd3n) * d.tRFC;
    e.standby_active_cycle = k * d.idd3n;
    e.standby_precharged_cycle = k * d.idd2n;
    return e;
}

}  // namespace skipsim
