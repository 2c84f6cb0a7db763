#include "run_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace skipsim {

namespace {

// Below glibc's mmap threshold (main() sets it), so that the block comes from the heap and stays
// the heap's once freed (main() also keeps freed memory from being trimmed).
constexpr std::size_t kRunHeapReserve = kLargestMmapThreshold - (std::size_t(1) << 20);
// What a point of a network like ResNet-18 on a small array allocates beyond the worker's heap
// (1 to 3 MB).
constexpr std::size_t kPointHeapGrowth = std::size_t(4) << 20;
// A batch of points grows its heap that much for each of its first four points: 16 MB for a batch
// of ResNet-18 points made the 10,000-point benchmark about 5 % faster than 4 MB, and 32 MB slower.
constexpr std::size_t kPointsHeapGrown = 4;

// Grows the heap's top by `bytes` and asks for transparent huge pages there; with `map_now`, also
// maps them at once. Errors are ignored: without transparent huge pages, or on a kernel without
// MADV_POPULATE_WRITE (before 5.14), the heap is faulted page by page, as before.
void grow_heap(std::size_t bytes, bool map_now) {
    char* const before = static_cast<char*>(sbrk(0));
    // Written once, so that the allocation is not optimised away with its free.
    volatile char* grow = static_cast<volatile char*>(std::malloc(bytes));
    if (!grow) return;
    grow[0] = 0;
    std::free(const_cast<char*>(grow));
    char* const end = static_cast<char*>(sbrk(0));
    const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    char* const grown = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(before) + page - 1) / page * page);
    if (end <= grown) return;
    madvise(grown, static_cast<std::size_t>(end - grown), MADV_HUGEPAGE);
    if (map_now) madvise(grown, static_cast<std::size_t>(end - grown), MADV_POPULATE_WRITE);
}

}  // namespace

void prepare_run_memory() { grow_heap(kRunHeapReserve, false); }

void prepare_point_memory(std::size_t points) {
    grow_heap(std::min<std::size_t>(points, kPointsHeapGrown) * kPointHeapGrowth, true);
}

}  // namespace skipsim
