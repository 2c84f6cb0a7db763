#pragma once
// The trace's "layers" track: one event per layer with its name, shape and figures, so that a
// trace shows where each layer starts and ends.
#include <vector>

#include "base/trace.h"
#include "driver.h"
#include "layer_result.h"
#include "workloads/ir.h"

namespace skipsim {

inline constexpr const char* kLayersTrack = "layers";

// "3x224x224 -> 64x112x112, 7x7/2" (channels x height x width in and out, kernel / stride).
std::string layer_shape_text(const Layer& l);
void trace_layers(TraceSink& sink, const Network& net, const std::vector<LayerRecord>& records, const RunResult& result);

}  // namespace skipsim
