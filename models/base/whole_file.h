#pragma once
// Output files that appear whole or not at all: written to `<path>.partial`, then renamed into
// place; on failure the temporary is removed and an InputError names the file.
#include <string>

namespace skipsim {

// An executable file (a script) gets mode 0755; any other keeps the process's default.
void write_whole_file(const std::string& path, const std::string& text, bool executable = false);

}  // namespace skipsim
