#include "provenance.h"

#include <nettle/sha2.h>

#include <cstdint>
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
    sha256_ctx ctx;
    sha256_init(&ctx);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0)
            sha256_update(&ctx, static_cast<std::size_t>(in.gcount()), reinterpret_cast<const std::uint8_t*>(buf.data()));
    }
    std::uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < SHA256_DIGEST_SIZE; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

}  // namespace

// A sweep worker hashes the inputs once before it forks its points; each point then finds the
// digest here (a file changed since gives a new stamp and is hashed again).
std::string sha256_of_file(const std::string& path) {
    static StampedMemo<std::string> known;
    if (const std::string* digest = known.find(path)) return *digest;
    return known.read_and_keep(path, sha256_of_contents);
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
