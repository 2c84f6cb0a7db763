#include "onnx_tensor.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <type_traits>

#include "base/error.h"
#include "base/json_source.h"

namespace skipsim::onnx_import {

namespace fs = std::filesystem;
using T = onnx::TensorProto;

namespace {

constexpr std::uint64_t kMaxElements = std::uint64_t(1) << 34;

std::size_t elem_size(std::int32_t type) {
    switch (type) {
        case T::UINT8: case T::INT8: case T::BOOL: return 1;
        case T::UINT16: case T::INT16: case T::FLOAT16: case T::BFLOAT16: return 2;
        case T::FLOAT: case T::INT32: case T::UINT32: return 4;
        case T::DOUBLE: case T::INT64: case T::UINT64: return 8;
        default: return 0;
    }
}

float half_to_float(std::uint16_t h) {
    const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000) << 16, exp = (h >> 10) & 0x1f, man = h & 0x3ff;
    if (exp == 0) {
        const float v = std::ldexp(static_cast<float>(man), -24);
        return sign ? -v : v;
    }
    std::uint32_t bits = sign | (exp == 31 ? 0x7f800000u | (man << 13) : ((exp + 112) << 23) | (man << 13));
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

double decode(const unsigned char* p, std::int32_t type) {
    std::uint64_t raw = 0;
    for (std::size_t i = 0; i < elem_size(type); ++i) raw |= static_cast<std::uint64_t>(p[i]) << (8 * i);
    switch (type) {
        case T::UINT8: case T::BOOL: return static_cast<double>(raw);
        case T::INT8: return static_cast<std::int8_t>(raw);
        case T::UINT16: return static_cast<double>(raw);
        case T::INT16: return static_cast<std::int16_t>(raw);
        case T::INT32: return static_cast<std::int32_t>(raw);
        case T::UINT32: return static_cast<double>(raw);
        case T::INT64: return static_cast<double>(static_cast<std::int64_t>(raw));
        case T::UINT64: return static_cast<double>(raw);
        case T::FLOAT16: return half_to_float(static_cast<std::uint16_t>(raw));
        case T::BFLOAT16: {
            const std::uint32_t bits = static_cast<std::uint32_t>(raw) << 16;
            float f;
            std::memcpy(&f, &bits, 4);
            return f;
        }
        case T::FLOAT: {
            const std::uint32_t bits = static_cast<std::uint32_t>(raw);
            float f;
            std::memcpy(&f, &bits, 4);
            return f;
        }
        default: {
            double d;
            std::memcpy(&d, &raw, 8);
            return d;
        }
    }
}

template <class V>
std::vector<V> decode_bytes(const std::string& bytes, std::int32_t type, std::uint64_t n) {
    std::vector<V> v(n);
    if constexpr (std::is_same_v<V, float>)
        if (type == T::FLOAT) {
            // The common case, a float model: the bytes are the values.
            std::memcpy(v.data(), bytes.data(), n * sizeof(float));
            return v;
        }
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = elem_size(type);
    for (std::uint64_t i = 0; i < n; ++i) v[i] = static_cast<V>(decode(p + i * size, type));
    return v;
}

std::string external_bytes(const T& t, const std::string& model_path, const std::string& where, std::uint64_t want) {
    std::string location;
    std::uint64_t offset = 0, length = want;
    for (const auto& e : t.external_data()) {
        try {
            if (e.key() == "location") location = e.value();
            else if (e.key() == "offset") offset = std::stoull(e.value());
            else if (e.key() == "length") length = std::stoull(e.value());
        } catch (const std::exception&) {
            throw InputError(model_path, where, "expected a number for external data key " + name_text(e.key()) +
                                                    ", got " + quote_text(e.value()));
        }
    }
    if (location.empty()) throw InputError(model_path, where, "expected a 'location' for its external data");
    const fs::path file = fs::path(model_path).parent_path() / location;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw InputError(model_path, where, "external data file " + name_text(location) +
                                                " does not exist (expected it next to the model, in " +
                                                name_text(fs::path(model_path).parent_path().string()) + ")");
    if (length != want)
        throw InputError(model_path, where, "expected " + std::to_string(want) + " bytes of external data, the model says " +
                                                std::to_string(length));
    const std::uint64_t size = fs::file_size(file, ec);
    if (ec || offset > size || size - offset < want)
        throw InputError(model_path, where, "external data file " + name_text(location) + " holds " +
                                                std::to_string(ec || offset > size ? 0 : size - offset) + " bytes from offset " +
                                                std::to_string(offset) + ", expected " + std::to_string(want));
    std::ifstream in(file, std::ios::binary);
    std::string bytes(want, '\0');
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(bytes.data(), static_cast<std::streamsize>(want));
    if (!in) throw InputError(model_path, where, "cannot read external data file " + name_text(location));
    return bytes;
}

template <class V, class Field>
std::vector<V> typed(const Field& f, std::uint64_t n, std::int32_t type, const std::string& file,
                     const std::string& where) {
    if (static_cast<std::uint64_t>(f.size()) != n)
        throw InputError(file, where, "expected " + std::to_string(n) + " values, the tensor holds " + std::to_string(f.size()));
    std::vector<V> v(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        const auto x = f.Get(static_cast<int>(i));
        // 16-bit floats travel as their bit patterns in int32_data.
        v[i] = static_cast<V>(x);
        if constexpr (std::is_integral_v<decltype(x)>)
            if (type == T::FLOAT16 || type == T::BFLOAT16) {
                const unsigned char bits[2] = {static_cast<unsigned char>(x & 0xff), static_cast<unsigned char>((x >> 8) & 0xff)};
                v[i] = static_cast<V>(decode(bits, type));
            }
    }
    return v;
}

}  // namespace

std::string elem_type_name(std::int32_t type) {
    if (!onnx::TensorProto_DataType_IsValid(type)) return "type " + std::to_string(type);
    std::string n = onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(type));
    for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return n;
}

bool is_float_type(std::int32_t type) {
    return type == T::FLOAT || type == T::DOUBLE || type == T::FLOAT16 || type == T::BFLOAT16;
}

bool integer_range(std::int32_t type, std::int64_t& lo, std::int64_t& hi) {
    switch (type) {
        case T::UINT8: lo = 0, hi = 255; return true;
        case T::INT8: lo = -128, hi = 127; return true;
        case T::UINT16: lo = 0, hi = 65535; return true;
        case T::INT16: lo = -32768, hi = 32767; return true;
        case T::INT32: lo = INT32_MIN, hi = INT32_MAX; return true;
        case T::UINT32: lo = 0, hi = UINT32_MAX; return true;
        default: return false;
    }
}

std::uint64_t element_count(const std::vector<std::int64_t>& dims, const std::string& file, const std::string& where) {
    std::uint64_t n = 1;
    for (std::int64_t d : dims) {
        if (d < 0) throw InputError(file, where, "expected dimensions of 0 or more, got " + std::to_string(d));
        if (d > 0 && n > kMaxElements / static_cast<std::uint64_t>(d))
            throw InputError(file, where, "expected at most 2^34 elements in a tensor");
        n *= static_cast<std::uint64_t>(d);
    }
    return n;
}

std::vector<std::int64_t> tensor_dims(const T& t) { return {t.dims().begin(), t.dims().end()}; }

template <class V>
std::vector<V> tensor_values(const T& t, const std::string& model_path, const std::string& where) {
    const std::int32_t type = t.data_type();
    const std::uint64_t n = element_count(tensor_dims(t), model_path, where);
    const std::size_t size = elem_size(type);
    if (size == 0) throw InputError(model_path, where, "expected a numeric tensor, got element type " + elem_type_name(type));
    if (t.data_location() == T::EXTERNAL) return decode_bytes<V>(external_bytes(t, model_path, where, n * size), type, n);
    if (t.has_raw_data()) {
        if (t.raw_data().size() != n * size)
            throw InputError(model_path, where, "expected " + std::to_string(n * size) + " bytes of raw data (" +
                                                    std::to_string(n) + " " + elem_type_name(type) + "), got " +
                                                    std::to_string(t.raw_data().size()) + " (truncated?)");
        return decode_bytes<V>(t.raw_data(), type, n);
    }
    switch (type) {
        case T::FLOAT: return typed<V>(t.float_data(), n, type, model_path, where);
        case T::DOUBLE: return typed<V>(t.double_data(), n, type, model_path, where);
        case T::INT64: return typed<V>(t.int64_data(), n, type, model_path, where);
        case T::UINT32: case T::UINT64: return typed<V>(t.uint64_data(), n, type, model_path, where);
        default: return typed<V>(t.int32_data(), n, type, model_path, where);
    }
}
template std::vector<double> tensor_values<double>(const T&, const std::string&, const std::string&);
template std::vector<float> tensor_values<float>(const T&, const std::string&, const std::string&);

onnx::TensorProto densify(const onnx::SparseTensorProto& t, const std::string& model_path, const std::string& where) {
    const std::vector<std::int64_t> dims(t.dims().begin(), t.dims().end());
    const std::uint64_t n = element_count(dims, model_path, where);
    const std::vector<double> values = tensor_values<double>(t.values(), model_path, where + " values");
    const std::vector<double> indices = tensor_values<double>(t.indices(), model_path, where + " indices");
    std::vector<double> dense(n, 0.0);
    const std::uint64_t nnz = values.size();
    // Indices are either linear ([NNZ]) or coordinates ([NNZ, rank]).
    const bool coordinates = t.indices().dims_size() == 2;
    if (indices.size() != nnz * (coordinates ? dims.size() : 1))
        throw InputError(model_path, where, "expected " + std::to_string(nnz) + " indices for its " + std::to_string(nnz) +
                                                " values, got " + std::to_string(indices.size()));
    for (std::uint64_t i = 0; i < nnz; ++i) {
        double at = 0;
        if (coordinates)
            for (std::size_t d = 0; d < dims.size(); ++d) at = at * static_cast<double>(dims[d]) + indices[i * dims.size() + d];
        else
            at = indices[i];
        if (!(at >= 0 && at < static_cast<double>(n)))
            throw InputError(model_path, where, "expected indices inside its " + std::to_string(n) + " elements");
        dense[static_cast<std::uint64_t>(at)] = values[i];
    }
    T out;
    out.set_name(t.values().name());
    out.set_data_type(t.values().data_type());
    for (std::int64_t d : dims) out.add_dims(d);
    for (double v : dense) switch (out.data_type()) {
            case T::FLOAT: out.add_float_data(static_cast<float>(v)); break;
            case T::DOUBLE: out.add_double_data(v); break;
            case T::INT64: out.add_int64_data(static_cast<std::int64_t>(v)); break;
            case T::UINT32: case T::UINT64: out.add_uint64_data(static_cast<std::uint64_t>(v)); break;
            case T::INT8: case T::UINT8: case T::INT16: case T::UINT16: case T::INT32: case T::BOOL:
                out.add_int32_data(static_cast<std::int32_t>(v));
                break;
            default:
                throw InputError(model_path, where, "expected a sparse tensor of float, double or integer values, got " +
                                                        elem_type_name(out.data_type()));
        }
    return out;
}

void release_tensor_data(T& t) {
    std::string().swap(*t.mutable_raw_data());
    google::protobuf::RepeatedField<float>().Swap(t.mutable_float_data());
    google::protobuf::RepeatedField<double>().Swap(t.mutable_double_data());
    google::protobuf::RepeatedField<std::int32_t>().Swap(t.mutable_int32_data());
    google::protobuf::RepeatedField<std::int64_t>().Swap(t.mutable_int64_data());
    google::protobuf::RepeatedField<std::uint64_t>().Swap(t.mutable_uint64_data());
}

}  // namespace skipsim::onnx_import
