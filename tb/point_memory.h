#pragma once
// Memory for a point forked from a sweep worker. A point touches a few MB that are either the
// worker's heap (shared copy-on-write after the fork) or fresh heap, and took every page of it
// as a separate fault: about 450 faults a point, a fifth of a small point's time on a
// virtualised machine, where a fault is expensive. The child instead takes its heap in bulk:
// the worker's part copied and a few MB more mapped (with transparent huge pages where the
// kernel offers them for the asking) in one madvise(MADV_POPULATE_WRITE), and large buffers come
// from that heap rather than from mmap. Nothing here changes what a point computes.
#include <cstddef>

namespace skipsim {

// The largest mmap threshold glibc accepts on 64-bit (half its largest heap, 64 MB): buffers
// below it come from the heap and are reused once freed instead of mapped and faulted afresh.
constexpr int kLargestMmapThreshold = 32 << 20;

class PointMemory {
public:
    // In the worker, before it forks: finds its heap.
    PointMemory();
    // In the forked point, first thing.
    void prepare_child() const;

private:
    char* m_heap_start = nullptr;
};

}  // namespace skipsim
