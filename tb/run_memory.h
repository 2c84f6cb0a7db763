#pragma once
// Heap memory for a run, standalone (`skipsim run`) or a point forked from a sweep worker. Both
// grow the heap by megabytes and took each fresh 4 KiB page as a separate fault: expensive on a
// virtualised machine. Both instead grow the heap's top at once, as transparent huge pages where
// the kernel offers them for the asking. Nothing here changes what a run computes.
// - A standalone run (a pruned ResNet-50 grows the heap by about 13 MB: masks, plans, reports)
//   reserves its next tens of MB as address space only: a page of it is faulted in 2 MB at a time
//   when the run first writes it, and what it never writes is never mapped.
// - A sweep point allocates a few MB beyond the worker's heap (a batch of points a few MB for
//   each) and maps them in one madvise(MADV_POPULATE_WRITE). The worker's own heap is left to be
//   copied page by page as the point writes it: copying all of it up front costs more than the
//   faults it saves once the worker holds a large plan.
#include <cstddef>

namespace skipsim {

// The largest mmap threshold glibc accepts on 64-bit (half its largest heap, 64 MB): buffers
// below it come from the heap and are reused once freed instead of mapped and faulted afresh.
constexpr int kLargestMmapThreshold = 32 << 20;

// `skipsim run`, before it allocates anything large.
void prepare_run_memory();

// In the forked process of a point or a batch of `points`, first thing.
void prepare_point_memory(std::size_t points);

}  // namespace skipsim
