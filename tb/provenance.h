#pragma once
// What a report says about where it came from: the skipsim version and commit, the command line,
// and the sha256 of every input file (platform, energy table, workload, schedules, weights,
// masks), so that a result can be traced to exactly what produced it. Reruns of the same command
// on the same files give the same provenance, so reports stay byte-identical.
#include <string>
#include <vector>

#include "base/json_source.h"
#include "platform_spec.h"
#include "run_options.h"
#include "workloads/ir.h"

namespace skipsim {

struct InputFile {
    std::string role, file, sha256;
};

// The sha256 of a file's bytes, as 64 hex digits; an unreadable file is an InputError. Remembered
// per file until its size, modification time or inode changes.
std::string sha256_of_file(const std::string& path);

// Every file the run read, each once, in a fixed order.
std::vector<InputFile> run_inputs(const PlatformSpec& platform, const Network& net);

OrderedJson provenance_json(const RunOptions& opts, const std::vector<InputFile>& inputs);

}  // namespace skipsim
