// Large blocks from `new[]` and `new` are backed by transparent huge pages.
//
// Why: fresh memory arrives one 4 kB page per fault, and a fault is expensive on a virtualised
// machine. Served from 2 MiB-aligned memory marked MADV_HUGEPAGE, it takes one fault per 2 MiB.
// - Arrays (`new[]`) of 2 MiB and more. Debian's libsystemc allocates a 3 MiB scratch heap
//   (sc_core::sc_temp_heap) with new[] in a static initialiser and zero-fills it, before main()
//   runs: 768 faults in every skipsim process, about 8 of the 30 ms an empty run took; now two.
// - Objects (`new`, which std::vector's buffers come from) of glibc's largest mmap threshold
//   (32 MiB, run_memory.h) and more. Below it malloc serves them from the heap, which keeps freed
//   memory for reuse and whose top a run already grows on huge pages (run_memory.cpp); above it
//   malloc maps each one afresh, 4 kB a fault: VGG16's fc6 weights alone (411 MB in cycle mode)
//   were 100 k faults, and the run's 160 k faults a sixth of its time.
// The kernel may decline huge pages (THP set to "never"); the memory is then ordinary pages, as
// before.
//
// This replaces the global operators new, new[], delete and delete[] (C++ allows a program to), so
// it is linked into the skipsim binary only, and not into sanitizer builds, whose runtime brings
// its own. Smaller requests go to malloc as before. A large block's mapping is recorded in a small
// fixed table; delete unmaps what the table holds and frees everything else (a pointer not aligned
// to a huge page is never in it). When the table is full, large blocks come from malloc too.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

#include "run_memory.h"

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kLargeArray = kHugePage;
constexpr std::size_t kLargeObject = skipsim::kLargestMmapThreshold;

struct Mapping {
    std::atomic<std::uintptr_t> array{0};  // 0: slot free; 1: being filled
    std::atomic<std::size_t> length{0};
};

// Constant-initialised: usable from other libraries' static initialisers, which run before ours.
std::array<Mapping, 16> g_mappings;

// A mapping of whole huge pages, aligned to one: map one more and trim both ends.
void* map_large_array(std::size_t size) {
    const std::size_t length = (size + kHugePage - 1) / kHugePage * kHugePage;
    void* mapped = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return nullptr;
    const auto base = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t array = (base + kHugePage - 1) & ~(kHugePage - 1);
    if (array > base) munmap(mapped, array - base);
    munmap(reinterpret_cast<void*>(array + length), base + kHugePage - array);
    madvise(reinterpret_cast<void*>(array), length, MADV_HUGEPAGE);
    for (Mapping& m : g_mappings) {
        std::uintptr_t expected = 0;
        if (!m.array.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) continue;
        m.length.store(length, std::memory_order_relaxed);
        m.array.store(array, std::memory_order_release);
        return reinterpret_cast<void*>(array);
    }
    munmap(reinterpret_cast<void*>(array), length);
    return nullptr;
}

bool unmap_large_array(void* p) {
    const auto array = reinterpret_cast<std::uintptr_t>(p);
    for (Mapping& m : g_mappings) {
        if (m.array.load(std::memory_order_acquire) != array) continue;
        const std::size_t length = m.length.load(std::memory_order_relaxed);
        m.array.store(0, std::memory_order_release);
        munmap(p, length);
        return true;
    }
    return false;
}

void* allocate(std::size_t size, std::size_t large) noexcept {
    if (size >= large)
        if (void* p = map_large_array(size)) return p;
    return std::malloc(size ? size : 1);
}

void release(void* p) noexcept {
    if (!p) return;
    if (reinterpret_cast<std::uintptr_t>(p) % kHugePage == 0 && unmap_large_array(p)) return;
    std::free(p);
}

// The loop the standard prescribes: on failure, call the new-handler and try again, or throw.
void* allocate_or_throw(std::size_t size, std::size_t large) {
    for (;;) {
        if (void* p = allocate(size, large)) return p;
        const std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

}  // namespace

void* operator new[](std::size_t size) { return allocate_or_throw(size, kLargeArray); }
void* operator new(std::size_t size) { return allocate_or_throw(size, kLargeObject); }

void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate_or_throw(size, kLargeArray);
    } catch (...) {
        return nullptr;
    }
}

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate_or_throw(size, kLargeObject);
    } catch (...) {
        return nullptr;
    }
}

void operator delete[](void* p) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
