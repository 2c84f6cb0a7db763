// The pruning structures of `skipsim study` (study_pruning.h), one registration each.
#include <cmath>
#include <cstdio>
#include <set>

#include "workloads/study_pruning.h"

namespace skipsim {

std::string density_label(double density) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", density);
    return buf;
}

int pairs_mask_for(double density) {
    int best = 1;
    for (int m = 2; m <= 5; ++m)
        if (std::fabs((9.0 - m) / 9 - density) < std::fabs((9.0 - best) / 9 - density) - 1e-12) best = m;
    return best;
}

namespace {

bool has_weights(const Layer& l) { return l.kind != LayerKind::matmul; }

// Sets `pattern` with `params` on every layer but the first for which `applies` says "" (and
// collects the reasons it gives for the others, once each).
std::string prune_layers(Network& net, const std::string& pattern, const OrderedJson& params,
                         const std::function<std::string(const Layer&)>& applies) {
    std::set<std::string> reasons;
    for (std::size_t i = 1; i < net.layers.size(); ++i) {
        Layer& l = net.layers[i];
        const std::string why = has_weights(l) ? applies(l) : "matmul layers multiply two activations: no weights to prune";
        if (!why.empty()) {
            reasons.insert(why);
            continue;
        }
        l.sparsity = SparsitySpec{};
        l.sparsity.pattern = pattern;
        l.sparsity.params = params;
    }
    std::string text;
    for (const auto& r : reasons) text += (text.empty() ? "" : "; ") + r;
    return text;
}

std::string everywhere(const Layer&) { return ""; }

OrderedJson ratio_params(double density) {
    OrderedJson p = OrderedJson::object();
    p["ratio"] = 1 - density;
    return p;
}

const Registration<StudyPruning> none_study_pruning{
    {"none", "no pruning: the family skips no work, every density runs dense",
     [](Network&, double) { return std::string("this family skips no pruned work: it runs every layer dense"); },
     false}};

const Registration<StudyPruning> ws_kij_study_pruning{
    {"ws_kij",
     "seed 000's WS timesteps: per output channel, the kernel positions of smallest L1 norm, "
     "round-half-even(ratio x R x S) of them",
     [](Network& net, double density) {
         std::string why = prune_layers(net, "ws_kij", ratio_params(density), [](const Layer& l) {
             return l.kernel_h * l.kernel_w > 1 ? std::string()
                                               : std::string("1x1 convolutions and linear layers have one kernel "
                                                             "position: no timestep to skip");
         });
         return why;
     }}};

const Registration<StudyPruning> os_kij_study_pruning{
    {"os_kij", "seed 000's OS sticks: the (input channel, kernel position) sticks of smallest L1 norm across the layer",
     [](Network& net, double density) { return prune_layers(net, "os_kij", ratio_params(density), everywhere); }}};

const Registration<StudyPruning> unstructured_study_pruning{
    {"unstructured", "unstructured magnitude pruning: the smallest |w| of each layer",
     [](Network& net, double density) { return prune_layers(net, "unstructured", ratio_params(density), everywhere); }}};

const Registration<StudyPruning> block_study_pruning{
    {"block8x8", "seed 003's 8x8 blocks (8 input x 8 output channels x R x S) of smallest L2 norm",
     [](Network& net, double density) {
         OrderedJson p = ratio_params(density);
         p["block"] = {8, 8};
         return prune_layers(net, "block", p, [](const Layer& l) {
             if (l.groups != 1) return std::string("grouped and depthwise convolutions have no 8x8 channel blocks");
             if (l.in_channels % 8 || l.out_channels % 8)
                 return std::string("layers whose channels are not multiples of 8 have partial blocks (left dense)");
             return std::string();
         });
     }}};

const Registration<StudyPruning> pairs_study_pruning{
    {"pairs",
     "seed 004's PAIRS: every 3x3 kernel loses the 'mask' entries (1..5) that skip the most SDK rows; the mask "
     "nearest the density",
     [](Network& net, double density) {
         const int mask = pairs_mask_for(density);
         OrderedJson p = OrderedJson::object();
         p["mask"] = mask;
         std::string why = prune_layers(net, "pairs", p, [](const Layer& l) {
             return l.kernel_h == 3 && l.kernel_w == 3 ? std::string()
                                                       : std::string("PAIRS patterns exist for 3x3 kernels only");
         });
         const double got = (9.0 - mask) / 9;
         if (std::fabs(got - density) > 0.05) {
             const std::string near = "PAIRS' masks prune 1 to 5 of 9 entries: mask " + std::to_string(mask) +
                                      " (density " + density_label(std::round(got * 1000) / 1000) +
                                      ") is the nearest to " + density_label(density);
             why = why.empty() ? near : near + "; " + why;
         }
         return why;
     }}};

}  // namespace
}  // namespace skipsim
