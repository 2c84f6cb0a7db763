#include "npy.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "base/error.h"
#include "base/json_source.h"

namespace skipsim {

std::uint64_t NpyArray::count() const {
    // Saturates: a header promising more elements than a 64-bit count holds is refused as truncated.
    std::uint64_t n = 1;
    for (auto d : shape) n = d != 0 && n > UINT64_MAX / d ? UINT64_MAX : n * d;
    return n;
}

std::string NpyArray::shape_text() const {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1) s += ",";
    return s + ")";
}

namespace {

std::size_t dtype_size(const std::string& d) {
    if (d == "b1" || d == "u1" || d == "i1") return 1;
    if (d == "i2" || d == "u2") return 2;
    if (d == "i4" || d == "u4" || d == "f4") return 4;
    if (d == "i8" || d == "f8") return 8;
    return 0;
}

// Value of the header dict entry `key` (the text after "'key':"): a tuple, a quoted string or a bare word.
std::string header_value(const std::string& header, const std::string& key, const std::string& path) {
    const auto k = header.find("'" + key + "'");
    if (k == std::string::npos) throw InputError(path, "header", "expected a '" + key + "' entry in the .npy header");
    const auto unreadable = [&] { return InputError(path, "header", "unreadable '" + key + "' entry in the .npy header"); };
    const auto colon = header.find(':', k + key.size() + 2);
    if (colon == std::string::npos) throw unreadable();
    const std::size_t start = header.find_first_not_of(' ', colon + 1);
    if (start == std::string::npos) throw unreadable();
    std::size_t end;
    if (header[start] == '(') {
        end = header.find(')', start);
        if (end != std::string::npos) ++end;
    } else if (header[start] == '\'') {
        end = header.find('\'', start + 1);
        if (end != std::string::npos) ++end;
    } else {
        end = header.find_first_of(",}", start);
    }
    if (end == std::string::npos) throw unreadable();
    return header.substr(start, end - start);
}

double read_value(const unsigned char* p, const std::string& d) {
    if (d == "b1" || d == "u1") return p[0];
    if (d == "i1") return static_cast<std::int8_t>(p[0]);
    std::uint64_t raw = 0;
    const std::size_t n = dtype_size(d);
    for (std::size_t i = 0; i < n; ++i) raw |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    if (d == "i2") return static_cast<std::int16_t>(raw);
    if (d == "u2") return static_cast<std::uint16_t>(raw);
    if (d == "i4") return static_cast<std::int32_t>(raw);
    if (d == "u4") return static_cast<std::uint32_t>(raw);
    if (d == "i8") return static_cast<double>(static_cast<std::int64_t>(raw));
    if (d == "f4") {
        std::uint32_t r32 = static_cast<std::uint32_t>(raw);
        float f;
        std::memcpy(&f, &r32, 4);
        return f;
    }
    double f;
    std::memcpy(&f, &raw, 8);
    return f;
}

}  // namespace

NpyArray read_npy(const std::string& path) { return parse_npy(read_input_file(path, "a .npy file"), path); }

NpyArray parse_npy(const std::string& data, const std::string& path) {
    if (data.size() < 10 || data.compare(0, 6, "\x93NUMPY") != 0)
        throw InputError(path, "", "not a .npy file (bad magic; expected NumPy's .npy format)");
    const int major = static_cast<unsigned char>(data[6]);
    std::size_t header_len, offset;
    if (major == 1) {
        header_len = static_cast<unsigned char>(data[8]) | (static_cast<unsigned char>(data[9]) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (data.size() < 12) throw InputError(path, "", "truncated .npy header");
        header_len = 0;
        for (int i = 0; i < 4; ++i) header_len |= static_cast<std::size_t>(static_cast<unsigned char>(data[8 + i])) << (8 * i);
        offset = 12;
    } else {
        throw InputError(path, "", "unsupported .npy format version " + std::to_string(major));
    }
    if (data.size() < offset + header_len) throw InputError(path, "", "truncated .npy header");
    const std::string header = data.substr(offset, header_len);
    std::string descr = header_value(header, "descr", path);
    if (descr.size() < 4 || descr.front() != '\'' || descr.back() != '\'') throw InputError(path, "header", "unreadable dtype " + descr);
    descr = descr.substr(1, descr.size() - 2);
    const char order = descr[0];
    std::string dtype = descr.substr(1);
    if (order == '>' && dtype_size(dtype) > 1)
        throw InputError(path, "header", "big-endian data is not supported (expected '<' byte order)");
    if (dtype_size(dtype) == 0)
        throw InputError(path, "header", "unsupported dtype '" + descr +
                                             "' (expected bool, int8/16/32/64, uint8/16/32, float32 or float64)");
    if (header_value(header, "fortran_order", path) != "False")
        throw InputError(path, "header", "Fortran-ordered arrays are not supported (expected C order)");
    NpyArray a;
    a.dtype = dtype;
    std::string shape = header_value(header, "shape", path);
    if (shape.size() < 2 || shape.front() != '(' || shape.back() != ')')
        throw InputError(path, "header", "unreadable shape " + name_text(shape) + " (expected a tuple such as (64, 3, 3, 3))");
    std::stringstream ss(shape.substr(1, shape.size() - 2));
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (item.find_first_not_of(' ') == std::string::npos) continue;
        try {
            a.shape.push_back(std::stoull(item));
        } catch (const std::exception&) {
            throw InputError(path, "header", "unreadable shape " + name_text(shape));
        }
    }
    const std::uint64_t n = a.count();
    const std::size_t size = dtype_size(dtype);
    const std::size_t body = offset + header_len;
    if (n > (1ull << 32) || data.size() - body < n * size)
        throw InputError(path, "", "truncated data: the header promises " + std::to_string(n) + " elements of " +
                                       std::to_string(size) + " bytes");
    a.values.resize(n);
    const auto* p = reinterpret_cast<const unsigned char*>(data.data() + body);
    for (std::uint64_t i = 0; i < n; ++i) a.values[i] = read_value(p + i * size, dtype);
    return a;
}

void write_npy(const std::string& path, const std::string& dtype, const std::vector<std::uint64_t>& shape,
               const std::vector<double>& values) {
    NpyArray a;
    a.shape = shape;
    std::string header = "{'descr': '" + std::string(dtype == "b1" || dtype == "u1" || dtype == "i1" ? "|" : "<") + dtype +
                         "', 'fortran_order': False, 'shape': " + a.shape_text() + ", }";
    while ((10 + header.size() + 1) % 64) header += ' ';
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    const char len[2] = {static_cast<char>(header.size() & 0xff), static_cast<char>(header.size() >> 8)};
    out.write(len, 2);
    out << header;
    const std::size_t size = dtype_size(dtype);
    for (double v : values) {
        unsigned char buf[8] = {};
        if (dtype == "f4") {
            float f = static_cast<float>(v);
            std::memcpy(buf, &f, 4);
        } else if (dtype == "f8") {
            std::memcpy(buf, &v, 8);
        } else {
            auto raw = static_cast<std::uint64_t>(static_cast<std::int64_t>(v));
            for (std::size_t i = 0; i < size; ++i) buf[i] = static_cast<unsigned char>(raw >> (8 * i));
        }
        out.write(reinterpret_cast<const char*>(buf), static_cast<std::streamsize>(size));
    }
    if (!out) throw InputError(path, "", "cannot write the file");
}

}  // namespace skipsim
