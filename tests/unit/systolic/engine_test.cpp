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

// Each row's input queue (rows x count) from `count` vectors of `rows` elements.
std::vector<std::int32_t> row_queues(const std::vector<std::int32_t>& vectors, std::uint64_t count, std::uint32_t rows) {
    std::vector<std::int32_t> q(vectors.size());
    for (std::uint64_t k = 0; k < count; ++k)
        for (std::uint32_t r = 0; r < rows; ++r) q[r * count + k] = vectors[k * rows + r];
    return q;
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
        auto x = random_ints(M * R, rng);  // vector m's element r is x[m * R + r]
        const auto queues = row_queues(x, M, R);
        e.start_stationary_fold(w, queues, M);
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

// Operands of `bits` bits (signed): 8-bit ones let every sum fit 32-bit partial sums, 20-bit ones
// do not, and the engine must give the exact 64-bit values either way.
std::vector<std::int32_t> random_wide(std::size_t n, int bits, std::mt19937& rng) {
    const int top = (1 << (bits - 1)) - 1;
    std::uniform_int_distribution<int> d(-top - 1, top);
    std::vector<std::int32_t> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

// Steps `e` in chunks of random length (as the array model does for a fold split into parts);
// returns the clocks taken.
std::uint64_t run_in_chunks(SystolicEngine& e, std::mt19937& rng) {
    std::uint64_t total = 0;
    while (e.busy()) total += e.advance(1 + rng() % 40);
    return total;
}

TEST(SystolicEngine, LanesAndChunksGiveTheSameValuesAndClocksAsOneLaneSteppedClockByClock) {
    std::mt19937 rng(23);
    for (int trial = 0; trial < 60; ++trial) {
        const std::uint32_t R = 1 + rng() % 40, C = trial % 5 == 4 ? 65 + rng() % 200 : 1 + rng() % 40;
        const std::uint64_t M = 1 + rng() % 50;
        const int bits = trial % 3 == 2 ? 20 : 8;
        const bool os = trial % 2;
        const auto a = random_wide(os ? R * M : R * C, bits, rng);
        const auto b = random_wide(os ? M * C : M * R, bits, rng);
        SystolicEngine one(R, C);
        if (os) one.start_output_stationary_fold(a, b, M);
        else one.start_stationary_fold(a, b, M);
        const std::uint64_t clocks = run(one);
        // The plain product, for the values.
        for (std::uint64_t i = 0; i < one.results().size(); ++i) {
            std::int64_t ref = 0;
            if (os) {
                const std::uint64_t r = i / C, c = i % C;
                for (std::uint64_t k = 0; k < M; ++k) ref += static_cast<std::int64_t>(a[r * M + k]) * b[k * C + c];
            } else {
                const std::uint64_t m = i / C, c = i % C;
                for (std::uint32_t r = 0; r < R; ++r) ref += static_cast<std::int64_t>(a[r * C + c]) * b[r * M + m];
            }
            ASSERT_EQ(one.results()[i], ref) << (os ? "OS " : "WS ") << R << "x" << C << " M=" << M << " bits=" << bits;
        }
        for (unsigned lanes : {2u, 3u, 4u}) {
            SystolicEngine many(R, C, lanes);
            if (os) many.start_output_stationary_fold(a, b, M);
            else many.start_stationary_fold(a, b, M);
            EXPECT_EQ(run_in_chunks(many, rng), clocks) << lanes << " lanes, " << R << "x" << C << " M=" << M;
            EXPECT_EQ(many.cycles(), clocks);
            EXPECT_EQ(many.results(), one.results()) << lanes << " lanes, " << R << "x" << C << " M=" << M;
            // A second fold on the same engine starts from empty registers.
            if (os) many.start_output_stationary_fold(a, b, M);
            else many.start_stationary_fold(a, b, M);
            EXPECT_EQ(run_in_chunks(many, rng), clocks);
            EXPECT_EQ(many.results(), one.results());
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
