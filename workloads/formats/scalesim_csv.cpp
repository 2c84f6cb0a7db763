#include "scalesim_csv.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "base/error.h"
#include "workloads/layer_checks.h"
#include "base/json_source.h"
#include "workloads/limits.h"
#include "workload_json.h"
#include "workloads/loader.h"

namespace skipsim {

namespace {

std::string strip(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, ',')) f.push_back(strip(x));
    if (!line.empty() && line.back() == ',') f.push_back("");
    return f;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string base_name(const std::string& path) {
    auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_csv(const std::string& path) { return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0; }

}  // namespace

bool scalesim_header_is_gemm(const std::string& header_line) {
    auto f = split(header_line);
    return f.size() >= 4 && lower(f[1]) == "m" && lower(f[2]) == "n" && lower(f[3]) == "k";
}

Network read_scalesim_csv(const std::string& path, bool gemm, const WarningSink& warn) {
    return parse_scalesim_csv(read_input_file(path, "a SCALE-Sim topology CSV"), path, gemm, warn);
}

Network parse_scalesim_csv(const std::string& text, const std::string& path, bool gemm, const WarningSink& warn) {
    std::istringstream in(text);
    Network net;
    net.source_file = path;
    std::string stem = base_name(path);
    net.name = stem.substr(0, stem.find_last_of('.'));
    net.seed = 1;

    const std::vector<std::string> conv_cols = {"Layer name", "IFMAP Height", "IFMAP Width", "Filter Height",
                                                "Filter Width", "Channels", "Num Filter", "Strides"};
    const std::vector<std::string> gemm_cols = {"Layer name", "M", "N", "K"};
    const auto& known = gemm ? gemm_cols : conv_cols;

    std::string line;
    std::vector<std::string> header;
    std::size_t line_no = 0;
    std::set<std::string> names;
    while (std::getline(in, line)) {
        ++line_no;
        if (line_no == 1) {
            header = split(line);
            continue;
        }
        if (strip(line).empty()) continue;
        std::vector<std::string> f = split(line);
        // SCALE-Sim drops the element after the trailing comma.
        if (!f.empty() && f.back().empty()) f.pop_back();
        const std::string where = "line " + std::to_string(line_no);
        if (std::all_of(f.begin(), f.end(), [](const std::string& s) { return s.empty(); })) {
            warn(base_name(path) + ": " + where + ": skipped a row whose fields are all empty");
            continue;
        }
        if (f.size() < known.size())
            throw InputError(path, where, "expected " + std::to_string(known.size()) + " fields (" + known.front() +
                                              " .. " + known.back() + "), got " + std::to_string(f.size()));
        // The same bounds as the JSON reader's (workloads/limits.h).
        auto field = [&](std::size_t i, std::int64_t hi) -> std::int64_t {
            const std::string place = where + ", column " + std::to_string(i + 1) + " (" + known[i] + ")";
            const std::string& s = f[i];
            if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos || s.size() > 9)
                throw InputError(path, place, "expected a positive integer, got " + name_text(s));
            const std::int64_t v = std::stoll(s);
            if (v <= 0 || v > hi)
                throw InputError(path, place, "expected an integer in [1, " + std::to_string(hi) + "], got " + s);
            return v;
        };
        Layer l;
        l.name = f[0];
        if (l.name.empty()) throw InputError(path, where + ", column 1 (Layer name)", "expected a layer name");
        if (!valid_utf8(l.name))
            throw InputError(path, where + ", column 1 (Layer name)", "expected UTF-8 text, got " + quote_text(l.name));
        std::size_t next = known.size();
        if (gemm) {
            l.kind = LayerKind::matmul;
            l.batch = static_cast<std::uint32_t>(field(1, kMaxBatch));
            l.out_channels = static_cast<std::uint32_t>(field(2, kMaxChannels));
            l.in_channels = static_cast<std::uint32_t>(field(3, kMaxChannels));
        } else {
            l.kind = LayerKind::conv2d;
            l.in_h = static_cast<std::uint32_t>(field(1, kMaxSpatial));
            l.in_w = static_cast<std::uint32_t>(field(2, kMaxSpatial));
            l.kernel_h = static_cast<std::uint32_t>(field(3, kMaxKernel));
            l.kernel_w = static_cast<std::uint32_t>(field(4, kMaxKernel));
            const auto channels = field(5, kMaxChannels), filters = field(6, kMaxChannels);
            l.stride_h = l.stride_w = static_cast<std::uint32_t>(field(7, kMaxKernel));
            if (l.kernel_h > l.in_h || l.kernel_w > l.in_w)
                throw InputError(path, where, "expected the filter (" + f[3] + "x" + f[4] +
                                                  ") to fit the IFMAP (" + f[1] + "x" + f[2] + ")");
            // SCALE-Sim's ofmap size is ceil((H - R + stride) / stride): when (H - R) is not a
            // multiple of the stride its last window reads one partial stride past the input.
            // skipsim keeps that output size by padding the bottom and right with zeros.
            l.pad_bottom = (l.stride_h - (l.in_h - l.kernel_h) % l.stride_h) % l.stride_h;
            l.pad_right = (l.stride_w - (l.in_w - l.kernel_w) % l.stride_w) % l.stride_w;
            if (l.name.find("DP") != std::string::npos) {
                // Depthwise: SCALE-Sim runs one layer per channel, each with Num Filter filters.
                l.groups = static_cast<std::uint32_t>(channels);
                if (channels * filters > kMaxChannels)
                    throw InputError(path, where, "expected at most " + std::to_string(kMaxChannels) +
                                                      " output channels (Channels x Num Filter of a depthwise layer), got " +
                                                      std::to_string(channels * filters));
                l.in_channels = static_cast<std::uint32_t>(channels);
                l.out_channels = static_cast<std::uint32_t>(channels * filters);
            } else {
                l.in_channels = static_cast<std::uint32_t>(channels);
                l.out_channels = static_cast<std::uint32_t>(filters);
            }
            // Optional N:M sparsity column.
            if (f.size() > next && (f[next].find(':') != std::string::npos ||
                                    (header.size() > next && lower(header[next]).find("sparsity") != std::string::npos))) {
                const std::string& s = f[next];
                const std::string place = where + ", column " + std::to_string(next + 1) + " (Sparsity)";
                auto colon = s.find(':');
                if (!s.empty()) {
                    if (colon == std::string::npos || colon == 0 || colon + 1 == s.size() || s.find(':', colon + 1) != std::string::npos ||
                        s.find_first_not_of("0123456789:") != std::string::npos || s.size() > 9)
                        throw InputError(path, place, "expected N:M (e.g. 2:4), got " + name_text(s));
                    const int n = std::stoi(s.substr(0, colon)), m = std::stoi(s.substr(colon + 1));
                    if (n < 1 || n >= m) throw InputError(path, place, "expected 1 <= N < M, got " + name_text(s));
                    l.sparsity.pattern = "nm";
                    l.sparsity.params = {{"n", n}, {"m", m}};
                }
                ++next;
            }
        }
        std::vector<std::string> extra;
        for (std::size_t i = next; i < f.size(); ++i)
            if (!f[i].empty())
                extra.push_back(i < header.size() && !header[i].empty() ? header[i] : "column " + std::to_string(i + 1));
        if (!extra.empty()) {
            std::string list;
            for (const auto& e : extra) list += (list.empty() ? "" : ", ") + e;
            warn(base_name(path) + ": " + where + ": ignored values in columns skipsim does not know (" + list + ")");
        }
        if (!names.insert(l.name).second) throw InputError(path, where, "duplicate layer name " + name_text(l.name));
        validate_layer_shape(l, path, where);
        l.weights.seed = default_weight_seed(net.seed, net.layers.size());
        l.source_where = path + ": " + where;
        net.layers.push_back(std::move(l));
    }
    if (line_no == 0) throw InputError(path, "", "empty file (expected a SCALE-Sim header line)");
    if (net.layers.empty()) throw InputError(path, "", "expected at least one layer row after the header");
    return net;
}

// Both forms end in .csv; only the header tells them apart, so the GEMM form claims more strongly
// when its header names M, N and K.
static const Registration<WorkloadFormat> conv_registration{
    {"scalesim", "SCALE-Sim topology CSV, convolution form (Layer name, IFMAP Height, ..., Strides)", "SCALE-Sim .csv",
     [](const std::string& path, const std::string&) { return is_csv(path) ? FormatClaim::extension : FormatClaim::none; },
     [](const std::string& path, const LoadOptions& opts) { return read_scalesim_csv(path, false, opts.warn); }}};

static const Registration<WorkloadFormat> gemm_registration{
    {"scalesim-gemm", "SCALE-Sim topology CSV, GEMM form (Layer Name, M, N, K)", "SCALE-Sim .csv",
     [](const std::string& path, const std::string& first_line) {
         return is_csv(path) && scalesim_header_is_gemm(first_line) ? FormatClaim::extension_and_header : FormatClaim::none;
     },
     [](const std::string& path, const LoadOptions& opts) { return read_scalesim_csv(path, true, opts.warn); }}};

}  // namespace skipsim
