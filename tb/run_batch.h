#pragma once
// Several runs side by side in one simulation: a sweep worker's forked process elaborates a
// batch of points' platforms together, starts SystemC once and writes each point's run directory
// when all have finished, so that the process's cost (fork, exit, copying the worker's pages,
// SystemC's start) is paid once per batch rather than once per point. The platforms share no
// state, so each point's reports are the bytes its own `skipsim run` would write.
#include <cstddef>
#include <functional>
#include <vector>

#include "run_options.h"

namespace skipsim {

// Runs every run of `opts` and calls `succeeded(k)` as soon as run k's directory is committed.
// A run that fails calls nothing and reports nothing (the caller runs it again on its own for its
// message); one that fails before the simulation starts fails them all, as SystemC cannot
// continue an elaboration that threw.
void run_batch(const std::vector<RunOptions>& opts, const std::function<void(std::size_t)>& succeeded);

}  // namespace skipsim
