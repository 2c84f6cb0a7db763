#pragma once
// The workload IR: a network of layers with shapes, quantization and sparsity. Every layer kind
// is held in one convolution geometry (linear and matmul are 1x1 convolutions over a batch), so
// that every hardware family maps one shape.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/json_source.h"

namespace skipsim {

enum class LayerKind { conv2d, linear, matmul };
const char* to_string(LayerKind k);

// Where a layer's integer weights come from.
struct WeightSource {
    enum class Kind { generated, npy, values } kind = Kind::generated;
    std::string file;        // absolute or relative to the current directory (resolved by the loader)
    std::uint64_t seed = 0;  // for generated weights
    // Kind::values: the integer weights themselves (K x C/g x R x S), as a model file held them
    // (ONNX); shared, so that copies of a network do not copy them.
    std::shared_ptr<const std::vector<std::int16_t>> values;
};

// Which weights are pruned. `pattern` is "none" or the name of a registered pruning pattern
// (pruning.h) with its parameters.
struct SparsitySpec {
    std::string pattern = "none";
    std::string mask_file;                       // for patterns that read a .npy mask (PruningPattern::mask_file)
    OrderedJson params = OrderedJson::object();  // pattern parameters as written, validated
    std::uint64_t seed = 0;
    bool is_dense() const { return pattern == "none"; }
};

struct Quantization {
    int weight_bits = 8;       // signed two's complement, 1..16
    int activation_bits = 8;   // 1..16
    bool activation_signed = true;
};

// GEMM view of one group: M output pixels (x batch), reduction D = (C/g)*R*S, N = K/g.
struct GemmShape {
    std::uint64_t m = 0, d = 0, n = 0, groups = 1;
};

struct Layer {
    std::string name;
    LayerKind kind = LayerKind::conv2d;
    std::uint32_t batch = 1;
    std::uint32_t in_channels = 1, in_h = 1, in_w = 1;
    std::uint32_t out_channels = 1;
    std::uint32_t kernel_h = 1, kernel_w = 1;
    std::uint32_t stride_h = 1, stride_w = 1;
    std::uint32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
    std::uint32_t dilation_h = 1, dilation_w = 1;
    std::uint32_t groups = 1;
    Quantization quant;
    WeightSource weights;
    SparsitySpec sparsity;
    std::string source_where;  // file and place it was read from, for later error messages

    std::uint32_t out_h() const;
    std::uint32_t out_w() const;
    std::uint32_t channels_per_group() const { return in_channels / groups; }
    std::uint32_t filters_per_group() const { return out_channels / groups; }
    // Weight tensor K x (C/g) x R x S, row-major.
    std::uint64_t weight_count() const;
    GemmShape gemm() const;
    std::uint64_t dense_macs() const;
};

struct Network {
    std::string name;
    std::string source_file;
    std::vector<std::string> inputs;  // other files the network was read from (schedules, ...)
    std::uint64_t seed = 0;
    std::vector<Layer> layers;
};

}  // namespace skipsim
