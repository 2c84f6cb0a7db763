#pragma once
// SCALE-Sim topology CSV, read the way SCALE-Sim v2 reads it (scalesim/topology_utils.py), plus
// what real files need: rows whose fields are all empty are skipped and columns skipsim does not
// know are ignored, each with one warning naming the line.
#include <functional>
#include <string>

#include "workloads/ir.h"

namespace skipsim {

using WarningSink = std::function<void(const std::string&)>;

// `gemm`: the `Layer Name, M, N, K,` form; otherwise the convolution form.
Network read_scalesim_csv(const std::string& path, bool gemm, const WarningSink& warn);
// The same from the file's text in memory; `path` names it in errors and in the network.
Network parse_scalesim_csv(const std::string& text, const std::string& path, bool gemm, const WarningSink& warn);
// True when the header line names the GEMM form (M, N, K columns).
bool scalesim_header_is_gemm(const std::string& header_line);

}  // namespace skipsim
