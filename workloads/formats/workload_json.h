#pragma once
// The native workload format, "schema": "skipsim.workload/1", read strictly: unknown keys,
// wrong types and impossible shapes are errors naming the JSON pointer.
#include <string>

#include "base/json_source.h"
#include "workloads/ir.h"

namespace skipsim {

Network parse_workload_json(const OrderedJson& root, const std::string& path);
Network read_workload_json(const std::string& path);
// Writes a network so that parse_workload_json reads back an identical one.
OrderedJson network_to_json(const Network& net);

// The default seed of layer `index`'s generated weights in a network seeded `seed`.
std::uint64_t default_weight_seed(std::uint64_t seed, std::size_t index);

}  // namespace skipsim
