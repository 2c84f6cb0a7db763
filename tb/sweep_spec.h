#pragma once
// What a sweep varies and the points it makes: parameter lists (`array.rows=8,16,32`) or ranges
// (`array.rows=8:128:x2` geometric, `8:128:+8` arithmetic), crossed (cartesian product) or zipped,
// times every workload.
#include <string>
#include <vector>

namespace skipsim {

struct VariedParam {
    std::string path;                 // component.param (or clock_ghz)
    std::vector<std::string> values;  // as given, one --set value each
};

struct SweepPoint {
    std::string workload;
    std::vector<std::string> values;  // one per varied parameter, in --vary order
    std::string id;                   // stable directory-safe key
};

// Parses one --vary argument; errors are InputErrors naming the argument.
VariedParam parse_vary(const std::string& arg);
std::vector<SweepPoint> sweep_points(const std::vector<std::string>& workloads, const std::vector<VariedParam>& vary,
                                     bool zip);

}  // namespace skipsim
