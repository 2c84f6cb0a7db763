#include "run_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "point_memory.h"

namespace skipsim {

namespace {

// Below glibc's mmap threshold (main() sets it), so that the block comes from the heap and stays
// the heap's once freed (main() also keeps freed memory from being trimmed). Only address space:
// the pages are mapped when first written.
constexpr std::size_t kHeapReserve = kLargestMmapThreshold - (std::size_t(1) << 20);

}  // namespace

void prepare_run_memory() {
    char* const before = static_cast<char*>(sbrk(0));
    void* const grow = std::malloc(kHeapReserve);
    if (!grow) return;
    std::free(grow);
    char* const end = static_cast<char*>(sbrk(0));
    const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    char* const grown = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(before) + page - 1) / page * page);
    if (end <= grown) return;
    // Errors are ignored: without transparent huge pages the heap is faulted page by page, as before.
    madvise(grown, static_cast<std::size_t>(end - grown), MADV_HUGEPAGE);
}

}  // namespace skipsim
