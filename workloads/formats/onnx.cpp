// The ONNX importer behind format "onnx" (onnx_format.cpp): a trained (pruned, quantized) model
// exported to ONNX, read with Debian's ONNX library. Every operator with weights is a layer, in
// graph order; every other operator is an edge whose only effect is the shapes shape inference
// gives the next layers. The weights are the model's own, and their zeros are the layer's pruning
// (pattern "zeros", on layers that have any).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/error.h"
#include "workloads/layer_checks.h"
#include "base/json_source.h"
#include "onnx.h"
#include "onnx_layers.h"
#include "onnx_model.h"
#include "workloads/loader.h"

namespace skipsim {

namespace fs = std::filesystem;
using namespace onnx_import;

namespace {

// PyTorch's module path from an exporter's scoped node name: "/layer2/layer2.0/downsample/
// downsample.0/Conv" is "layer2.0.downsample.0" (each scope repeats its parent's name as prefix).
std::string module_path(const std::string& node) {
    std::vector<std::string> parts, scopes;
    std::size_t pos = 1;
    while (pos < node.size()) {
        const std::size_t end = std::min(node.find('/', pos), node.size());
        scopes.push_back(node.substr(pos, end - pos));
        pos = end + 1;
    }
    if (scopes.size() < 2) return "";
    scopes.pop_back();  // the operator
    for (const std::string& s : scopes) {
        if (s.empty()) continue;
        if (!parts.empty() && s.rfind(parts.back() + ".", 0) == 0) parts.back() = s;
        else parts.push_back(s);
    }
    std::string path;
    for (const std::string& p : parts) path += (path.empty() ? "" : ".") + p;
    return path;
}

std::string layer_name(const PendingLayer& p, std::size_t index) {
    const std::string& w = p.weights.tensor->name;
    const std::string suffix = ".weight";
    std::string name;
    if (w.size() > suffix.size() && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0)
        name = w.substr(0, w.size() - suffix.size());  // the state dict's name
    else if (!p.node->name().empty() && p.node->name()[0] == '/')
        name = module_path(p.node->name());
    if (name.empty()) name = p.node->name();
    if (name.empty()) name = p.node->op_type() + "_" + std::to_string(index);
    for (char& c : name)
        if (c == ',' || c == '"' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
    return name;
}

Network import_model(Model& model, const LoadOptions& opts) {
    const std::string& path = model.path();
    std::vector<PendingLayer> pending;
    std::vector<std::string> unweighted;
    for (const auto& n : model.graph().node()) {
        PendingLayer p;
        const NodeKind kind = read_node(model, n, p);
        if (kind == NodeKind::layer) pending.push_back(std::move(p));
        if (kind == NodeKind::activations_only) unweighted.push_back(Model::where(n));
    }
    if (pending.empty())
        throw InputError(path, "", "expected at least one operator with weights (" + supported_operators() + ")");
    if (!unweighted.empty())
        opts.warn(path + ": " + std::to_string(unweighted.size()) + " MatMul node(s) between two activations (" +
                  unweighted.front() + (unweighted.size() > 1 ? ", ..." : "") +
                  ") are not simulated: skipsim's layers multiply activations by weights");
    // A weight tensor's data is freed once the last layer using it has its integers.
    std::map<const Constant*, int> uses;
    for (const PendingLayer& p : pending) ++uses[p.weights.tensor];
    Network net;
    net.name = fs::path(path).stem().string();
    net.source_file = path;
    net.seed = 1;
    std::set<std::string> names;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        PendingLayer& p = pending[i];
        Layer& l = p.layer;
        const std::string base = layer_name(p, i);
        l.name = base;
        for (int k = 2; !names.insert(l.name).second; ++k) l.name = base + "_" + std::to_string(k);
        l.source_where = path + ": " + Model::where(*p.node);
        try {
            check_layer_limits(l, path, "");
            validate_layer_shape(l, path, "");
        } catch (const InputError& e) {
            throw InputError(path, Model::where(*p.node), e.expected());
        }
        read_weights(model, p);
        if (--uses[p.weights.tensor] == 0) model.release(*p.weights.tensor);
        // The weights' zeros are the layer's pruning; a layer without any runs dense.
        const auto& w = *l.weights.values;
        if (std::find(w.begin(), w.end(), 0) != w.end()) l.sparsity.pattern = "zeros";
        net.layers.push_back(std::move(l));
    }
    return net;
}

}  // namespace

Network parse_onnx(const std::string& bytes, const std::string& path, const LoadOptions& opts) {
    Model model(path, opts.input_shapes, bytes);
    return import_model(model, opts);
}

Network read_onnx(const std::string& path, const LoadOptions& opts) {
    Model model(path, opts.input_shapes);
    return import_model(model, opts);
}

}  // namespace skipsim
