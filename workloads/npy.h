#pragma once
// NumPy .npy files (format 1.0 to 3.0, little-endian, C order) for weights and masks.
#include <cstdint>
#include <string>
#include <vector>

namespace skipsim {

struct NpyArray {
    std::string dtype;                 // numpy descr without byte order: "b1", "u1", "i1", "i2", "i4", "i8", "u2", "u4", "f4", "f8"
    std::vector<std::uint64_t> shape;
    std::vector<double> values;        // every element, converted exactly (integers up to 2^53)
    std::uint64_t count() const;
    std::string shape_text() const;    // "(64, 3, 7, 7)"
};

NpyArray read_npy(const std::string& path);
// The same from the file's bytes in memory; `name` is what errors call it.
NpyArray parse_npy(const std::string& data, const std::string& name);
void write_npy(const std::string& path, const std::string& dtype, const std::vector<std::uint64_t>& shape,
               const std::vector<double>& values);

}  // namespace skipsim
