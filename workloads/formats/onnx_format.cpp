// Format "onnx": a trained (pruned, quantized) model exported to ONNX. The importer (onnx.cpp) is
// not linked into the skipsim binary: Debian's ONNX and protobuf libraries cost every process
// about 4 ms and 100 page faults to load and relocate, a fifth of a run's start-up, and only
// ONNX workloads use them. The binary loads them with the module skipsim_onnx.so, from its own
// directory, the first time it reads an ONNX model.
#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>

#include "base/error.h"
#include "base/executable_path.h"
#include "onnx.h"
#include "workloads/loader.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

OnnxReader& linked_reader() {
    static OnnxReader reader = nullptr;
    return reader;
}

// The module beside the running binary.
std::string module_path() {
    const std::string self = executable_path();
    return ((self.empty() ? fs::path(".") : fs::path(self).parent_path()) / "skipsim_onnx.so").string();
}

// The importer, loaded once; an empty reader and the reason when the module does not load.
struct Loaded {
    OnnxReader reader = nullptr;
    std::string why;
};

const Loaded& loaded_module() {
    static Loaded loaded;
    static std::once_flag once;
    std::call_once(once, [] {
        const std::string path = module_path();
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char* err = dlerror();
            loaded.why = "the ONNX import module did not load (" + std::string(err ? err : path) + ")";
            return;
        }
        using Entry = OnnxReader (*)();
        const auto entry = reinterpret_cast<Entry>(dlsym(handle, "skipsim_onnx_reader"));
        if (!entry) {
            loaded.why = "the ONNX import module " + path + " has no entry point skipsim_onnx_reader";
            return;
        }
        loaded.reader = entry();
    });
    return loaded;
}

Network load_onnx(const std::string& path, const LoadOptions& opts) {
    if (OnnxReader linked = linked_reader()) return linked(path, opts);
    const Loaded& module = loaded_module();
    if (!module.reader) throw InputError(path, "", "cannot read ONNX models: " + module.why);
    return module.reader(path, opts);
}

// A serialized ModelProto starts with its ir_version: field 1 as a varint (tag 0x08), a small number.
FormatClaim detect_onnx(const std::string& path, const std::string& first_line) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool header = !first_line.empty() && first_line[0] == '\x08' &&
                        (first_line.size() == 1 || (first_line[1] >= 1 && first_line[1] <= 20));
    if (ext == ".onnx") return header ? FormatClaim::extension_and_header : FormatClaim::extension;
    if (ext == ".txtpb" || ext == ".textproto" || ext == ".pbtxt") return FormatClaim::extension;
    return header ? FormatClaim::extension : FormatClaim::none;
}

}  // namespace

void set_linked_onnx_reader(OnnxReader reader) { linked_reader() = reader; }

static const Registration<WorkloadFormat> onnx_registration{
    {"onnx", "an ONNX model: Conv, Gemm, MatMul and their quantized forms are layers, with the model's own weights "
             "and zeros",
     ".onnx (or its protobuf text format, .txtpb)", detect_onnx, load_onnx, true}};

}  // namespace skipsim
