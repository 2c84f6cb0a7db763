#pragma once
// The skipsim version and the git commit this binary was built from (`skipsim --version`, and
// the provenance in every report).
#include <string>

namespace skipsim {

std::string skipsim_version();  // "0.2.0"
std::string skipsim_commit();   // "3f2a9c1d0e4b", with "-dirty" when built from changed sources

}  // namespace skipsim
