#include "workload_json.h"

#include <cmath>
#include <filesystem>
#include <set>

#include "base/error.h"
#include "workloads/layer_checks.h"
#include "base/strict_object.h"
#include "workloads/distiller_schedule.h"
#include "workloads/loader.h"
#include "workloads/npy.h"
#include "workloads/limits.h"
#include "workloads/pruning.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {


// An integer or an array of `n` integers (or, when `alt` > 0, of `alt` integers).
std::vector<std::int64_t> read_ints(StrictObject& o, const std::string& key, std::vector<std::int64_t> dflt,
                                    std::int64_t lo, std::int64_t hi, std::size_t n, std::size_t alt = 0) {
    const OrderedJson* v = o.optional(key);
    if (!v) return dflt;
    const std::string ptr = o.where(key);
    if (v->is_array()) {
        if (v->size() != n && (alt == 0 || v->size() != alt))
            throw InputError(o.file(), ptr, "expected an integer or an array of " + std::to_string(n) +
                                                (alt ? " or " + std::to_string(alt) : std::string()) +
                                                " integers, got an array of " + std::to_string(v->size()));
        std::vector<std::int64_t> out;
        for (std::size_t i = 0; i < v->size(); ++i) out.push_back(json_to_int((*v)[i], o.file(), pointer_join(ptr, i), lo, hi));
        return out;
    }
    return std::vector<std::int64_t>(n, json_to_int(*v, o.file(), ptr, lo, hi));
}

std::uint32_t u32(std::int64_t v) { return static_cast<std::uint32_t>(v); }

void read_quant(StrictObject& o, Layer& l) {
    l.quant.weight_bits = static_cast<int>(o.get_int("weight_bits", 8, 1, 16));
    l.quant.activation_bits = static_cast<int>(o.get_int("activation_bits", 8, 1, 16));
    l.quant.activation_signed = o.get_bool("activation_signed", true);
}

std::string resolve(const std::string& workload_path, const std::string& file) {
    fs::path p(file);
    if (p.is_absolute()) return p.string();
    return (fs::path(workload_path).parent_path() / p).lexically_normal().string();
}

// Weights are checked when the workload is read, so that both modes refuse the same files: float
// weights must be finite (they are quantized later), integer ones must fit the layer's width.
void check_weight_values(const NpyArray& a, const Layer& l) {
    const bool floats = a.dtype == "f4" || a.dtype == "f8";
    const double lo = -std::ldexp(1.0, l.quant.weight_bits - 1), hi = std::ldexp(1.0, l.quant.weight_bits - 1) - 1;
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        const double v = a.values[i];
        if (floats && !std::isfinite(v))
            throw InputError(l.weights.file, "element " + std::to_string(i), "expected a finite weight, got " + format_number(v));
        if (!floats && (v < lo || v > hi))
            throw InputError(l.weights.file, "element " + std::to_string(i),
                             "expected a " + std::to_string(l.quant.weight_bits) + "-bit signed weight in [" +
                                 format_number(lo) + ", " + format_number(hi) + "] for layer '" + l.name + "', got " +
                                 format_number(v));
    }
}

void read_weights(StrictObject& o, Layer& l, const std::string& path, std::uint64_t default_seed) {
    l.weights.kind = WeightSource::Kind::generated;
    l.weights.seed = default_seed;
    const OrderedJson* w = o.optional("weights");
    if (!w) return;
    StrictObject ws(*w, o.file(), o.where("weights"));
    if (ws.has("file")) {
        l.weights.kind = WeightSource::Kind::npy;
        l.weights.file = resolve(path, ws.get_string("file"));
        if (!fs::exists(l.weights.file))
            throw InputError(o.file(), ws.where("file"), "weight file '" + l.weights.file + "' does not exist");
        // The shape is checked now, so that a wrong file fails before anything runs.
        const NpyArray a = read_npy(l.weights.file);
        const std::vector<std::uint64_t> full = {l.out_channels, l.channels_per_group(), l.kernel_h, l.kernel_w};
        const bool fc_shape = l.kernel_h == 1 && l.kernel_w == 1 && a.shape.size() == 2 && a.shape[0] == l.out_channels &&
                              a.shape[1] == l.channels_per_group();
        if (a.shape != full && !fc_shape) {
            NpyArray expect;
            expect.shape = full;
            throw InputError(l.weights.file, "", "expected weights of shape " + expect.shape_text() + " for layer '" +
                                                     l.name + "', got " + a.shape_text());
        }
        if (a.dtype == "b1") throw InputError(l.weights.file, "", "expected integer or float weights, got dtype 'b1'");
        check_weight_values(a, l);
    } else {
        ws.get_choice("generator", "uniform", {"uniform"});
        l.weights.seed = static_cast<std::uint64_t>(ws.get_int("seed", static_cast<std::int64_t>(default_seed & 0x7fffffffffffffffull), 0, INT64_MAX));
    }
    ws.finish();
}

void read_sparsity(StrictObject& o, Layer& l, const std::string& path) {
    const OrderedJson* s = o.optional("sparsity");
    // Weights from a file bring their own pruning: their zeros, unless a sparsity says otherwise.
    if (!s && l.weights.kind == WeightSource::Kind::npy) l.sparsity.pattern = "zeros";
    if (!s) return;
    StrictObject sp(*s, o.file(), o.where("sparsity"));
    l.sparsity.pattern = sp.get_choice("pattern", "none", PruningRegistry::instance().names());
    const PruningPattern& pattern = *PruningRegistry::instance().find(l.sparsity.pattern);
    using MaskFile = PruningPattern::MaskFile;
    if (pattern.mask_file == MaskFile::required || (pattern.mask_file == MaskFile::optional && sp.has("file")))
        l.sparsity.mask_file = resolve(path, sp.get_string("file"));
    l.sparsity.seed = static_cast<std::uint64_t>(sp.get_int("seed", 0, 0, INT64_MAX));
    pattern.validate(sp, l);
    sp.finish();
    OrderedJson params = *s;
    params.erase("pattern");
    params.erase("file");
    params.erase("seed");
    l.sparsity.params = params;
}

Layer read_layer(StrictObject& o, const std::string& path, std::uint64_t default_seed) {
    Layer l;
    l.name = o.get_string("name");
    if (l.name.empty() || l.name.find_first_of(",\n\"") != std::string::npos)
        throw InputError(o.file(), o.where("name"), "expected a non-empty name without commas, quotes or newlines");
    const std::string type = o.get_choice("type", "conv2d", {"conv2d", "linear", "matmul"});
    if (type == "conv2d") {
        l.kind = LayerKind::conv2d;
        l.in_channels = u32(o.get_int("in_channels", 1, kMaxChannels));
        l.out_channels = u32(o.get_int("out_channels", 1, kMaxChannels));
        auto in = read_ints(o, "input", {}, 1, kMaxSpatial, 2);
        if (in.empty()) o.require("input");
        l.in_h = u32(in[0]);
        l.in_w = u32(in[1]);
        auto k = read_ints(o, "kernel", {1, 1}, 1, kMaxKernel, 2);
        l.kernel_h = u32(k[0]);
        l.kernel_w = u32(k[1]);
        auto s = read_ints(o, "stride", {1, 1}, 1, kMaxKernel, 2);
        l.stride_h = u32(s[0]);
        l.stride_w = u32(s[1]);
        auto p = read_ints(o, "padding", {0, 0}, 0, kMaxKernel, 2, 4);
        if (p.size() == 2) p = {p[0], p[0], p[1], p[1]};
        l.pad_top = u32(p[0]);
        l.pad_bottom = u32(p[1]);
        l.pad_left = u32(p[2]);
        l.pad_right = u32(p[3]);
        auto d = read_ints(o, "dilation", {1, 1}, 1, kMaxKernel, 2);
        l.dilation_h = u32(d[0]);
        l.dilation_w = u32(d[1]);
        l.groups = u32(o.get_int("groups", 1, 1, kMaxChannels));
        l.batch = u32(o.get_int("batch", 1, 1, kMaxBatch));
    } else if (type == "linear") {
        l.kind = LayerKind::linear;
        l.in_channels = u32(o.get_int("in_features", 1, kMaxChannels));
        l.out_channels = u32(o.get_int("out_features", 1, kMaxChannels));
        l.batch = u32(o.get_int("batch", 1, 1, kMaxBatch));
    } else {
        l.kind = LayerKind::matmul;
        l.batch = u32(o.get_int("m", 1, kMaxBatch));
        l.out_channels = u32(o.get_int("n", 1, kMaxChannels));
        l.in_channels = u32(o.get_int("k", 1, kMaxChannels));
    }
    read_quant(o, l);
    validate_layer_shape(l, o.file(), o.pointer());
    read_weights(o, l, path, default_seed);
    read_sparsity(o, l, path);
    o.finish();
    return l;
}

}  // namespace

std::uint64_t default_weight_seed(std::uint64_t seed, std::size_t index) {
    return seed * 0x100000001B3ull + index + 1;
}

Network parse_workload_json(const OrderedJson& root, const std::string& path) {
    StrictObject top(root, path, "");
    const std::string schema = top.get_string("schema");
    if (schema != "skipsim.workload/1")
        throw InputError(path, "/schema", "expected 'skipsim.workload/1', got '" + schema + "'");
    Network net;
    net.source_file = path;
    net.name = top.get_string("name");
    top.get_string("description", "");
    net.seed = static_cast<std::uint64_t>(top.get_int("seed", 1, 0, INT64_MAX));
    const OrderedJson& layers = top.require("layers");
    if (!layers.is_array() || layers.empty())
        throw InputError(path, "/layers", "expected a non-empty array of layers");
    std::set<std::string> names;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        StrictObject lo(layers[i], path, pointer_join("/layers", i));
        Layer l = read_layer(lo, path, default_weight_seed(net.seed, i));
        if (!names.insert(l.name).second)
            throw InputError(path, pointer_join("/layers", i) + "/name", "duplicate layer name '" + l.name + "'");
        l.source_where = path + ": " + pointer_join("/layers", i);
        net.layers.push_back(std::move(l));
    }
    if (const OrderedJson* sched = top.optional("pruning_schedule")) {
        StrictObject ps(*sched, path, "/pruning_schedule");
        const std::string yaml = resolve(path, ps.get_string("file"));
        if (!fs::exists(yaml))
            throw InputError(path, ps.where("file"), "pruning schedule '" + yaml + "' does not exist");
        ps.finish();
        apply_distiller_schedule(net, yaml);
        net.inputs.push_back(yaml);
    }
    top.finish();
    return net;
}

Network read_workload_json(const std::string& path) { return parse_workload_json(read_json_file(path), path); }

OrderedJson network_to_json(const Network& net) {
    OrderedJson j;
    j["schema"] = "skipsim.workload/1";
    j["name"] = net.name;
    j["seed"] = net.seed;
    j["layers"] = OrderedJson::array();
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        OrderedJson o;
        o["name"] = l.name;
        o["type"] = to_string(l.kind);
        if (l.kind == LayerKind::conv2d) {
            o["in_channels"] = l.in_channels;
            o["out_channels"] = l.out_channels;
            o["input"] = {l.in_h, l.in_w};
            o["kernel"] = {l.kernel_h, l.kernel_w};
            o["stride"] = {l.stride_h, l.stride_w};
            o["padding"] = {l.pad_top, l.pad_bottom, l.pad_left, l.pad_right};
            o["dilation"] = {l.dilation_h, l.dilation_w};
            o["groups"] = l.groups;
            o["batch"] = l.batch;
        } else if (l.kind == LayerKind::linear) {
            o["in_features"] = l.in_channels;
            o["out_features"] = l.out_channels;
            o["batch"] = l.batch;
        } else {
            o["m"] = l.batch;
            o["n"] = l.out_channels;
            o["k"] = l.in_channels;
        }
        o["weight_bits"] = l.quant.weight_bits;
        o["activation_bits"] = l.quant.activation_bits;
        o["activation_signed"] = l.quant.activation_signed;
        if (l.weights.kind == WeightSource::Kind::npy) o["weights"] = {{"file", l.weights.file}};
        else if (l.weights.seed != default_weight_seed(net.seed, i))
            o["weights"] = {{"generator", "uniform"}, {"seed", l.weights.seed}};
        // Weights from a file default to their zeros: a dense one says so.
        if (!l.sparsity.is_dense() || l.weights.kind == WeightSource::Kind::npy) {
            OrderedJson s = {{"pattern", l.sparsity.pattern}};
            if (!l.sparsity.mask_file.empty()) s["file"] = l.sparsity.mask_file;
            if (l.sparsity.seed) s["seed"] = l.sparsity.seed;
            for (auto it = l.sparsity.params.begin(); it != l.sparsity.params.end(); ++it) s[it.key()] = it.value();
            o["sparsity"] = s;
        }
        j["layers"].push_back(o);
    }
    return j;
}

// Anything that is not claimed more strongly is read as native JSON, so its parse error is the
// message a mistyped file gets.
static const Registration<WorkloadFormat> workload_json_registration{
    {"json", "skipsim's native workload JSON (\"schema\": \"skipsim.workload/1\")", ".json",
     [](const std::string&, const std::string&) { return FormatClaim::fallback; },
     [](const std::string& path, const LoadOptions&) { return read_workload_json(path); }}};

}  // namespace skipsim
