#pragma once
// A study as a person looks at it: DIR/plots/ (per network: cycles and energy normalised to the
// baseline family dense, grouped by density as Sparseloop draws its comparisons, and cycles
// against energy with the Pareto front), DIR/index.html (one self-contained page: the budget, the
// table and the plots, no network), and a summary table on the terminal.
#include <ostream>
#include <string>

#include "study_collect.h"

namespace skipsim {

void write_study_page(const StudyResult& s, const std::string& dir);
void print_study_summary(const StudyResult& s, std::ostream& out);

}  // namespace skipsim
