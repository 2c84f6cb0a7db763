#pragma once
// One CSV field as every table skipsim writes it (layers.csv, sweep.csv, study.csv): quoted, with
// quotes doubled, only when it holds a comma, a quote or a line break; a line break becomes a
// space, so that a reader can take one row per line.
#include <string>

namespace skipsim {

std::string csv_field(const std::string& s);

}  // namespace skipsim
