#pragma once
// skipsim never destroys what it did not write. Every directory it makes for a run, a sweep or a
// study carries a mark (`.skipsim-owned`, JSON: what made it and which files are skipsim's). An
// output directory may be one skipsim made, or new, or empty; anything else (a directory of the
// user's, the working directory or one above it, a file) is refused with a message naming
// --force, and even with --force skipsim replaces only its own files there.
#include <string>
#include <vector>

namespace skipsim {

constexpr const char* kOwnedMark = ".skipsim-owned";

struct OwnedDirState {
    bool exists = false;
    bool marked = false;                // a directory skipsim made
    std::string kind;                   // "run", "sweep", ... as the mark says
    std::vector<std::string> files;     // the files the mark says are skipsim's
};

// Checks that `path` may receive skipsim's output of `kind` ("run", "sweep"); throws an
// InputError naming `option` (the command-line option that gave the path) when it may not.
// `force` lets an unmarked directory or the working directory be used.
OwnedDirState check_output_dir(const std::string& path, const std::string& kind, bool force,
                               const std::string& option);

// Writes the mark of `kind` listing `files` into `dir` (atomically: a temporary, then renamed).
void write_owned_mark(const std::string& dir, const std::string& kind, const std::vector<std::string>& files);

}  // namespace skipsim
