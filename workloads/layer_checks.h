#pragma once
// The checks every workload reader makes of a layer it read, whatever the format, so that a layer
// one reader takes is never refused by another. `file` and `where` name the layer in errors.
#include <string>

#include "ir.h"

namespace skipsim {

// Every dimension within the bounds of limits.h (for readers whose numbers are not bounded as
// they are read, so that their layers convert to JSON).
void check_layer_limits(const Layer& l, const std::string& file, const std::string& where);
// Groups divide the channels, the kernel fits the padded input, weights and MACs within bounds.
void validate_layer_shape(const Layer& l, const std::string& file, const std::string& where);

}  // namespace skipsim
