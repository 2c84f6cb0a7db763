#pragma once
// A JSON document together with the name it came from, so that every error can name the file.
#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>

namespace skipsim {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Inputs are bounded before they are parsed: nesting deeper than this is refused (deep nesting
// is never meaningful in skipsim's formats and would exhaust the stack of recursive code).
constexpr int kMaxJsonDepth = 256;

// Reads and parses a JSON file; a missing file or a syntax error becomes an InputError naming
// the file and, for syntax errors, the line and column.
OrderedJson read_json_file(const std::string& path);

// Parses a JSON file now and keeps it: read_json_file then returns a copy of it for as long as
// the file is unchanged (its FileStamp). A sweep worker keeps the platform and energy table of
// its points before it forks them; a file that does not parse is left for the run to report.
void keep_json_file(const std::string& path);
OrderedJson parse_json_text(const std::string& text, const std::string& source_name);

// The whole content of an input file. A missing, unreadable or special file, a directory, or one
// larger than `max_bytes` is an InputError naming it and saying what was `expected`.
std::string read_input_file(const std::string& path, const std::string& expected,
                            std::uint64_t max_bytes = std::uint64_t(1) << 31);

// Whether `text` is well-formed UTF-8 (names from CSV or YAML files must be: they go into JSON).
bool valid_utf8(const std::string& text);

// Text for a message: JSON-quoted (control characters and NUL escaped), cut to a readable length.
std::string quote_text(const std::string& text);
// A name or word for a message: 'word' when it is short and printable, else quote_text().
std::string name_text(const std::string& text);
// A JSON value for a message, cut likewise.
std::string value_text(const OrderedJson& v);

// Serialises output JSON; text that is not valid UTF-8 (a name from a CSV file, a path) is
// written with replacement characters instead of failing.
std::string json_text(const OrderedJson& j, int indent = -1);

// JSON pointer text for a child of `base`.
std::string pointer_join(const std::string& base, const std::string& key);
std::string pointer_join(const std::string& base, std::size_t index);

// The closest candidate by edit distance, or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

std::string json_type_name(const OrderedJson& j);

}  // namespace skipsim
