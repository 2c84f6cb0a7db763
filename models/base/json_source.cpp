#include "json_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "error.h"
#include "file_stamp.h"

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


// The first place where brackets nest deeper than kMaxJsonDepth (outside strings), or npos.
std::size_t too_deep(const std::string& text) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string::npos;
}
}  // namespace

OrderedJson parse_json_text(const std::string& text, const std::string& source_name) {
    if (const std::size_t at = too_deep(text); at != std::string::npos)
        throw InputError(source_name, line_col(text, at + 1),
                         "expected JSON nested at most " + std::to_string(kMaxJsonDepth) + " levels deep");
    try {
        return OrderedJson::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string why = e.what();
        // Keep only the part after the library's "parse error at ...: " prefix.
        auto pos = why.find("syntax error");
        std::string detail = pos == std::string::npos ? why : why.substr(pos);
        throw InputError(source_name, line_col(text, e.byte), "invalid JSON (" + detail + ")");
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond a double (1e999): the library says which, not where.
        std::string why = e.what();
        const auto q = why.find('\'');
        const std::string number = q == std::string::npos ? "" : why.substr(q + 1, why.rfind('\'') - q - 1);
        const std::size_t at = number.empty() ? std::string::npos : text.find(number);
        throw InputError(source_name, at == std::string::npos ? "" : line_col(text, at + 1),
                         "expected a number within the range of a double, got " + quote_text(number));
    }
}

std::string read_input_file(const std::string& path, const std::string& expected, std::uint64_t max_bytes) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(st)) throw InputError(path, "", "no such file (expected " + expected + ")");
    if (std::filesystem::is_directory(st)) throw InputError(path, "", "is a directory (expected " + expected + ")");
    if (!std::filesystem::is_regular_file(st)) throw InputError(path, "", "is not a regular file (expected " + expected + ")");
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes)
        throw InputError(path, "", "expected " + expected + " of at most " + std::to_string(max_bytes) + " bytes, got " +
                                       std::to_string(size));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "", "cannot open file (expected a readable " + expected + ")");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw InputError(path, "", "cannot read file (expected a readable " + expected + ")");
    return ss.str();
}

namespace {

StampedMemo<OrderedJson>& kept_json_files() {
    static StampedMemo<OrderedJson> kept;
    return kept;
}

OrderedJson parse_json_file(const std::string& path) {
    return parse_json_text(read_input_file(path, "a JSON file"), path);
}

}  // namespace

OrderedJson read_json_file(const std::string& path) {
    if (const OrderedJson* kept = kept_json_files().find(path)) return *kept;
    return parse_json_file(path);
}

void keep_json_file(const std::string& path) {
    try {
        kept_json_files().read_and_keep(path, parse_json_file);
    } catch (const InputError&) {
    }
}

bool valid_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > text.size() || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        if (n == 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return false;  // overlong, surrogate
        }
        if (n == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return false;  // overlong, beyond U+10FFFF
        }
        i += n;
    }
    return true;
}

std::string quote_text(const std::string& text) {
    constexpr std::size_t kShown = 60;
    const bool cut = text.size() > kShown;
    std::string shown = text.substr(0, kShown);
    // Never cut inside a UTF-8 sequence.
    while (cut && !shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
    if (cut && !shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0xC0) shown.pop_back();
    std::string q = OrderedJson(shown).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (cut) q.insert(q.size() - 1, "...");
    return q + (cut ? " (" + std::to_string(text.size()) + " characters)" : "");
}

std::string name_text(const std::string& text) {
    bool plain = text.size() <= 60;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F || c == '\'' || c >= 0x80) plain = false;
    return plain ? "'" + text + "'" : quote_text(text);
}

std::string value_text(const OrderedJson& v) {
    if (v.is_string()) return quote_text(v.get<std::string>());
    std::string s = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (s.size() > 60) s = s.substr(0, 60) + "... (" + std::to_string(s.size()) + " characters)";
    return s;
}

std::string json_text(const OrderedJson& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
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
