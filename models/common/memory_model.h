#pragma once
// The two memory roles and the small interfaces accelerators see them through. Accelerators
// never name a memory class: a buffer is a BufferTarget, a DRAM channel a MemoryChannel, and the
// report counts every memory's bytes_read / bytes_written by its role. A new memory kind derives
// from BufferModel or DramModel and is counted, bound and reported with no change elsewhere.
#include "model_base.h"

namespace skipsim {

// An on-chip buffer an accelerator fills and drains: how much one fill may carry.
class BufferTarget {
public:
    virtual ~BufferTarget() = default;
    virtual Bytes capacity() const = 0;
    // Usable bytes of the half being filled (the whole buffer when it is not double-buffered).
    virtual Bytes usable_per_buffer() const = 0;
};

// An off-chip memory channel: its peak bandwidth, and what moving data costs for planners that
// compare options without simulating (0 when the channel does not price its energy).
class MemoryChannel {
public:
    virtual ~MemoryChannel() = default;
    virtual double peak_bytes_per_ns() const = 0;
    // pJ per byte of a sequential stream, and pJ per ns the channel stays powered.
    virtual double stream_pj_per_byte() const { return 0; }
    virtual double standby_pj_per_ns() const { return 0; }
};

// A memory's traffic in the two counters every report reads.
class MemoryModel : public ModelBase {
protected:
    MemoryModel(const sc_core::sc_module_name& name, std::string kind, Role role, BuildContext& ctx,
                double clock_ghz)
        : ModelBase(name, std::move(kind), role, ctx, clock_ghz),
          s_bytes_read(stat("bytes_read", "bytes", "bytes read out of the memory")),
          s_bytes_written(stat("bytes_written", "bytes", "bytes written into the memory")) {}

    std::uint64_t& s_bytes_read;
    std::uint64_t& s_bytes_written;
};

class BufferModel : public MemoryModel, public BufferTarget {
public:
    static constexpr Role kRole = Role::buffer;

protected:
    BufferModel(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz)
        : MemoryModel(name, std::move(kind), kRole, ctx, clock_ghz) {}
};

class DramModel : public MemoryModel, public MemoryChannel {
public:
    static constexpr Role kRole = Role::dram;

protected:
    DramModel(const sc_core::sc_module_name& name, std::string kind, BuildContext& ctx, double clock_ghz)
        : MemoryModel(name, std::move(kind), kRole, ctx, clock_ghz) {}
};

}  // namespace skipsim
