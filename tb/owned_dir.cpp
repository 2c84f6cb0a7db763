#include "owned_dir.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "base/json_source.h"

namespace skipsim {

namespace fs = std::filesystem;

namespace {

// The mark of `dir`, or nothing when it has none or an unreadable one (then it is not ours).
bool read_mark(const fs::path& dir, OwnedDirState& s) {
    std::ifstream in(dir / kOwnedMark, std::ios::binary);
    if (!in) return false;
    try {
        const OrderedJson j = OrderedJson::parse(in);
        if (j.value("schema", "") != "skipsim.owned/1") return false;
        s.kind = j.at("kind").get<std::string>();
        s.files = j.at("files").get<std::vector<std::string>>();
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// A run directory of a skipsim from before the mark: nothing but run files, with the run's
// resolved configuration. Recognised so that reruns after an upgrade keep working.
bool unmarked_former_run(const fs::path& dir, OwnedDirState& s) {
    static const char* kRunFiles[] = {"report.json", "layers.csv", "resolved_config.json", "trace.json", "report.html"};
    std::error_code ec;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string n = e.path().filename().string();
        if (std::find(std::begin(kRunFiles), std::end(kRunFiles), n) == std::end(kRunFiles) || !e.is_regular_file(ec))
            return false;
        names.push_back(n);
    }
    std::ifstream in(dir / "resolved_config.json", std::ios::binary);
    try {
        if (!in || OrderedJson::parse(in).value("schema", "") != "skipsim.resolved_config/1") return false;
    } catch (const std::exception&) {
        return false;
    }
    s.kind = "run";
    s.files = names;
    return true;
}

// `a` is `b` or contains it.
bool contains(const fs::path& a, const fs::path& b) {
    auto ai = a.begin(), bi = b.begin();
    for (; ai != a.end(); ++ai, ++bi)
        if (bi == b.end() || *ai != *bi) return ai->empty();  // a trailing "" of "dir/" matches
    return true;
}

}  // namespace

OwnedDirState check_output_dir(const std::string& path, const std::string& kind, bool force, const std::string& option) {
    OwnedDirState s;
    std::error_code ec;
    const fs::path p(path);
    const fs::file_status st = fs::status(p, ec);
    if (!fs::exists(st)) return s;
    s.exists = true;
    if (!fs::is_directory(st))
        throw InputError(option, path,
                         "expected a directory for the " + kind + "'s files, but this is an existing file; "
                         "skipsim will not replace it (choose another " + option + ")");
    const std::string force_hint = "use --force to write the " + kind + "'s files into it, replacing only those";
    if (read_mark(p, s) || (kind == "run" && unmarked_former_run(p, s))) {
        if (s.kind != kind)
            throw InputError(option, path, "expected a " + kind + " directory, this one holds a skipsim " + s.kind +
                                               " (choose another " + option + ")");
        s.marked = true;
        return s;
    }
    const fs::path here = fs::weakly_canonical(fs::current_path(ec), ec);
    const fs::path target = fs::weakly_canonical(p, ec);
    if (!force && contains(target, here))
        throw InputError(option, path, "expected a new directory, not the working directory or one above it (" +
                                           force_hint + ")");
    if (!force && !fs::is_empty(p, ec))
        throw InputError(option, path, "expected a new, empty or skipsim-made directory; this one holds files "
                                       "skipsim did not write (" + force_hint + ")");
    return s;
}

void write_owned_mark(const std::string& dir, const std::string& kind, const std::vector<std::string>& files) {
    const OrderedJson j = {{"schema", "skipsim.owned/1"}, {"kind", kind}, {"files", files}};
    const fs::path mark = fs::path(dir) / kOwnedMark, tmp = fs::path(dir) / (std::string(kOwnedMark) + ".partial");
    {
        std::ofstream out(tmp, std::ios::binary);
        out << j.dump(2) << "\n";
        if (!out) throw InputError(dir, "", "cannot write the directory's mark " + std::string(kOwnedMark));
    }
    std::error_code ec;
    fs::rename(tmp, mark, ec);
    if (ec) throw InputError(dir, "", "cannot write the directory's mark (" + ec.message() + ")");
}

}  // namespace skipsim
