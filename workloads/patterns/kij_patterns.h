#pragma once
// The timestep-skipping pruning patterns of seed 000 (hojinc02/Systolic_TimestepSkip-and-QAT,
// pyfiles/prune_util.py), for weight- and output-stationary systolic arrays:
// - ws_kij: per output channel, the kernel positions kij ("sticks" over input channels) with the
//   smallest L1 norm are pruned; every output channel keeps the same number of positions.
// - os_kij: the (input channel, kij) sticks (over output channels) with the smallest norm are
//   pruned across the whole layer.
// Both take a single `ratio` or a `schedule` of increments, each rounded on its own as the source
// prunes iteratively, half to even as Python's round does; ws_kij also takes an explicit mask
// `file` whose kept count must be equal for every output channel.
#include <cstdint>
#include <vector>

#include "base/strict_object.h"
#include "workloads/ir.h"

namespace skipsim {

// Python's round() of a non-negative double: the nearest integer, halves to the even one.
std::uint64_t round_half_even(double x);

// How many of `count` sticks a ratio or schedule prunes (each increment rounded on its own, half
// to even, as the source's round(P * k * k)).
std::uint64_t sticks_to_prune(const OrderedJson& params, std::uint64_t count);

}  // namespace skipsim
