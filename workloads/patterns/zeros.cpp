// "zeros": the weights' own zeros are the pruned weights (a quantized model's zero point is its
// zero: the loader subtracts it). The default of layers whose weights come from a file (.npy,
// ONNX), so that a model pruned elsewhere runs with its own sparsity and never silently dense.
#include "workloads/pruning.h"

namespace skipsim {

namespace {

void zeros_mask(const Layer&, const std::vector<std::int16_t>& w, std::vector<std::uint8_t>& m) {
    m.resize(w.size());
    std::uint64_t kept = 0;
    for (std::size_t i = 0; i < w.size(); ++i) kept += m[i] = w[i] != 0;
    // Weights without a zero need no mask: the layer runs dense.
    if (kept == w.size()) m.clear();
}

}  // namespace

static const Registration<PruningPattern> zeros_registration{
    {"zeros", "the weights' own zeros (the default for weights from a file: .npy, ONNX)",
     [](StrictObject&, const Layer&) {}, zeros_mask}};

}  // namespace skipsim
