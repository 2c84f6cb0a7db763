// "none": the dense layer. It has no mask, so materialize_mask never asks it for one.
#include "workloads/pruning.h"

namespace skipsim {

static const Registration<PruningPattern> dense_registration{
    {"none", "dense: nothing pruned", [](StrictObject&, const Layer&) {}, nullptr, false}};

}  // namespace skipsim
