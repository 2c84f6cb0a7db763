#pragma once
// Weight mapping of a convolution onto AR x AC crossbars (MODELS.md section 6): im2col, SDK
// (square parallel windows holding i x i shifted kernel copies) and VW-SDK (rectangular windows,
// channel-tiled), with row skipping: an array row is one (input channel, window cell) pair and is
// dropped when every kernel position any copy maps onto it is zero for all filters.
//
// The sources assume stride 1 and no padding. skipsim maps the zero-padded input (or, with
// `padding=none`, the sources' unpadded one: `unpadded()`), and a window holds copies of the
// kernel `stride` pixels apart, so i copies cover R_eff + (i - 1) x stride input pixels
// (R_eff = dilation x (R - 1) + 1) and compute i outputs; with stride 1 and no padding this is
// exactly the sources' window of side R + i - 1.
// Grouped convolutions map each group on its own arrays.
#include <cstdint>
#include <string>
#include <vector>

#include "base/units.h"
#include "workloads/ir.h"

namespace skipsim {

// sdk_skip lays weights out as SDK does; only its window search differs (search_mapping).
enum class PimMethod { im2col, sdk, sdk_skip, vw_sdk };
const char* to_string(PimMethod m);

struct CrossbarShape {
    std::uint64_t rows = 512;             // AR
    std::uint64_t cols = 512;             // AC
    std::uint64_t cols_per_weight = 1;    // cell slices one weight spans
};

// Which (input channel, kernel position) weights are nonzero for some filter of the group,
// with identical channels sharing one pattern so a window search costs patterns, not channels.
struct ChannelPatterns {
    std::uint32_t kernel_h = 1, kernel_w = 1;
    std::vector<std::vector<std::uint8_t>> patterns;  // distinct R x S maps, 1 = some filter keeps it
    std::vector<std::uint32_t> of_channel;            // per channel g * C/g + c: its pattern
};
// `mask` empty: every weight counts as kept (no row can be skipped).
ChannelPatterns channel_patterns(const Layer& layer, const std::vector<std::uint8_t>& mask);

struct WindowMapping {
    PimMethod method = PimMethod::im2col;
    bool valid = false;
    std::uint32_t copies_h = 1, copies_w = 1;   // kernel copies per window (the sources' i, j)
    std::uint32_t window_h = 1, window_w = 1;   // parallel window in input pixels
    std::uint64_t windows_h = 0, windows_w = 0; // window positions per image
    std::uint64_t rows = 0;                     // array rows before skipping, all groups (window cells some copy reaches)
    std::uint64_t skipped_rows = 0;             // all groups
    std::uint64_t row_tiles = 0;                // row tiles summed over groups
    std::uint64_t col_tiles = 0;                // column tiles of one group
    std::uint64_t columns = 0;                  // array columns of one group
    std::uint64_t arrays = 0;                   // AR x AC arrays the layer occupies
    std::uint64_t mvms = 0;                     // computing cycles: batch x windows x arrays

    std::uint64_t windows() const { return windows_h * windows_w; }
};

// The layer as the sources count it (`padding=none`): the same convolution over the unpadded
// input only, so with fewer outputs when the layer pads. Its output is empty (0 x 0) when the
// input is smaller than the kernel's span.
Layer unpadded(const Layer& layer);

// The mapping of `method` with the given copies per window; `patterns` null means no skipping.
// Invalid (valid = false) when a window does not fit the arrays.
WindowMapping evaluate_mapping(const Layer& layer, const CrossbarShape& xbar, const ChannelPatterns* patterns,
                               PimMethod method, std::uint32_t copies_h, std::uint32_t copies_w);

// im2col; SDK by the published search (windows grow while their rows and columns fit the arrays
// im2col already uses; ties prefer the larger window); sdk_skip by the same search, except that a
// window's rows are those it keeps after row skipping (PAIRS' freed rows buy a larger window);
// VW-SDK over every window, capped by im2col. With `patterns` the counts are those after row
// skipping.
WindowMapping search_mapping(const Layer& layer, const CrossbarShape& xbar, const ChannelPatterns* patterns,
                             PimMethod method);
// The fewest MVMs of im2col, SDK and VW-SDK (ties prefer im2col, then SDK): `mapping=best`.
WindowMapping cheapest_mapping(const Layer& layer, const CrossbarShape& xbar, const ChannelPatterns* patterns);
// What `best_time` and `best_energy` choose from: the searches of im2col, SDK, sdk_skip and VW-SDK.
std::vector<WindowMapping> candidate_mappings(const Layer& layer, const CrossbarShape& xbar,
                                              const ChannelPatterns* patterns);
// Copies per window that give exactly a `window` pixels wide window along a dimension with kernel
// span `span` and `stride`; 0 when no whole number of copies does.
std::uint32_t copies_for_window(std::uint32_t window, std::uint32_t span, std::uint32_t stride);

// Window cells of one channel that no kept position (`pattern`, R x S) of any of the
// copies_h x copies_w kernel copies lands on.
std::uint64_t skipped_rows_of_pattern(const Layer& layer, const std::vector<std::uint8_t>& pattern,
                                      std::uint32_t copies_h, std::uint32_t copies_w);

// The physical layout the functional model programs: which (channel, window cell) each row of
// each row tile holds and which (filter, copy, weight slice) each column of a column tile holds.
struct CrossbarRow {
    std::uint32_t channel;  // within the group
    std::uint32_t y, x;     // window cell
};
struct CrossbarColumn {
    std::uint32_t filter;   // within the group
    std::uint32_t copy_y, copy_x;
    std::uint32_t slice;    // 0 = least significant cell slice
};
struct CrossbarLayout {
    std::vector<std::vector<std::vector<CrossbarRow>>> row_tiles;  // per group, per tile
    std::vector<std::vector<CrossbarColumn>> col_tiles;            // shared by every group
};
CrossbarLayout build_layout(const Layer& layer, const CrossbarShape& xbar, const ChannelPatterns* patterns,
                            const WindowMapping& m);
// One crossbar's share of a layer: a row tile of a group times a column tile.
struct ArrayTile {
    std::uint32_t group = 0, row_tile = 0, col_tile = 0;
    std::uint64_t rows = 0, cols = 0;  // used rows and columns
};
std::vector<ArrayTile> array_tiles(const std::vector<std::vector<std::uint64_t>>& heights,
                                   const std::vector<std::uint64_t>& widths);

// Rows of every row tile of every group, without building the layout.
std::vector<std::vector<std::uint64_t>> row_tile_heights(const Layer& layer, const CrossbarShape& xbar,
                                                         const ChannelPatterns* patterns, const WindowMapping& m);
// Used columns of each column tile (what the ADCs convert), without building the layout.
std::vector<std::uint64_t> column_tile_widths(const Layer& layer, const CrossbarShape& xbar, const WindowMapping& m);

}  // namespace skipsim
