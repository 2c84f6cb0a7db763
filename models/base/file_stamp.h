#pragma once
// What identifies a file's contents without reading them: rewriting a file changes its size or
// its modification time (nanoseconds), replacing it changes its inode. Used to remember what was
// read from a file (its digest, its parsed JSON) for as long as the file stays the same.
#include <cstdint>
#include <optional>
#include <string>

namespace skipsim {

struct FileStamp {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp& o) const {
        return dev == o.dev && ino == o.ino && size == o.size && mtime_ns == o.mtime_ns;
    }
};

// Nothing for a file that cannot be stat'ed.
std::optional<FileStamp> file_stamp(const std::string& path);

}  // namespace skipsim
