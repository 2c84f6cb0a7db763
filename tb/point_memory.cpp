#include "point_memory.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace skipsim {

namespace {

// What a point of a network like ResNet-18 on a small array uses beyond the worker's heap (1 to 3 MB).
constexpr std::size_t kHeapGrowth = std::size_t(4) << 20;

}  // namespace

PointMemory::PointMemory() {
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);) {
        if (line.find("[heap]") == std::string::npos) continue;
        unsigned long start = 0;
        if (std::sscanf(line.c_str(), "%lx-", &start) == 1) m_heap_start = reinterpret_cast<char*>(start);
        break;
    }
}

void PointMemory::prepare_child() const {
    if (!m_heap_start) return;
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
    if (end > grown) madvise(grown, static_cast<std::size_t>(end - grown), MADV_HUGEPAGE);
    // Errors are ignored: a kernel without MADV_POPULATE_WRITE (before 5.14) faults page by page.
    madvise(m_heap_start, static_cast<std::size_t>(end - m_heap_start), MADV_POPULATE_WRITE);
}

}  // namespace skipsim
