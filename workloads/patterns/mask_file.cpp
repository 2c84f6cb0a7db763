// "mask": an explicit keep-mask from a .npy file, such as one `skipsim run --save-masks` wrote.
#include "base/error.h"
#include "workloads/npy.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace {

void validate_mask_file(StrictObject& spec, const Layer& layer) {
    const std::string& file = layer.sparsity.mask_file;
    NpyArray a = read_npy(file);
    if (a.dtype != "b1" && a.dtype != "u1")
        throw InputError(file, "", "expected a bool or uint8 mask, got dtype '" + a.dtype + "'");
    const std::vector<std::uint64_t> full = {layer.out_channels, layer.channels_per_group(), layer.kernel_h, layer.kernel_w};
    const bool fc_shape = layer.kernel_h == 1 && layer.kernel_w == 1 && a.shape.size() == 2 &&
                          a.shape[0] == layer.out_channels && a.shape[1] == layer.channels_per_group();
    if (a.shape != full && !fc_shape) {
        NpyArray expect;
        expect.shape = full;
        throw InputError(file, "", "expected a mask of the weight's shape " + expect.shape_text() + " for layer '" +
                                       layer.name + "', got " + a.shape_text());
    }
    for (double v : a.values)
        if (v != 0 && v != 1) throw InputError(file, "", "expected mask values 0 or 1, got " + format_number(v));
    (void)spec;
}

}  // namespace

static const Registration<PruningPattern> mask_file_registration{
    {"mask", "an explicit .npy keep-mask of the weight's shape ('file', relative to the workload)", validate_mask_file,
     [](const Layer& l, const std::vector<std::int16_t>&, std::vector<std::uint8_t>& mask) {
         mask = read_mask_npy(l.sparsity.mask_file);
     },
     false,
     PruningPattern::MaskFile::required}};

}  // namespace skipsim
