#pragma once
// The AIE tiling compiler, pure C++ (seed 003, section 4). Per layer:
// - mesh mapping: core (r, c) computes output-width part c and output-channel part r (activations
//   broadcast down columns, weights along rows); when the output is narrower than the mesh
//   (Q < cols, e.g. fully connected layers) every core takes its own channel part r x cols + c;
// - core sub-volume: one output row of w_t pixels x k_t channels per iteration from c_t input
//   channels; the largest that fits the core buffers (weights + ping-pong input + ping-pong
//   accumulators), shrinking W first, then C_out, then C_in (accumulated in the core);
// - mem-tile allocation: the layer runs in bands of output rows and passes over channel pieces
//   chosen so input band, weights and output band fit a mem-tile; what does not fit spills to
//   DDR (inputs re-read per band, weights per pass, outputs written per pass);
// - compaction: only the nonzero block_ x block_ blocks of each core's weight piece are stored,
//   moved and computed;
// - code generation: LOAD/LOADW/LOADFM/LOADWM/COMP/WRITEFM/WRITE with lock chains, iteration
//   counts and head/body/tail groups where padding changes the input rows.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "aie_params.h"
#include "aie_program.h"
#include "workloads/ir.h"

namespace skipsim {

struct Range {
    std::uint32_t lo = 0, hi = 0;
    std::uint32_t size() const { return hi > lo ? hi - lo : 0; }
};

struct AiePass {
    std::uint32_t grp = 0;              // convolution group (grouped convs run group after group)
    std::uint32_t band = 0;
    std::uint32_t k0 = 0, k1 = 0;       // core k-pieces of the pass
    std::uint32_t s0 = 0, s1 = 0;       // c-piece steps inside one k-piece (step passes only)
    bool step_pass = false;
    bool completes_outputs = true;      // the pass ends a k-piece: it writes outputs
};

class AiePlan {
public:
    AiePlan(const Layer& layer, const AieParams& params, const std::vector<std::uint8_t>& mask);

    const std::string& error() const { return m_error; }  // non-empty: the layer cannot be compiled
    // The platform parameter the error is about; empty when the layer itself is at fault.
    const std::string& error_param() const { return m_error_param; }
    const std::vector<AieInstr>& program() const { return m_program; }
    std::vector<AieInstr>& program() { return m_program; }

    // Geometry
    const Layer& layer() const { return m_layer; }
    const AieParams& params() const { return m_p; }
    bool channel_mode() const { return m_channel_mode; }
    std::uint32_t k_t() const { return m_kt; }
    std::uint32_t c_t() const { return m_ct; }
    std::uint32_t w_t() const { return m_wt; }
    std::uint32_t kpieces() const { return m_npk; }
    std::uint32_t cpieces() const { return m_npc; }
    std::uint32_t wpieces() const { return m_npw; }
    std::uint32_t band_rows() const { return m_band_rows; }
    std::uint32_t bands() const { return m_bands; }
    const std::vector<AiePass>& passes() const { return m_passes; }
    std::uint32_t out_rows() const { return m_layer.batch * m_layer.out_h(); }

    std::uint32_t kpart(std::uint32_t r, std::uint32_t c) const { return m_channel_mode ? r * m_p.cols + c : r; }
    std::uint32_t wpart(std::uint32_t c) const { return m_channel_mode ? 0 : c; }
    // Output and input channels (absolute) of a piece of group `grp`.
    Range channels(std::uint32_t kpart, std::uint32_t kpiece, std::uint32_t grp) const;
    Range in_channels(std::uint32_t cpiece, std::uint32_t grp) const;
    Range width(std::uint32_t wpart, std::uint32_t wpiece) const;       // output columns
    Range column_width(std::uint32_t wpart) const;                      // output columns of a column
    Range in_rows(std::uint32_t out_row) const;                         // of the image, clipped
    Range in_cols(Range out_cols) const;                                // clipped
    Range band(std::uint32_t b) const;                                  // output rows
    std::uint32_t nonzero_blocks(std::uint32_t kpart, std::uint32_t kpiece, std::uint32_t cpiece, std::uint32_t grp) const;
    // Nonzero blocks as (k block over all output channels, c block within the group) of a core's
    // piece, in the compacted order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> blocks(std::uint32_t kpart, std::uint32_t kpiece,
                                                                std::uint32_t cpiece, std::uint32_t grp) const;
    std::uint64_t block_bytes() const;
    // Blocks of block x block channels (x R x S) of the whole layer without a kept weight.
    std::uint64_t zero_blocks() const { return m_block_live.size() - m_live_sums.back(); }

    // Per-instance sizes and times of one iteration.
    std::uint64_t loadfm_bytes(std::uint32_t col, std::uint32_t out_row, std::uint32_t wpiece, std::uint32_t cpiece,
                               std::uint32_t grp) const;
    std::uint64_t loadwm_bytes(std::uint32_t row, std::uint32_t kpiece, std::uint32_t cpiece, std::uint32_t grp) const;
    std::uint64_t comp_macs(std::uint32_t r, std::uint32_t c, std::uint32_t wpiece, std::uint32_t kpiece,
                            std::uint32_t cpiece, std::uint32_t grp) const;
    std::uint64_t comp_cycles(std::uint64_t macs) const;
    std::uint64_t writefm_bytes(std::uint32_t r, std::uint32_t c, std::uint32_t wpiece, std::uint32_t kpiece,
                                std::uint32_t grp) const;
    // DDR bytes of a band's input (0 when the input is in the mem-tiles) and of a pass's outputs
    // (0 when they stay there).
    std::uint64_t load_bytes(std::uint32_t col, std::uint32_t band) const;
    std::uint64_t loadw_bytes(std::uint32_t row, const AiePass& pass) const;
    std::uint64_t write_bytes(std::uint32_t col, const AiePass& pass) const;
    double efficiency() const;

    // Inter-layer residency (seed 003's logs): the input already is in the mem-tiles (left there
    // by the previous layer), the output stays there for the next. Sets the LOAD / WRITE bytes.
    void set_residency(bool input, bool output);
    bool input_resident() const { return m_in_resident; }
    bool output_resident() const { return m_out_resident; }

    // Buffer sizes chosen (bytes).
    std::uint64_t core_weight_buffer() const { return m_core_w; }
    std::uint32_t weight_buffers() const { return m_wbufs; }  // 2: LOADWM fills one while COMP uses the other
    std::uint64_t core_input_buffer() const { return m_core_in; }
    std::uint64_t core_acc_buffer() const { return m_core_out; }
    std::uint64_t memtile_bytes_used() const { return m_mt.act + m_mt.wgt + m_mt.ofm; }

private:
    bool fits_core(std::uint32_t kt, std::uint32_t ct, std::uint32_t wt);
    void choose_passes();
    // Mem-tile regions (bytes) of the busiest mem-tile: input band, weights of a pass, output band.
    struct MemtileUse {
        std::uint64_t act = 0, wgt = 0, ofm = 0;
        std::uint64_t total() const { return act + wgt + ofm; }
    };
    MemtileUse memtile_need(std::uint32_t band_rows, std::uint32_t kpieces, std::uint32_t steps) const;
    void count_blocks();
    void generate();

    const Layer& m_layer;
    AieParams m_p;
    const std::vector<std::uint8_t>& m_mask;
    std::string m_error, m_error_param;
    bool m_channel_mode = false;
    bool m_in_resident = false, m_out_resident = false;
    std::uint32_t m_wbufs = 1;
    std::uint32_t m_kg = 0, m_cg = 0;  // output and input channels per group
    std::uint32_t m_wparts = 1, m_kparts = 1, m_kc = 0, m_qw = 0, m_cp = 0, m_span_h = 1, m_span_w = 1;
    std::uint32_t m_kt = 0, m_ct = 0, m_wt = 0, m_npk = 0, m_npc = 0, m_npw = 0;
    std::uint32_t m_band_rows = 0, m_bands = 0;
    std::uint64_t m_core_w = 0, m_core_in = 0, m_core_out = 0;
    MemtileUse m_mt;
    std::vector<std::uint32_t> m_nz;  // (kpart, kpiece, cpiece)
    std::vector<std::uint8_t> m_block_live;  // (kb, cb) of the whole layer
    // Live blocks with kb' < kb and cb' < cb at (kb, cb) of a (kbs + 1) x (cbs + 1) table, so that
    // a piece's count is four lookups.
    std::vector<std::uint32_t> m_live_sums;
    std::vector<AiePass> m_passes;
    std::vector<AieInstr> m_program;
};

}  // namespace skipsim
