#pragma once
// Distiller pruning schedules (YAML, as published with pruned models such as DeGirum's
// ResNet-50s): each pruner's final sparsity applied to the network layers its `weights:` list
// names, as unstructured magnitude masks at exactly that sparsity (int(sparsity x count) weights
// pruned, as Distiller does). The gradual schedule itself
// (initial sparsity, policies, epochs) only matters for training and is not read.
#include <string>

#include "ir.h"

namespace skipsim {

struct ScheduledSparsity {
    std::string weight;  // as the schedule writes it: module.layer1.0.conv1.weight
    std::string pruner;
    double final_sparsity = 0;
    int line = 0;        // 1-based line of the weight's entry in the YAML file
};

// Reads `yaml_path` and returns one entry per weight it prunes. Errors (malformed YAML, a
// missing or non-numeric final_sparsity, sparsity outside [0, 1), a weight named twice) are
// InputErrors naming the file and line.
std::vector<ScheduledSparsity> read_distiller_schedule(const std::string& yaml_path);
// The same from the file's text in memory; `name` is what errors call it.
std::vector<ScheduledSparsity> parse_distiller_schedule(const std::string& text, const std::string& name);

// PyTorch parameter name -> skipsim layer name: "module.layer1.0.conv1.weight" -> "layer1.0.conv1".
std::string layer_name_of_weight(const std::string& weight);

// Sets the sparsity of every layer the schedule names (unstructured magnitude pruning at the
// pruner's final sparsity; a sparsity of 0 leaves the layer dense); other layers stay dense.
// A weight naming a layer the network lacks, or a layer that already has a sparsity of its own,
// is an InputError at the weight's line.
void apply_distiller_schedule(Network& net, const std::string& yaml_path);

}  // namespace skipsim
