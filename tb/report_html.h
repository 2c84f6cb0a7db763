#pragma once
// report.html: the run at a glance in one self-contained page (inline CSS and SVG, no script,
// nothing fetched): the summary, energy by component, compute against stall cycles per layer,
// speedup and energy per layer, the mapping table, the platform's parameters, provenance, and a
// link to the trace viewer with this run's trace.
#include <string>

#include "base/component.h"
#include "layer_result.h"
#include "platform_spec.h"
#include "run_options.h"
#include "workloads/ir.h"
#include "provenance.h"

namespace skipsim {

struct HtmlReportInput {
    const RunResult& result;
    const Network& net;
    const PlatformSpec& platform;
    const RunOptions& opts;
    const Component& accelerator;
    std::string run_dir;  // absolute, where the run directory ends up
    std::string viewer;   // the trace viewer's index.html, or "" when it cannot be found
    std::vector<InputFile> inputs;  // every file the run read, with its sha256
};

std::string report_html(const HtmlReportInput& in);
// The trace viewer shipped with this build (tools/trace-viewer/index.html), or "".
std::string find_trace_viewer();

}  // namespace skipsim
