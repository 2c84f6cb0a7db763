// The skipsim binary's new, new[], delete and delete[] (tb/huge_page_alloc.cpp), linked into this
// test as into the binary: large arrays and very large objects come aligned to a huge page and go
// back to the kernel; smaller ones, and large ones beyond the table's slots, come from malloc; every
// pointer is freed by its source.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

bool aligned_to_huge_page(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % kHugePage == 0; }

// Whether [p, p + n) lies in one mapping of this process (from /proc/self/maps).
bool mapped(const void* p, std::size_t n) {
    const auto lo = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const std::uintptr_t begin = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
        const std::uintptr_t end = std::stoull(line.substr(line.find('-') + 1), nullptr, 16);
        if (begin <= lo && lo + n <= end) return true;
    }
    return false;
}

TEST(HugePageArrays, LargeArraysAreAlignedWritableAndUnmappedOnDelete) {
    const std::size_t size = 3 * (std::size_t{1} << 20);  // libsystemc's scratch heap
    char* a = new char[size];
    EXPECT_TRUE(aligned_to_huge_page(a));
    std::memset(a, 0x5a, size);
    EXPECT_EQ(a[size - 1], 0x5a);
    EXPECT_TRUE(mapped(a, size));
    delete[] a;
    EXPECT_FALSE(mapped(a, 1));
}

TEST(HugePageArrays, SmallArraysComeFromMalloc) {
    // Routed to huge pages, every one would be aligned to one; from malloc, hardly any is.
    std::vector<std::unique_ptr<int[]>> small;
    int aligned = 0;
    for (int i = 0; i < 100; ++i) {
        small.emplace_back(new int[1000]);
        small.back()[999] = i;
        aligned += aligned_to_huge_page(small.back().get());
    }
    EXPECT_LT(aligned, 100);
    EXPECT_EQ(small[42][999], 42);
}

TEST(HugePageArrays, MoreLargeArraysThanSlotsAllWorkAndAllAreFreed) {
    std::vector<char*> arrays;
    for (int i = 0; i < 40; ++i) {
        arrays.push_back(new char[kHugePage + 1]);
        arrays.back()[kHugePage] = static_cast<char>(i);
    }
    for (int i = 0; i < 40; ++i) EXPECT_EQ(arrays[static_cast<std::size_t>(i)][kHugePage], static_cast<char>(i));
    // Freed in an order other than allocated, so slots are reused out of order.
    for (std::size_t i = 0; i < arrays.size(); i += 2) delete[] arrays[i];
    for (std::size_t i = 1; i < arrays.size(); i += 2) delete[] arrays[i];
    char* again = new char[kHugePage];
    EXPECT_TRUE(aligned_to_huge_page(again));
    delete[] again;
}

TEST(HugePageObjects, VectorsFromTheMmapThresholdUpAreOnHugePagesAndUnmappedWhenFreed) {
    const std::size_t ints = (std::size_t{32} << 20) / sizeof(int) + 1;  // just over glibc's largest threshold
    auto* big = new std::vector<int>(ints, 7);
    const int* data = big->data();
    EXPECT_TRUE(aligned_to_huge_page(data));
    EXPECT_TRUE(mapped(data, ints * sizeof(int)));
    EXPECT_EQ((*big)[ints - 1], 7);
    delete big;
    EXPECT_FALSE(mapped(data, 1));
}

TEST(HugePageObjects, SmallerObjectsComeFromMalloc) {
    // 3 MiB: a huge page's worth for new[], but below the threshold for new (malloc's heap keeps
    // such buffers for reuse).
    std::vector<std::vector<char>> buffers;
    int aligned = 0;
    for (int i = 0; i < 8; ++i) {
        buffers.emplace_back(std::size_t{3} << 20, static_cast<char>(i));
        aligned += aligned_to_huge_page(buffers.back().data());
    }
    EXPECT_LT(aligned, 8);
    EXPECT_EQ(buffers[5].back(), 5);
}

TEST(HugePageArrays, NothrowFormsAndAbsurdSizes) {
    char* a = new (std::nothrow) char[kHugePage * 2];
    ASSERT_NE(a, nullptr);
    a[0] = 1;
    operator delete[](a, std::nothrow);
    EXPECT_EQ(operator new[](~std::size_t{0} / 2, std::nothrow), nullptr);
    EXPECT_THROW(static_cast<void>(operator new[](~std::size_t{0} / 2)), std::bad_alloc);
    void* o = operator new(std::size_t{40} << 20, std::nothrow);
    ASSERT_NE(o, nullptr);
    EXPECT_TRUE(aligned_to_huge_page(o));
    operator delete(o, std::nothrow);
    EXPECT_EQ(operator new(~std::size_t{0} / 2, std::nothrow), nullptr);
    EXPECT_THROW(static_cast<void>(operator new(~std::size_t{0} / 2)), std::bad_alloc);
}

}  // namespace
