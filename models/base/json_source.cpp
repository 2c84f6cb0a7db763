#include "json_source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "error.h"

namespace skipsim {

namespace {
// nlohmann reports a byte offset; users want line and column.
std::string line_col(const std::string& text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
        if (text[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}
}  // namespace

OrderedJson parse_json_text(const std::string& text, const std::string& source_name) {
    try {
        return OrderedJson::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string why = e.what();
        // Keep only the part after the library's "parse error at ...: " prefix.
        auto pos = why.find("syntax error");
        std::string detail = pos == std::string::npos ? why : why.substr(pos);
        throw InputError(source_name, line_col(text, e.byte), "invalid JSON (" + detail + ")");
    }
}

OrderedJson read_json_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "cannot open file (expected a readable JSON file)");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_json_text(ss.str(), path);
}

static std::string escape_pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer_join(const std::string& base, const std::string& key) {
    return base + "/" + escape_pointer_token(key);
}

std::string pointer_join(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

static std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_d) { best_d = d; best = c; }
    }
    return best;
}

std::string json_type_name(const OrderedJson& j) {
    if (j.is_number_integer()) return "an integer";
    if (j.is_number_float()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "a boolean";
    if (j.is_array()) return "an array";
    if (j.is_object()) return "an object";
    return "null";
}

}  // namespace skipsim
