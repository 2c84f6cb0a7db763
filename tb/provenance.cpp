#include "provenance.h"

#include <openssl/evp.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "base/error.h"
#include "base/file_stamp.h"
#include "version.h"

namespace skipsim {

namespace {

std::string sha256_of_contents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "cannot read the file to record its sha256");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw InternalError("sha256 is unavailable");
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

}  // namespace

// A sweep worker hashes the inputs once before it forks its points; each point then finds the
// digest here (a file changed since gives a new stamp and is hashed again).
std::string sha256_of_file(const std::string& path) {
    static std::map<std::string, std::pair<FileStamp, std::string>> known;
    const auto stamp = file_stamp(path);
    if (stamp) {
        const auto it = known.find(path);
        if (it != known.end() && it->second.first == *stamp) return it->second.second;
    }
    std::string digest = sha256_of_contents(path);
    if (stamp && file_stamp(path) == stamp) known[path] = {*stamp, digest};
    return digest;
}

std::vector<InputFile> run_inputs(const PlatformSpec& platform, const Network& net) {
    std::vector<InputFile> files;
    std::set<std::string> seen;
    auto add = [&](const std::string& role, const std::string& file) {
        if (!file.empty() && seen.insert(file).second) files.push_back({role, file, sha256_of_file(file)});
    };
    add("platform", platform.file);
    add("energy_table", platform.energy_table);
    add("workload", net.source_file);
    for (const auto& f : net.inputs) add("workload_input", f);
    for (const Layer& l : net.layers) {
        if (l.weights.kind == WeightSource::Kind::npy) add("weights", l.weights.file);
        add("mask", l.sparsity.mask_file);
    }
    return files;
}

OrderedJson provenance_json(const RunOptions& opts, const std::vector<InputFile>& inputs) {
    OrderedJson files = OrderedJson::array();
    for (const InputFile& f : inputs) files.push_back({{"role", f.role}, {"file", f.file}, {"sha256", f.sha256}});
    return {{"skipsim", skipsim_version()}, {"commit", skipsim_commit()}, {"command", opts.command_line},
            {"inputs", files}};
}

}  // namespace skipsim
