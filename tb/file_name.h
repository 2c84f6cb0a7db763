#pragma once
// A name (a layer's, a network's, a sweep value) as part of a file name: every character other
// than a letter, a digit, '-', '_' or '.' becomes '_'.
#include <string>

namespace skipsim {

std::string file_name_part(std::string name);

}  // namespace skipsim
