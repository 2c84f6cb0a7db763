#pragma once
// A sweep's plan: every point as a full `skipsim run` argument list with a stable id, written to
// DIR/plan.json (what the sweep varies) and DIR/jobs.jsonl (one point per line), so that any
// machine sharing the file system can run any point: input paths in the plan are absolute, and
// each point's run directory is DIR/points/<id>, relative to the sweep directory it is run in.
#include <cstddef>
#include <string>
#include <vector>

namespace skipsim {

struct SweepOptions;

struct PlannedPoint {
    std::string id;                     // from the point's whole configuration; directory-safe
    std::string workload;               // as the user gave it (the table's first column)
    std::vector<std::string> values;    // one per varied parameter
    std::vector<std::string> run_args;  // `skipsim run` arguments, without --out and --quiet
};

struct SweepPlan {
    std::vector<std::string> params;  // the varied parameters, in --vary order
    std::vector<PlannedPoint> points;
    double timeout_s = 600;
};

// Checks every input shared by the points (platform, overrides, workloads, --vary paths) and
// lists the points; throws InputError before anything is written.
SweepPlan make_plan(const SweepOptions& opts);

// Writes plan.json and jobs.jsonl into `dir` (each replaced whole).
void write_plan(const SweepPlan& plan, const std::string& dir);
// Reads the plan of the sweep directory `dir`; a missing or damaged plan is an InputError naming
// the file and the line.
SweepPlan read_plan(const std::string& dir);

// 32 bits of FNV-1a over a point's run arguments, in hex: the part of a point's id that tells
// apart two points with the same readable name (workloads of the same name in two folders,
// another --set or --mode).
std::string run_args_hash(const std::vector<std::string>& args);
// The same hash over the contents of `files` (which must exist): a point's id includes it, so a
// point whose inputs changed is a new point.
std::string files_digest(const std::vector<std::string>& files);

// The point's run directory, log and state record inside the sweep directory.
std::string point_run_dir(const std::string& dir, const PlannedPoint& p);
std::string point_log(const std::string& dir, const PlannedPoint& p);
std::string point_state_file(const std::string& dir, const PlannedPoint& p);

}  // namespace skipsim
