// The cycle-stepped engine against a plain matrix product, and its cycle count against the
// per-fold costs. The cycle count is never computed inside the engine: it is the number of
// step() calls until the pipeline drains.
#include <gtest/gtest.h>

#include <random>

#include "systolic/systolic_engine.h"
#include "systolic/tile_plan.h"

namespace skipsim {
namespace {

std::vector<std::int32_t> random_ints(std::size_t n, std::mt19937& rng) {
    std::uniform_int_distribution<int> d(-128, 127);
    std::vector<std::int32_t> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

std::uint64_t run(SystolicEngine& e) {
    std::uint64_t n = 0;
    while (e.step()) ++n;
    return n + 1;
}

// Small arrays, and wide ones whose valid bits span several 64-bit words (64, 65, 130 columns).
std::uint32_t random_cols(int trial, std::mt19937& rng) {
    static const std::uint32_t wide[] = {63, 64, 65, 127, 128, 130};
    return trial % 4 == 3 ? wide[rng() % 6] : 1 + rng() % 9;
}

TEST(SystolicEngine, StationaryFoldComputesTheProductInTwoRPlusCPlusMMinusTwoCycles) {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 40; ++trial) {
        const std::uint32_t R = 1 + rng() % 9, C = random_cols(trial, rng);
        const std::uint64_t M = 1 + rng() % 13;
        SystolicEngine e(R, C);
        auto w = random_ints(R * C, rng);
        auto x = random_ints(M * R, rng);
        e.start_stationary_fold(w, x, M);
        const std::uint64_t cycles = run(e);
        EXPECT_EQ(cycles, 2 * R + C + M - 2) << R << "x" << C << " M=" << M;
        EXPECT_EQ(cycles, e.cycles());
        for (std::uint64_t m = 0; m < M; ++m)
            for (std::uint32_t c = 0; c < C; ++c) {
                std::int64_t ref = 0;
                for (std::uint32_t r = 0; r < R; ++r) ref += static_cast<std::int64_t>(w[r * C + c]) * x[m * R + r];
                ASSERT_EQ(e.results()[m * C + c], ref);
            }
    }
}

TEST(SystolicEngine, OutputStationaryFoldComputesTheProductInRPlusCPlusDMinusTwoCycles) {
    std::mt19937 rng(11);
    for (int trial = 0; trial < 40; ++trial) {
        const std::uint32_t R = 1 + rng() % 9, C = random_cols(trial, rng);
        const std::uint64_t D = 1 + rng() % 17;
        SystolicEngine e(R, C);
        auto left = random_ints(R * D, rng);
        auto top = random_ints(D * C, rng);
        e.start_output_stationary_fold(left, top, D);
        EXPECT_EQ(run(e), R + C + D - 2);
        for (std::uint32_t r = 0; r < R; ++r)
            for (std::uint32_t c = 0; c < C; ++c) {
                std::int64_t ref = 0;
                for (std::uint64_t k = 0; k < D; ++k) ref += static_cast<std::int64_t>(left[r * D + k]) * top[k * C + c];
                ASSERT_EQ(e.results()[r * C + c], ref);
            }
    }
}

TEST(SystolicEngine, RejectsOperandsOfTheWrongSize) {
    SystolicEngine e(4, 4);
    std::vector<std::int32_t> w(15), x(8);
    EXPECT_THROW(e.start_stationary_fold(w, x, 2), std::exception);
}

}  // namespace
}  // namespace skipsim
