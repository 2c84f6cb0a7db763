#include "weight_files.h"

#include <filesystem>
#include <set>

#include "base/error.h"
#include "npy.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// A file name from a layer name: letters, digits and "_-." kept, anything else "_".
std::string file_stem(const std::string& layer) {
    std::string s = layer;
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
    return s;
}

bool only_npy_files(const fs::path& dir) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (!e.is_regular_file() || e.path().extension() != ".npy") return false;
    return !ec;
}

}  // namespace

std::string write_weight_files(Network& net, const std::string& json_path) {
    bool any = false;
    for (const Layer& l : net.layers) any |= l.weights.kind == WeightSource::Kind::values;
    if (!any) return "";
    const fs::path json(json_path);
    const std::string name = json.stem().string() + "_weights";
    const fs::path dir = json.parent_path() / name, staging = json.parent_path() / (name + ".partial");
    std::error_code ec;
    if (fs::exists(dir) && (!fs::is_directory(dir) || !only_npy_files(dir)))
        throw InputError(dir.string(), "", "exists and holds more than .npy weights (expected a directory skipsim may "
                                           "replace, or none)");
    fs::remove_all(staging, ec);
    if (!fs::create_directories(staging, ec))
        throw InputError(staging.string(), "", "cannot create the weight directory (" + ec.message() + ")");
    std::set<std::string> used;
    for (Layer& l : net.layers) {
        if (l.weights.kind != WeightSource::Kind::values) continue;
        std::string stem = file_stem(l.name);
        for (int k = 2; !used.insert(stem).second; ++k) stem = file_stem(l.name) + "_" + std::to_string(k);
        const std::vector<double> values(l.weights.values->begin(), l.weights.values->end());
        write_npy((staging / (stem + ".npy")).string(), l.quant.weight_bits <= 8 ? "i1" : "i2",
                  {l.out_channels, l.channels_per_group(), l.kernel_h, l.kernel_w}, values);
        l.weights.kind = WeightSource::Kind::npy;
        l.weights.file = name + "/" + stem + ".npy";
        l.weights.values.reset();
    }
    fs::remove_all(dir, ec);
    fs::rename(staging, dir, ec);
    if (ec) {
        fs::remove_all(staging);
        throw InputError(dir.string(), "", "cannot write the weight directory (" + ec.message() + ")");
    }
    return dir.string();
}

}  // namespace skipsim
