#pragma once
// Memory for a point forked from a sweep worker. A point allocates a few MB beyond the worker's
// heap and took each fresh page of it as a separate fault (about 450 faults a point with those
// it copies from the worker): expensive on a virtualised machine. The point instead grows its
// heap by a few MB at once and maps them in one madvise(MADV_POPULATE_WRITE), as transparent huge
// pages where the kernel offers them for the asking. The worker's own heap is left to be copied
// page by page as the point writes it: copying all of it up front costs more than the faults it
// saves once the worker holds a large plan. Nothing here changes what a point computes.
namespace skipsim {

// The largest mmap threshold glibc accepts on 64-bit (half its largest heap, 64 MB): buffers
// below it come from the heap and are reused once freed instead of mapped and faulted afresh.
constexpr int kLargestMmapThreshold = 32 << 20;

// In the forked point, first thing.
void prepare_point_memory();

}  // namespace skipsim
