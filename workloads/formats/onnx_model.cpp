#include "onnx_model.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <climits>
#include <filesystem>
#include <set>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/text_format.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include "base/error.h"
#include "base/json_source.h"
#include "onnx_fold.h"
#include "onnx_tensor.h"

namespace skipsim::onnx_import {

namespace fs = std::filesystem;

namespace {
const char* const kUnder2GiB =
    "expected a model file under 2 GiB (protobuf's limit): save larger weights as external data";
}  // namespace

std::string constant_weights_expected(const std::string& tensor) {
    return "expected its weights (input " + name_text(tensor) +
           ") to be a constant: an initializer, a Constant node or DequantizeLinear of one";
}

std::vector<std::int64_t> Constant::dims() const { return tensor_dims(*tensor); }

Model::Model(const std::string& path, const std::vector<std::string>& input_shapes) : m_path(path) {
    parse();
    prepare(input_shapes);
}

Model::Model(const std::string& path, const std::vector<std::string>& input_shapes, const std::string& bytes)
    : m_path(path) {
    parse_bytes(bytes);
    prepare(input_shapes);
}

void Model::prepare(const std::vector<std::string>& input_shapes) {
    refuse_subgraphs();
    densify_sparse_initializers();
    fix_input_shapes(input_shapes);
    check_window_attributes();
    state_kernel_shapes();
    infer_shapes();
    index();
}

// ONNX 1.12's shape inference divides by strides, dilations, groups and block sizes without
// checking them: a zero there is a division by zero inside the library. Every operator's window
// attributes are checked before it runs.
void Model::check_window_attributes() const {
    for (const auto& n : m_model.graph().node())
        for (const auto& a : n.attribute()) {
            const std::string& name = a.name();
            const bool positive = name == "strides" || name == "dilations" || name == "kernel_shape" ||
                                  name == "group" || name == "blocksize";
            if (!positive && (name != "pads" || n.op_type() == "Pad")) continue;  // Pad's may be negative: crops
            const std::int64_t lo = positive ? 1 : 0;
            std::vector<std::int64_t> values(a.ints().begin(), a.ints().end());
            if (a.type() == onnx::AttributeProto::INT || a.has_i()) values.push_back(a.i());
            for (std::int64_t v : values)
                if (v < lo || v > (std::int64_t{1} << 31))
                    throw InputError(m_path, where(n), "expected attribute " + name_text(name) + " of integers from " +
                                                           std::to_string(lo) + " to 2^31, got " + std::to_string(v));
        }
}

// ONNX 1.12's shape inference of the convolutions (Conv, ConvInteger, QLinearConv, ConvTranspose)
// takes the kernel shape from the weights when the node has no kernel_shape attribute, and then
// indexes the input's spatial dimensions by it without comparing the ranks: weights of another
// rank than the input read out of bounds inside the library. Stating kernel_shape from the weights
// beforehand makes the library compare it with the input's rank and fail with a message instead.
// The weights must be constant here, as a layer needs them to be (read_conv says the same).
void Model::state_kernel_shapes() {
    onnx::GraphProto& g = *m_model.mutable_graph();
    std::map<std::string, std::vector<std::int64_t>> dims;  // of every tensor whose shape is fixed before inference
    for (const auto& t : g.initializer()) dims[t.name()].assign(t.dims().begin(), t.dims().end());
    std::map<std::string, const onnx::NodeProto*> producer;
    for (const auto& n : g.node()) {
        for (const auto& out : n.output()) producer[out] = &n;
        if (n.op_type() != "Constant" || n.output_size() != 1) continue;
        // The forms index() reads as constants: a tensor, a list (rank 1) or a scalar (rank 0).
        for (const auto& a : n.attribute()) {
            if (a.name() == "value" && a.has_t()) dims[n.output(0)].assign(a.t().dims().begin(), a.t().dims().end());
            if (a.name() == "value_floats") dims[n.output(0)] = {a.floats_size()};
            if (a.name() == "value_ints") dims[n.output(0)] = {a.ints_size()};
            if (a.name() == "value_float" || a.name() == "value_int") dims[n.output(0)].clear();
        }
    }
    // Through the nodes that keep a tensor's shape, as operand() follows them to the weights.
    auto weight_dims = [&](std::string tensor) -> const std::vector<std::int64_t>* {
        for (int hops = 0; hops < 64; ++hops) {
            if (auto it = dims.find(tensor); it != dims.end()) return &it->second;
            auto p = producer.find(tensor);
            if (p == producer.end() || p->second->input_size() == 0) return nullptr;
            const std::string& op = p->second->op_type();
            if (op != "Identity" && op != "Cast" && op != "DequantizeLinear") return nullptr;
            tensor = p->second->input(0);
        }
        return nullptr;
    };
    for (auto& n : *g.mutable_node()) {
        const std::string& op = n.op_type();
        if (op != "Conv" && op != "ConvInteger" && op != "QLinearConv" && op != "ConvTranspose") continue;
        if (!n.domain().empty() && n.domain() != "ai.onnx") continue;
        const int w = op == "QLinearConv" ? 3 : 1;
        if (n.input_size() <= w || n.input(w).empty()) continue;  // the schema check refuses it
        bool stated = false;
        for (const auto& a : n.attribute()) stated = stated || a.name() == "kernel_shape";
        if (stated) continue;
        const std::vector<std::int64_t>* wd = weight_dims(n.input(w));
        if (!wd)
            throw InputError(m_path, where(n), constant_weights_expected(n.input(w)));
        if (wd->size() < 3)
            throw InputError(m_path, where(n), "expected weights of rank 3 or more (output channels, input channels, "
                                               "kernel), got rank " + std::to_string(wd->size()));
        onnx::AttributeProto* a = n.add_attribute();
        a->set_name("kernel_shape");
        a->set_type(onnx::AttributeProto::INTS);
        for (std::size_t i = 2; i < wd->size(); ++i) a->add_ints((*wd)[i]);
        m_stated_kernels[n.name()] = wd->size();
    }
}

std::string Model::where(const onnx::NodeProto& node) {
    return "node " + (node.name().empty() ? name_text(node.output_size() ? node.output(0) : std::string("?"))
                                          : name_text(node.name())) +
           " (" + node.op_type() + ")";
}

namespace {

bool text_format(const std::string& path) {
    const std::string ext = fs::path(path).extension().string();
    return ext == ".txtpb" || ext == ".textproto" || ext == ".pbtxt";
}

// The first error of protobuf's text-format parser, with its line and column.
class FirstError : public google::protobuf::io::ErrorCollector {
public:
    void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
        if (place.empty()) {
            place = "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1);
            text = message;
        }
    }
    std::string place, text;
};

}  // namespace

void Model::parse() {
    if (text_format(m_path)) {
        parse_bytes(read_input_file(m_path, "an ONNX model in protobuf text format"));
        return;
    }
    const std::string expected = "an ONNX model (.onnx)";
    std::error_code ec;
    const auto st = fs::status(m_path, ec);
    if (!fs::exists(st)) throw InputError(m_path, "", "no such file (expected " + expected + ")");
    if (fs::is_directory(st)) throw InputError(m_path, "", "is a directory (expected " + expected + ")");
    if (!fs::is_regular_file(st)) throw InputError(m_path, "", "is not a regular file (expected " + expected + ")");
    if (fs::file_size(m_path, ec) >= static_cast<std::uintmax_t>(INT_MAX))
        throw InputError(m_path, "", kUnder2GiB);
    const int fd = ::open(m_path.c_str(), O_RDONLY);
    if (fd < 0) throw InputError(m_path, "", "cannot open file (expected a readable " + expected + ")");
    bool parsed;
    {
        // Streamed from the file: the model's bytes are never held twice.
        google::protobuf::io::FileInputStream raw(fd);
        google::protobuf::io::CodedInputStream coded(&raw);
        coded.SetTotalBytesLimit(INT_MAX);
        parsed = m_model.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
    }
    ::close(fd);
    check_parsed(parsed);
}

void Model::parse_bytes(const std::string& bytes) {
    if (text_format(m_path)) {
        // Protobuf's text format of a ModelProto: small models written by hand (the bad-input corpus).
        google::protobuf::TextFormat::Parser parser;
        FirstError error;
        parser.RecordErrorsTo(&error);
        if (!parser.ParseFromString(bytes, &m_model))
            throw InputError(m_path, error.place, "expected an ONNX ModelProto in protobuf text format: " + error.text);
        if (!m_model.has_graph()) throw InputError(m_path, "", "expected an ONNX ModelProto with a graph");
        return;
    }
    if (bytes.size() >= static_cast<std::size_t>(INT_MAX))
        throw InputError(m_path, "", kUnder2GiB);
    check_parsed(m_model.ParseFromString(bytes));
}

void Model::check_parsed(bool parsed) const {
    if (!parsed || !m_model.has_graph() || m_model.ir_version() <= 0)
        throw InputError(m_path, "", "not an ONNX model, or a truncated one (expected an ONNX ModelProto with a graph)");
}

void Model::refuse_subgraphs() const {
    for (const auto& n : m_model.graph().node())
        for (const auto& a : n.attribute())
            if (a.type() == onnx::AttributeProto::GRAPH || a.type() == onnx::AttributeProto::GRAPHS || a.has_g() ||
                a.graphs_size())
                throw InputError(m_path, where(n), "control flow is not supported (expected a graph without If, Loop "
                                                   "or Scan: export a traced model whose control flow is unrolled)");
}

void Model::densify_sparse_initializers() {
    onnx::GraphProto& g = *m_model.mutable_graph();
    for (const auto& s : g.sparse_initializer())
        *g.add_initializer() = densify(s, m_path, "sparse initializer " + name_text(s.values().name()));
    g.clear_sparse_initializer();
    for (auto& n : *g.mutable_node())
        for (auto& a : *n.mutable_attribute())
            if (n.op_type() == "Constant" && a.name() == "sparse_value") {
                *a.mutable_t() = densify(a.sparse_tensor(), m_path, where(n));
                a.set_name("value");
                a.set_type(onnx::AttributeProto::TENSOR);
                a.clear_sparse_tensor();
            }
}

void Model::fix_input_shapes(const std::vector<std::string>& specs) {
    if (specs.empty()) return;
    onnx::GraphProto& g = *m_model.mutable_graph();
    std::set<std::string> initializers;
    for (const auto& t : g.initializer()) initializers.insert(t.name());
    std::vector<onnx::ValueInfoProto*> inputs;
    for (auto& in : *g.mutable_input())
        if (!initializers.count(in.name())) inputs.push_back(&in);
    std::string names;
    for (const auto* in : inputs) names += (names.empty() ? "" : ", ") + name_text(in->name());
    for (const std::string& spec : specs) {
        const auto eq = spec.rfind('=');
        const std::string name = eq == std::string::npos ? "" : spec.substr(0, eq);
        const std::string dims_text = eq == std::string::npos ? spec : spec.substr(eq + 1);
        std::vector<std::int64_t> dims;
        std::size_t pos = 0;
        while (pos <= dims_text.size()) {
            const std::size_t end = std::min(dims_text.find_first_of("x,", pos), dims_text.size());
            const std::string d = dims_text.substr(pos, end - pos);
            if (d.empty() || d.size() > 7 || d.find_first_not_of("0123456789") != std::string::npos || std::stoll(d) == 0)
                throw InputError("--input-shape", spec, "expected [NAME=]DxDx... with sizes from 1 to 9999999 (e.g. "
                                                        "input=1x3x224x224)");
            dims.push_back(std::stoll(d));
            pos = end + 1;
        }
        onnx::ValueInfoProto* target = nullptr;
        for (auto* in : inputs)
            if (in->name() == name || (name.empty() && inputs.size() == 1)) target = in;
        if (!target)
            throw InputError("--input-shape", spec, "expected the name of an input of " + m_path + " (" +
                                                        (names.empty() ? std::string("it has none") : names) + ")");
        auto* shape = target->mutable_type()->mutable_tensor_type()->mutable_shape();
        if (shape->dim_size() && shape->dim_size() != static_cast<int>(dims.size()))
            throw InputError("--input-shape", spec, "expected " + std::to_string(shape->dim_size()) +
                                                        " dimensions for input " + name_text(target->name()) + ", got " +
                                                        std::to_string(dims.size()));
        shape->clear_dim();
        for (std::int64_t d : dims) shape->add_dim()->set_dim_value(d);
    }
    // Shapes the exporter recorded for the old input size would contradict the new ones.
    g.clear_value_info();
    for (auto& out : *g.mutable_output())
        if (out.has_type() && out.type().has_tensor_type()) out.mutable_type()->mutable_tensor_type()->clear_shape();
    m_fixed_inputs = true;
}

void Model::infer_shapes() {
    try {
        // Sizes computed at run time become constants as inference learns the shapes they read.
        for (int round = 0; round < 16; ++round) {
            onnx::shape_inference::InferShapes(m_model, onnx::OpSchemaRegistry::Instance(),
                                               onnx::ShapeInferenceOptions(false, 1, true));
            if (!fold_shape_arithmetic(m_model)) break;
        }
    } catch (const std::exception& e) {
        // ONNX names the node inside its message: "(op_type:Conv, node name: x): ...".
        std::string msg = e.what(), place, node;
        const auto at = msg.find("node name: ");
        if (at != std::string::npos) {
            const auto end = msg.find("): ", at);
            if (end != std::string::npos) {
                node = msg.substr(at + 11, end - at - 11);
                place = "node " + name_text(node);
                msg = msg.substr(end + 3);
            }
        }
        while (!msg.empty() && std::isspace(static_cast<unsigned char>(msg.back()))) msg.pop_back();
        // The kernel_shape skipsim stated from the weights (state_kernel_shapes): say it in the model's terms.
        if (const auto k = m_stated_kernels.find(node);
            k != m_stated_kernels.end() && msg.find("kernel_shape has incorrect size") != std::string::npos)
            throw InputError(m_path, place, "expected weights with a kernel size for each spatial dimension of the "
                                            "input, got weights of rank " + std::to_string(k->second) + " (" +
                                            std::to_string(k->second - 2) + " kernel dimensions)");
        throw InputError(m_path, place, "shape inference failed: " + msg +
                                            (m_fixed_inputs ? " (is --input-shape right for this model?)" : ""));
    }
}

void Model::index() {
    onnx::GraphProto& g = *m_model.mutable_graph();
    for (const auto* list : {&g.input(), &g.value_info(), &g.output()})
        for (const auto& v : *list)
            if (v.has_type()) m_types[v.name()] = &v.type();
    for (auto& t : *g.mutable_initializer()) m_constants[t.name()] = Constant{t.name(), &t};
    for (auto& n : *g.mutable_node()) {
        for (const auto& out : n.output()) m_producers[out] = &n;
        if (n.op_type() != "Constant" || n.output_size() != 1 || (!n.domain().empty() && n.domain() != "ai.onnx")) continue;
        for (auto& a : *n.mutable_attribute()) {
            Constant c{n.output(0)};
            if (a.name() == "value") {
                c.tensor = a.mutable_t();
            } else {
                auto t = std::make_unique<onnx::TensorProto>();
                if (a.name() == "value_float" || a.name() == "value_floats") {
                    t->set_data_type(onnx::TensorProto::FLOAT);
                    if (a.name() == "value_float") t->add_float_data(a.f());
                    for (float f : a.floats()) t->add_float_data(f);
                    if (a.name() == "value_floats") t->add_dims(a.floats_size());
                } else if (a.name() == "value_int" || a.name() == "value_ints") {
                    t->set_data_type(onnx::TensorProto::INT64);
                    if (a.name() == "value_int") t->add_int64_data(a.i());
                    for (auto i : a.ints()) t->add_int64_data(i);
                    if (a.name() == "value_ints") t->add_dims(a.ints_size());
                } else {
                    continue;
                }
                c.tensor = t.get();
                m_owned.push_back(std::move(t));
            }
            m_constants[c.name] = c;
        }
    }
}

const Constant* Model::constant(const std::string& tensor) const {
    std::string name = tensor;
    for (int hops = 0; hops < 64 && !name.empty(); ++hops) {
        auto it = m_constants.find(name);
        if (it != m_constants.end()) return &it->second;
        const onnx::NodeProto* n = producer(name);
        if (!n || (n->op_type() != "Identity" && n->op_type() != "Cast") || n->input_size() < 1) return nullptr;
        name = n->input(0);
    }
    return nullptr;
}

void Model::release(const Constant& c) { release_tensor_data(*c.tensor); }

const onnx::NodeProto* Model::producer(const std::string& tensor) const {
    auto it = m_producers.find(tensor);
    return it == m_producers.end() ? nullptr : it->second;
}

std::int32_t Model::elem_type(const std::string& tensor) const {
    if (const Constant* c = constant(tensor)) return c->elem_type();
    auto it = m_types.find(tensor);
    return it != m_types.end() && it->second->has_tensor_type() ? it->second->tensor_type().elem_type() : 0;
}

std::string Model::input_shape_hint() const {
    for (const auto& in : m_model.graph().input()) {
        if (m_constants.count(in.name()) || !in.type().has_tensor_type()) continue;
        const auto& t = in.type().tensor_type();
        std::string dims;
        bool dynamic = !t.has_shape();
        for (const auto& d : t.shape().dim()) {
            dynamic |= !d.has_dim_value();
            dims += (dims.empty() ? "" : "x") + (d.has_dim_value() ? std::to_string(d.dim_value()) : std::string("N"));
        }
        if (dynamic)
            return "give the model's input sizes with --input-shape " + in.name() + "=" +
                   (dims.empty() ? "1x3x224x224" : dims) + ", N the size you want";
    }
    return "the model's inputs have fixed sizes, but shape inference cannot follow the operators before this one";
}

std::vector<std::int64_t> Model::shape(const std::string& tensor, const onnx::NodeProto& node) const {
    auto it = m_types.find(tensor);
    const bool known = it != m_types.end() && it->second->has_tensor_type() && it->second->tensor_type().has_shape();
    if (!known)
        throw InputError(m_path, where(node), "the shape of its input " + name_text(tensor) +
                                                  " stays unknown after shape inference (expected fixed sizes; " +
                                                  input_shape_hint() + ")");
    std::vector<std::int64_t> dims;
    std::string text;
    bool dynamic = false;
    for (const auto& d : it->second->tensor_type().shape().dim()) {
        dynamic |= !d.has_dim_value();
        text += (text.empty() ? "" : ", ") + (d.has_dim_value() ? std::to_string(d.dim_value())
                                                                 : d.has_dim_param() ? d.dim_param() : std::string("?"));
        dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
    }
    if (dynamic)
        throw InputError(m_path, where(node), "its input " + name_text(tensor) + " has the dynamic shape [" + text +
                                                  "] (expected fixed sizes; " + input_shape_hint() + ")");
    return dims;
}

}  // namespace skipsim::onnx_import
