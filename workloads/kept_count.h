#pragma once
// Counts the kept weights of a 0/1 mask read a word (eight mask bytes) at a time. The word's eight
// byte lanes are added to eight running lanes, which cannot carry into each other; every 255
// words, before a lane can overflow, they are summed into the total in 16-bit lanes whose
// multiply carries nothing out. Cheaper than summing each word's bytes with a multiply of its own.
#include <cstdint>

namespace skipsim {

class KeptCount {
public:
    void add(std::uint64_t word) {
        m_lanes += word;
        if (++m_words == 255) fold();
    }
    std::uint64_t total() {
        fold();
        return m_total;
    }

private:
    void fold() {
        constexpr std::uint64_t kLow = 0x00ff00ff00ff00ffull;
        m_total += (((m_lanes & kLow) + ((m_lanes >> 8) & kLow)) * 0x0001000100010001ull) >> 48;
        m_lanes = 0;
        m_words = 0;
    }

    std::uint64_t m_lanes = 0, m_total = 0;
    std::uint32_t m_words = 0;
};

}  // namespace skipsim
