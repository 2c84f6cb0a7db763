#include "strict_object.h"

#include <cmath>
#include <limits>
#include <sstream>

#include "error.h"

namespace skipsim {

StrictObject::StrictObject(const OrderedJson& j, std::string file, std::string pointer)
    : m_json(j), m_file(std::move(file)), m_pointer(std::move(pointer)) {
    if (!m_json.is_object())
        throw InputError(m_file, m_pointer.empty() ? "/" : m_pointer,
                         "expected an object, got " + json_type_name(m_json));
}

bool StrictObject::has(const std::string& key) const { return m_json.contains(key); }

const OrderedJson& StrictObject::require(const std::string& key) {
    m_asked.push_back(key);
    if (!m_json.contains(key))
        throw InputError(m_file, m_pointer.empty() ? "/" : m_pointer,
                         "missing required key " + name_text(key));
    m_used.insert(key);
    return m_json.at(key);
}

const OrderedJson* StrictObject::optional(const std::string& key) {
    m_asked.push_back(key);
    auto it = m_json.find(key);
    if (it == m_json.end()) return nullptr;
    m_used.insert(key);
    return &*it;
}

std::string format_number(double v) {
    std::ostringstream ss;
    ss << v;
    return ss.str();
}

std::int64_t json_to_int(const OrderedJson& v, const std::string& file, const std::string& ptr,
                         std::int64_t lo, std::int64_t hi) {
    std::int64_t x = 0;
    if (v.is_number_unsigned()) {
        auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw InputError(file, ptr, "expected an integer in [" + std::to_string(lo) + ", " +
                                            std::to_string(hi) + "], got " + value_text(v));
        x = static_cast<std::int64_t>(u);
    } else if (v.is_number_integer()) {
        x = v.get<std::int64_t>();
    } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
               std::fabs(v.get<double>()) < 9e15) {
        x = static_cast<std::int64_t>(v.get<double>());
    } else {
        throw InputError(file, ptr, "expected an integer, got " + json_type_name(v) + " " + value_text(v));
    }
    if (x < lo || x > hi)
        throw InputError(file, ptr, "expected an integer in [" + std::to_string(lo) + ", " +
                                        std::to_string(hi) + "], got " + std::to_string(x));
    return x;
}

double json_to_number(const OrderedJson& v, const std::string& file, const std::string& ptr,
                      double lo, double hi) {
    if (!v.is_number())
        throw InputError(file, ptr, "expected a number, got " + json_type_name(v) + " " + value_text(v));
    double x = v.get<double>();
    if (!(x >= lo && x <= hi))
        throw InputError(file, ptr, "expected a number in [" + format_number(lo) + ", " +
                                        format_number(hi) + "], got " + format_number(x));
    return x;
}

std::string json_to_string(const OrderedJson& v, const std::string& file, const std::string& ptr) {
    if (!v.is_string())
        throw InputError(file, ptr, "expected a string, got " + json_type_name(v) + " " + value_text(v));
    return v.get<std::string>();
}

std::string or_list(const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) s += i + 1 == items.size() ? " or " : ", ";
        s += items[i];
    }
    return s;
}

std::string choices_text(const std::vector<std::string>& choices) {
    std::vector<std::string> quoted;
    for (const auto& c : choices) quoted.push_back("'" + c + "'");
    return or_list(quoted);
}

std::int64_t StrictObject::get_int(const std::string& key, std::int64_t lo, std::int64_t hi) {
    return json_to_int(require(key), m_file, where(key), lo, hi);
}

std::int64_t StrictObject::get_int(const std::string& key, std::int64_t dflt, std::int64_t lo,
                                   std::int64_t hi) {
    const OrderedJson* v = optional(key);
    return v ? json_to_int(*v, m_file, where(key), lo, hi) : dflt;
}

double StrictObject::get_number(const std::string& key, double dflt, double lo, double hi) {
    const OrderedJson* v = optional(key);
    return v ? json_to_number(*v, m_file, where(key), lo, hi) : dflt;
}

bool StrictObject::get_bool(const std::string& key, bool dflt) {
    const OrderedJson* v = optional(key);
    if (!v) return dflt;
    if (!v->is_boolean())
        throw InputError(m_file, where(key),
                         "expected true or false, got " + json_type_name(*v) + " " + value_text(*v));
    return v->get<bool>();
}

std::string StrictObject::get_string(const std::string& key) {
    return json_to_string(require(key), m_file, where(key));
}

std::string StrictObject::get_string(const std::string& key, const std::string& dflt) {
    const OrderedJson* v = optional(key);
    return v ? json_to_string(*v, m_file, where(key)) : dflt;
}

std::string StrictObject::get_choice(const std::string& key, const std::string& dflt,
                                     const std::vector<std::string>& choices) {
    std::string s = get_string(key, dflt);
    for (const auto& c : choices)
        if (c == s) return s;
    std::string hint = did_you_mean(s, choices);
    throw InputError(m_file, where(key),
                     "expected one of " + choices_text(choices) + ", got " + name_text(s) +
                         (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
}

StrictObject StrictObject::object(const std::string& key) {
    return StrictObject(require(key), m_file, where(key));
}

void StrictObject::finish() const {
    for (auto it = m_json.begin(); it != m_json.end(); ++it) {
        if (m_used.count(it.key())) continue;
        std::string hint = did_you_mean(it.key(), m_asked);
        throw InputError(m_file, where(it.key()),
                         "unknown key " + name_text(it.key()) +
                             (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
}

}  // namespace skipsim
