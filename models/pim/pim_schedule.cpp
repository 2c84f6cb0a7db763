#include "pim_schedule.h"

#include <algorithm>
#include <set>

namespace skipsim {

namespace {

PimRound make_round(std::vector<ArrayTile> tiles, const PimChipShape& chip, bool resident) {
    PimRound r;
    std::uint64_t busiest = 0, max_rows = 0;
    std::set<std::pair<std::uint32_t, std::uint32_t>> row_tiles;
    for (const ArrayTile& t : tiles) {
        busiest = std::max(busiest, ceil_div(t.cols, chip.adcs_per_array));
        max_rows = std::max(max_rows, t.rows);
        r.rows_per_pulse += t.rows;
        r.cells_per_pulse += t.rows * t.cols;
        r.conversions_per_pulse += t.cols;
        r.weight_bytes += ceil_div(t.rows * t.cols * chip.cell_bits, 8);
        if (row_tiles.insert({t.group, t.row_tile}).second) r.input_rows += t.rows;
    }
    r.pulse_cycles = busiest * chip.adc_cycles;
    if (resident) r.weight_bytes = 0;
    else r.program_cycles = max_rows * chip.write_cycles_per_row;
    r.tiles = std::move(tiles);
    return r;
}

// Input rows of the (unpadded) image a band of windows starting at padded row y0 reads.
std::uint64_t real_rows(const Layer& l, std::uint64_t y0, std::uint64_t height) {
    const std::uint64_t lo = std::max<std::uint64_t>(y0, l.pad_top), hi = std::min<std::uint64_t>(y0 + height, l.pad_top + l.in_h);
    return hi > lo ? hi - lo : 0;
}

}  // namespace

PimSchedule schedule_pim_layer(const Layer& l, const WindowMapping& map, const std::vector<ArrayTile>& tiles,
                               const PimChipShape& chip, Bytes input_half, Bytes output_half) {
    PimSchedule s;
    const bool resident = tiles.size() <= chip.arrays;
    for (std::size_t i = 0; i < std::max<std::size_t>(tiles.size(), 1); i += chip.arrays) {
        const std::size_t end = std::min(tiles.size(), i + chip.arrays);
        s.rounds.push_back(make_round(std::vector<ArrayTile>(tiles.begin() + static_cast<std::ptrdiff_t>(std::min(i, tiles.size())),
                                                             tiles.begin() + static_cast<std::ptrdiff_t>(end)),
                                      chip, resident));
    }
    const std::uint64_t act_bytes = ceil_div(static_cast<std::uint64_t>(l.quant.activation_bits), 8);
    const std::uint64_t P = l.out_h(), Q = l.out_w(), K = l.out_channels;
    const std::uint64_t row_bytes = static_cast<std::uint64_t>(l.in_w) * l.in_channels * act_bytes;
    for (std::uint32_t ri = 0; ri < s.rounds.size(); ++ri) {
        const PimRound& round = s.rounds[ri];
        const Cycles window_cycles = round.pulse_cycles * static_cast<Cycles>(l.quant.activation_bits);
        bool first = true;
        for (std::uint32_t b = 0; b < l.batch; ++b)
            for (std::uint64_t wy = 0; wy < map.windows_h; ++wy) {
                const std::uint64_t rows_in = real_rows(l, wy * map.copies_h * l.stride_h, map.window_h);
                const Bytes band_fill = rows_in * row_bytes;
                const std::uint64_t pv = std::min<std::uint64_t>(map.copies_h, P - wy * map.copies_h);
                auto outputs_of = [&](std::uint64_t x0, std::uint64_t x1) {
                    const std::uint64_t q1 = std::min(Q, x1 * map.copies_w);
                    return pv * (q1 - x0 * map.copies_w) * K * chip.output_bytes;
                };
                const Bytes band_out = outputs_of(0, map.windows_w);
                // Fewest equal parts whose data fit the buffer halves.
                std::uint64_t parts = std::max<std::uint64_t>({1, ceil_div(band_fill, input_half), ceil_div(band_out, output_half)});
                if (parts > map.windows_w) {
                    s.error = "one band of windows needs " + std::to_string(band_fill) + " input bytes and " +
                              std::to_string(band_out) + " output bytes; expected them to fit buffer halves of " +
                              std::to_string(input_half) + " and " + std::to_string(output_half) + " bytes in " +
                              std::to_string(map.windows_w) + " parts or fewer";
                    s.steps.clear();
                    return s;
                }
                for (std::uint64_t p = 0; p < parts; ++p) {
                    PimStep st;
                    st.round = ri;
                    st.batch = b;
                    st.wy = wy;
                    st.wx0 = map.windows_w * p / parts;
                    st.wx1 = map.windows_w * (p + 1) / parts;
                    st.input_fill = band_fill * (p + 1) / parts - band_fill * p / parts;
                    st.input_addr = ((static_cast<std::uint64_t>(b) * l.in_h + (wy * map.copies_h * l.stride_h)) * row_bytes) +
                                    band_fill * p / parts;
                    st.output_writes = outputs_of(st.wx0, st.wx1);
                    st.output_drain = st.output_writes;
                    if (ri > 0) st.psum_fill = st.output_reads = st.output_writes;  // partial sums of earlier rounds
                    st.output_addr = ((static_cast<std::uint64_t>(b) * P + wy * map.copies_h) * Q + st.wx0 * map.copies_w) *
                                     K * chip.output_bytes;
                    st.input_reads = st.windows() * round.input_rows * act_bytes;
                    st.compute = st.windows() * window_cycles;
                    if (first) {
                        st.program = round.program_cycles;
                        st.weight_fill = round.weight_bytes;
                        st.weight_addr = ri * round.weight_bytes;
                        first = false;
                    }
                    s.compute_cycles += st.compute;
                    s.steps.push_back(st);
                }
            }
    }
    return s;
}

}  // namespace skipsim
