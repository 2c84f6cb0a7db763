#include "point_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace skipsim {

namespace {

// What a point of a network like ResNet-18 on a small array allocates beyond the worker's heap
// (1 to 3 MB).
constexpr std::size_t kHeapGrowth = std::size_t(4) << 20;

}  // namespace

void prepare_point_memory() {
    char* const before = static_cast<char*>(sbrk(0));
    // Grows the heap's top: freed, the block stays the heap's (main() keeps freed memory: its
    // mmap and trim thresholds hold for the forked point as for the worker).
    volatile char* grow = static_cast<volatile char*>(std::malloc(kHeapGrowth));
    if (!grow) return;
    grow[0] = 0;
    std::free(const_cast<char*>(grow));
    char* const end = static_cast<char*>(sbrk(0));
    const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    char* const grown = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(before) + page - 1) / page * page);
    if (end <= grown) return;
    madvise(grown, static_cast<std::size_t>(end - grown), MADV_HUGEPAGE);
    // Errors are ignored: a kernel without MADV_POPULATE_WRITE (before 5.14) faults page by page.
    madvise(grown, static_cast<std::size_t>(end - grown), MADV_POPULATE_WRITE);
}

}  // namespace skipsim
