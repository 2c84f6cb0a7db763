// DeGirum's three pruned ResNet-50s on zero_skip_64x8's array: compute speedups over the dense
// network next to the seed's "achieved compute gains in HW" (2.00x / 2.73x / 3.86x, an FPGA
// prototype) and below the ideal compute reductions (2.21x / 3.58x / 5.73x).
#include <gtest/gtest.h>

#include "sparse/zero_skip_plan.h"
#include "workloads/loader.h"
#include "workloads/pruning.h"
#include "workloads/tensor_gen.h"

namespace skipsim {
namespace {

double compute_speedup(const std::string& workload) {
    ZeroSkipShape a;  // zero_skip_64x8
    a.lanes = 64;
    a.vector_width = 8;
    a.group_size = 4;
    a.slice_channels = 64;
    a.sync_cycles = 3;
    a.format = WeightFormat::bitmap;
    const Network n = load_workload(std::string(SKIPSIM_SOURCE_DIR) + "/workloads/zoo/" + workload + ".json", LoadOptions{});
    Cycles sparse = 0, dense = 0;
    for (const Layer& l : n.layers) {
        const auto mask = materialize_mask(l, l.sparsity.is_dense() ? std::vector<std::int32_t>{} : layer_weights(l));
        const ZeroSkipPlan p = plan_zero_skip_layer(l, mask.empty() ? nullptr : &mask, a, 65536, 65536);
        EXPECT_TRUE(p.error.empty()) << l.name;
        sparse += p.compute_cycles;
        dense += p.dense_compute_cycles;
    }
    return static_cast<double>(dense) / static_cast<double>(sparse);
}

// P70 is reproduced within 3%. The prototype loses more than the model at higher sparsity (the
// seed expects its numbers to improve as the design matures, and does not say where the loss
// is), so P83 and P85 are held within 8% of the published gain, and every network below ideal.
TEST(NetworkSpeedup, DegirumResnet50sNextToThePublishedGains) {
    struct Row {
        const char* workload;
        double published, ideal, tolerance;
    };
    for (const Row& r : {Row{"resnet50_pruned_70", 2.00, 2.21, 0.03}, Row{"resnet50_pruned_83", 2.73, 3.58, 0.08},
                         Row{"resnet50_pruned_85", 3.86, 5.73, 0.08}}) {
        const double s = compute_speedup(r.workload);
        EXPECT_NEAR(s, r.published, r.tolerance * r.published) << r.workload;
        EXPECT_LT(s, r.ideal) << r.workload;
    }
}

}  // namespace
}  // namespace skipsim
