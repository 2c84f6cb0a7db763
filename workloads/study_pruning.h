#pragma once
// How `skipsim study` prunes a network for one family at one density: with the structure that
// family's hardware skips (timesteps, sticks, column groups, zeros, blocks, PAIRS rows). Each
// structure registers itself in study_prunings.cpp with one line; a budget names it per family.
// Every structure keeps the network's first layer dense (as every seed does: its few input
// channels hold most of the image's information and little of the work) and leaves the layers
// it cannot apply to dense, saying why.
#include <functional>
#include <string>

#include "base/registry.h"
#include "workloads/ir.h"

namespace skipsim {

struct StudyPruning {
    std::string name, summary;
    // Sets the sparsity of the layers of `net` the structure applies to, for a weight density of
    // `density` (0 < density < 1); returns why some layers stay dense or the density is not
    // reached ("" when it applies everywhere as asked).
    std::function<std::string(Network& net, double density)> prune;
    bool skips_work = true;  // false: the family runs every layer dense (the baseline)
};

using StudyPruningRegistry = Registry<StudyPruning>;

// `density` as the file names and tables show it: 1, 0.5, 0.125.
std::string density_label(double density);

// The PAIRS mask (entries pruned of a 3x3 kernel's 9, 1..5) whose density is nearest `density`,
// ties to the denser.
int pairs_mask_for(double density);

}  // namespace skipsim
