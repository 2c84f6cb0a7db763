#pragma once
// Parameters of an AMD AIE2 (AIE-ML) core mesh with mem-tiles and shim DMA (seed 003, MODELS.md
// section 5; AMD AM020). Rates are in bytes per cycle of the array clock (1 GHz: 4 B/cycle =
// 4 GB/s).
#include <cstdint>
#include <string>

#include "base/error.h"

namespace skipsim {

struct AieParams {
    std::uint32_t rows = 4, cols = 4;                  // compute tiles of the mesh
    std::uint32_t device_rows = 8, device_cols = 8;    // tiles the device has
    std::uint32_t core_memory_bytes = 65536;           // data memory of a core (8 banks)
    std::uint32_t core_buffer_bytes = 49152;           // the 6 banks for ping-pong buffers and weights
    std::uint32_t memtile_bytes = 524288;
    std::uint32_t macs_per_cycle = 256;                // int8 x int8 peak of one core
    // Achieved fraction of the peak by kernel shape (the seed's logs: about 32 of 256 MACs/cycle).
    double eff_1x1 = 0.125, eff_3x3 = 0.125, eff_other = 0.125;
    double stream_bytes_per_cycle = 4;                 // mem-tile <-> core port (32 bits/cycle)
    double shim_bytes_per_cycle = 4;                   // each of the two shim DMA channels of a column
    std::uint32_t block = 8;                           // channels per block the kernels compute on
    std::uint32_t ddr_channels = 1;                    // initiator sockets ddr_0 .. ddr_{n-1}; column c uses c mod n
    // Seed 003's logs: a layer whose input and output fit the mem-tiles together keeps them there
    // between layers (no LOAD / WRITE over the shim).
    bool memtile_residency = true;
    // Seed 003's logs: the cores of a column write their outputs into the mem-tile through one
    // shared channel (conv1's output at 8.6, 15.0, 30.1 GB/s on 2, 4, 8 columns).
    bool writefm_per_column = true;
    // Weight buffers per core: 2 lets LOADWM fill one while COMP computes on the other.
    std::uint32_t core_weight_buffers = 2;
    double clock_ghz = 0;
    std::uint64_t ddr_input_base = 0x0000'0000ull;
    std::uint64_t ddr_weight_base = 0x1'0000'0000ull;
    std::uint64_t ddr_output_base = 0x2'0000'0000ull;

    template <class V>
    void visit(V& v) {
        v.num("rows", rows, 1, 32, "tiles", "core rows of the mesh (weights are broadcast along a row)");
        v.num("cols", cols, 0, 64, "tiles", "core columns of the mesh, one mem-tile and one shim DMA each (0: as many as rows)");
        v.num("device_rows", device_rows, 1, 32, "tiles", "core rows the device has: the mesh must fit");
        v.num("device_cols", device_cols, 1, 64, "tiles", "core columns the device has: the mesh must fit");
        v.num("core_memory_bytes", core_memory_bytes, 1024, 1 << 24, "bytes", "data memory of one core");
        v.num("core_buffer_bytes", core_buffer_bytes, 1024, 1 << 24, "bytes",
              "part of a core's memory the compiler may fill with weight, input and accumulator buffers");
        v.num("memtile_bytes", memtile_bytes, 4096, 1 << 28, "bytes", "memory of one mem-tile");
        v.num("macs_per_cycle", macs_per_cycle, 1, 65536, "MACs", "peak int8 MACs per cycle of one core");
        v.num("eff_1x1", eff_1x1, 1e-3, 1, "fraction", "achieved fraction of the peak on 1x1 kernels");
        v.num("eff_3x3", eff_3x3, 1e-3, 1, "fraction", "achieved fraction of the peak on 3x3 kernels");
        v.num("eff_other", eff_other, 1e-3, 1, "fraction", "achieved fraction of the peak on other kernels");
        v.num("stream_bytes_per_cycle", stream_bytes_per_cycle, 1e-3, 1024, "bytes",
              "one mem-tile <-> core stream port (activation column broadcast, weight row broadcast, core writes)");
        v.num("shim_bytes_per_cycle", shim_bytes_per_cycle, 1e-3, 1024, "bytes",
              "one shim DMA channel; a column has two (activations, weights), writes use both");
        v.num("block", block, 1, 64, "channels", "channel granularity of the kernels (8x8 blocks); smaller channel counts are padded");
        v.num("ddr_channels", ddr_channels, 1, 64, "channels", "DDR channels (sockets ddr_0 ..); column c uses channel c mod n");
        v.flag("memtile_residency", memtile_residency,
               "keep a layer's input and output in the mem-tiles between layers when both fit in cols x memtile_bytes "
               "(no LOAD or WRITE over the shim for them); the network's first layer reads and writes DDR");
        v.flag("writefm_per_column", writefm_per_column,
               "the cores of a column share one stream_bytes_per_cycle channel for their writes into the mem-tile "
               "(false: one per core)");
        v.num("core_weight_buffers", core_weight_buffers, 1, 2, "buffers",
              "weight buffers per core (2: LOADWM fills one while COMP computes on the other)");
        v.num("clock_ghz", clock_ghz, 0, 100, "GHz", "array clock; 0 takes the platform clock");
        v.num("ddr_input_base", ddr_input_base, 0, 1e18, "bytes", "DDR address of the input feature map");
        v.num("ddr_weight_base", ddr_weight_base, 0, 1e18, "bytes", "DDR address of the compacted weights");
        v.num("ddr_output_base", ddr_output_base, 0, 1e18, "bytes", "DDR address of the output feature map");
    }
    std::uint32_t mesh_cols() const { return cols ? cols : rows; }
    void validate(const std::string& file, const std::string& ptr) const {
        if (rows > device_rows || mesh_cols() > device_cols)
            throw InputError(file, ptr + (rows > device_rows ? "/rows" : "/cols"),
                             "expected a mesh that fits the device's " + std::to_string(device_rows) + " x " +
                                 std::to_string(device_cols) + " tiles, got " + std::to_string(rows) + " x " +
                                 std::to_string(mesh_cols()));
        if (core_buffer_bytes > core_memory_bytes)
            throw InputError(file, ptr + "/core_buffer_bytes",
                             "expected buffers no larger than a core's memory (" + std::to_string(core_memory_bytes) +
                                 " bytes), got " + std::to_string(core_buffer_bytes));
    }
};

}  // namespace skipsim
