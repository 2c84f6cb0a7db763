#include "aie_time_rule.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace skipsim {

std::uint64_t transfer_cycles(std::uint64_t bytes, double rate) {
    return bytes ? static_cast<std::uint64_t>(std::ceil(static_cast<double>(bytes) / rate - 1e-9)) : 0;
}

double AieLayerFigures::ddr_bound(double rate) const {
    return std::max(static_cast<double>(shim_bound), static_cast<double>(ddr_bytes) / rate);
}

AieLayerFigures layer_figures(const AiePlan& plan) {
    const AieParams& p = plan.params();
    const std::uint32_t R = p.rows, C = p.cols, npc = plan.cpieces();
    AieLayerFigures f;
    std::vector<std::uint64_t> core(static_cast<std::size_t>(R) * C, 0), shim(2 * C, 0);
    std::uint64_t ddr_sum = 0, core_phase = 0;
    // The seed's n-iteration groups: per row of a (pass, k-piece, w-piece, group) the slowest
    // instance's load, compute and write.
    struct Phase {
        std::uint64_t load = 0, comp = 0, write = 0, rows = 0;
    } ph;
    auto close_phase = [&] {
        if (ph.rows == 0) return;
        if (ph.rows == 1) core_phase += ph.load + ph.comp + ph.write;
        else core_phase += std::max({ph.load, ph.comp, ph.write});  // n x max of the per-row times
        ph = Phase{};
    };
    for (const AieInstr& in : plan.program()) {
        switch (in.op) {
            case AieOp::load:
            case AieOp::write:
            case AieOp::loadw: {
                std::uint64_t slowest = 0;
                for (std::uint32_t c = 0; c < C; ++c) {
                    std::uint64_t bytes = 0;
                    if (in.op == AieOp::load) bytes = plan.load_bytes(c, in.band);
                    else if (in.op == AieOp::write) bytes = plan.write_bytes(c, plan.passes()[in.pass]);
                    else
                        for (std::uint32_t r = c; r < R; r += C) bytes += plan.loadw_bytes(r, plan.passes()[in.pass]);
                    f.ddr_bytes += bytes;
                    if (in.op == AieOp::write) {
                        shim[2 * c] += transfer_cycles((bytes + 1) / 2, p.shim_bytes_per_cycle);
                        shim[2 * c + 1] += transfer_cycles(bytes / 2, p.shim_bytes_per_cycle);
                        slowest = std::max(slowest, transfer_cycles(bytes, 2 * p.shim_bytes_per_cycle));
                    } else {
                        const std::uint64_t t = transfer_cycles(bytes, p.shim_bytes_per_cycle);
                        shim[2 * c + (in.op == AieOp::loadw)] += t;
                        slowest = std::max(slowest, t);
                    }
                }
                ddr_sum += slowest;
                break;
            }
            case AieOp::loadwm: {
                std::uint64_t slowest = 0;
                for (std::uint32_t r = 0; r < R; ++r) {
                    std::uint64_t t = 0;
                    for (std::uint32_t i = 0; i < in.iterations; ++i)
                        t += transfer_cycles(plan.loadwm_bytes(r, in.kpiece, (in.step0 + i) % npc, in.grp), p.stream_bytes_per_cycle);
                    slowest = std::max(slowest, t);
                }
                close_phase();
                core_phase += slowest;  // blocking
                break;
            }
            case AieOp::loadfm: {
                close_phase();
                for (std::uint32_t c = 0; c < C; ++c) {
                    std::uint64_t t = 0;
                    for (std::uint32_t i = 0; i < in.iterations; ++i) {
                        const std::uint32_t s = in.step0 + i;
                        t += transfer_cycles(plan.loadfm_bytes(c, in.row0 + s / npc, in.wpiece, s % npc, in.grp), p.stream_bytes_per_cycle);
                    }
                    ph.load = std::max(ph.load, t);
                }
                ph.rows = std::max<std::uint64_t>(1, (in.iterations + npc - 1) / npc);
                break;
            }
            case AieOp::comp: {
                for (std::uint32_t r = 0; r < R; ++r)
                    for (std::uint32_t c = 0; c < C; ++c) {
                        std::uint64_t t = 0;
                        for (std::uint32_t i = 0; i < in.iterations; ++i) {
                            const std::uint64_t macs = plan.comp_macs(r, c, in.wpiece, in.kpiece, (in.step0 + i) % npc, in.grp);
                            f.macs += macs;
                            t += plan.comp_cycles(macs);
                        }
                        core[r * C + c] += t;
                        ph.comp = std::max(ph.comp, t);
                    }
                break;
            }
            case AieOp::writefm: {
                // One write channel per core, or one per column that its cores share.
                for (std::uint32_t c = 0; c < C; ++c) {
                    std::uint64_t column = 0;
                    for (std::uint32_t r = 0; r < R; ++r) {
                        const std::uint64_t t = in.iterations * transfer_cycles(plan.writefm_bytes(r, c, in.wpiece, in.kpiece, in.grp),
                                                                                p.stream_bytes_per_cycle);
                        column = p.writefm_per_column ? column + t : std::max(column, t);
                    }
                    ph.write = std::max(ph.write, column);
                }
                break;
            }
        }
    }
    close_phase();
    f.compute_bound = *std::max_element(core.begin(), core.end());
    f.shim_bound = *std::max_element(shim.begin(), shim.end());
    f.seed_rule = ddr_sum + core_phase;
    return f;
}

}  // namespace skipsim
