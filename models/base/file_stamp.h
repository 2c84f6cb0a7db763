#pragma once
// What identifies a file's contents without reading them: rewriting a file changes its size or
// its modification time (nanoseconds), replacing it changes its inode. Used to remember what was
// read from a file (its digest, its parsed JSON) for as long as the file stays the same.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

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

// Values read from files (a digest, a parsed document), each kept with the stamp its file had:
// a value is found only while its file keeps that stamp.
template <class T>
class StampedMemo {
public:
    // The value kept for `path`, or null when there is none or the file has changed since.
    const T* find(const std::string& path) {
        const auto it = m_kept.find(path);
        if (it == m_kept.end()) return nullptr;
        if (file_stamp(path) == it->second.first) return &it->second.second;
        m_kept.erase(it);
        return nullptr;
    }
    // read(path), kept when the file has the same stamp after the read as before it (a file
    // written meanwhile is read afresh next time).
    template <class Read>
    T read_and_keep(const std::string& path, Read read) {
        const auto before = file_stamp(path);
        T value = read(path);
        if (before && file_stamp(path) == before) m_kept.insert_or_assign(path, std::make_pair(*before, value));
        return value;
    }

private:
    std::map<std::string, std::pair<FileStamp, T>> m_kept;
};

}  // namespace skipsim
