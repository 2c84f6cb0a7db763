#pragma once
// A JSON document together with the name it came from, so that every error can name the file.
#include <nlohmann/json.hpp>
#include <string>

namespace skipsim {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Reads and parses a JSON file; a missing file or a syntax error becomes an InputError naming
// the file and, for syntax errors, the line and column.
OrderedJson read_json_file(const std::string& path);
OrderedJson parse_json_text(const std::string& text, const std::string& source_name);

// JSON pointer text for a child of `base`.
std::string pointer_join(const std::string& base, const std::string& key);
std::string pointer_join(const std::string& base, std::size_t index);

// The closest candidate by edit distance, or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

std::string json_type_name(const OrderedJson& j);

}  // namespace skipsim
