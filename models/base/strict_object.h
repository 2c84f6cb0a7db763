#pragma once
// Strict reading of one JSON object: every key must be consumed, so a misspelt key is an error
// ("unknown key 'rowz' (did you mean 'rows'?)") instead of being silently ignored.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "json_source.h"

namespace skipsim {

class StrictObject {
public:
    StrictObject(const OrderedJson& j, std::string file, std::string pointer);

    bool has(const std::string& key) const;
    // The raw value of a required key; marks it consumed.
    const OrderedJson& require(const std::string& key);
    // The raw value of an optional key (nullptr when absent); marks it consumed.
    const OrderedJson* optional(const std::string& key);

    std::int64_t get_int(const std::string& key, std::int64_t lo, std::int64_t hi);
    std::int64_t get_int(const std::string& key, std::int64_t dflt, std::int64_t lo, std::int64_t hi);
    double get_number(const std::string& key, double dflt, double lo, double hi);
    bool get_bool(const std::string& key, bool dflt);
    std::string get_string(const std::string& key);
    std::string get_string(const std::string& key, const std::string& dflt);
    std::string get_choice(const std::string& key, const std::string& dflt,
                           const std::vector<std::string>& choices);

    StrictObject object(const std::string& key);

    // Throws on the first key that was never asked for.
    void finish() const;

    const std::string& file() const { return m_file; }
    const std::string& pointer() const { return m_pointer; }
    std::string where(const std::string& key) const { return pointer_join(m_pointer, key); }
    const OrderedJson& json() const { return m_json; }

private:
    const OrderedJson& m_json;
    std::string m_file, m_pointer;
    std::set<std::string> m_used;
    std::vector<std::string> m_asked;
};

// Value checks shared by StrictObject and by array readers. Each throws an InputError naming
// file and pointer.
std::int64_t json_to_int(const OrderedJson& v, const std::string& file, const std::string& ptr,
                         std::int64_t lo, std::int64_t hi);
double json_to_number(const OrderedJson& v, const std::string& file, const std::string& ptr,
                      double lo, double hi);
std::string json_to_string(const OrderedJson& v, const std::string& file, const std::string& ptr);
// "a, b or c", and "'a', 'b' or 'c'" for choices.
std::string or_list(const std::vector<std::string>& items);
std::string choices_text(const std::vector<std::string>& choices);
std::string format_number(double v);

}  // namespace skipsim
