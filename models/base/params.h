#pragma once
// Declarative model parameters. A params struct lists its fields once, in
//   template <class V> void visit(V& v) { v.num("rows", rows, 1, 4096, "PEs", "PE rows"); ... }
// and the three visitors below read it strictly from JSON, write it back (resolved_config.json)
// and describe it (`skipsim describe KIND`), so the three can never disagree.
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "error.h"
#include "strict_object.h"

namespace skipsim {

struct ParamDoc {
    std::string name, type, unit, doc, default_value, limits;
};

class ParamReadVisitor {
public:
    explicit ParamReadVisitor(StrictObject& obj) : m_obj(obj) {}

    template <class T>
    void num(const char* name, T& value, double lo, double hi, const char* /*unit*/,
             const char* /*doc*/) {
        if constexpr (std::is_integral_v<T>) {
            value = static_cast<T>(m_obj.get_int(name, static_cast<std::int64_t>(value),
                                                 static_cast<std::int64_t>(lo),
                                                 static_cast<std::int64_t>(hi)));
        } else {
            value = static_cast<T>(m_obj.get_number(name, value, lo, hi));
        }
    }
    void choice(const char* name, std::string& value, const std::vector<std::string>& choices,
                const char* /*doc*/) {
        value = m_obj.get_choice(name, value, choices);
    }
    void flag(const char* name, bool& value, const char* /*doc*/) {
        value = m_obj.get_bool(name, value);
    }
    void text(const char* name, std::string& value, const char* /*doc*/) {
        value = m_obj.get_string(name, value);
    }

private:
    StrictObject& m_obj;
};

class ParamWriteVisitor {
public:
    template <class T>
    void num(const char* name, const T& value, double, double, const char*, const char*) {
        out[name] = value;
    }
    void choice(const char* name, const std::string& value, const std::vector<std::string>&,
                const char*) {
        out[name] = value;
    }
    void flag(const char* name, bool value, const char*) { out[name] = value; }
    void text(const char* name, const std::string& value, const char*) { out[name] = value; }
    OrderedJson out = OrderedJson::object();
};

class ParamDescribeVisitor {
public:
    template <class T>
    void num(const char* name, const T& value, double lo, double hi, const char* unit,
             const char* doc) {
        rows.push_back({name, std::is_integral_v<T> ? "integer" : "number", unit, doc,
                        format_number(static_cast<double>(value)),
                        "[" + format_number(lo) + ", " + format_number(hi) + "]"});
    }
    void choice(const char* name, const std::string& value, const std::vector<std::string>& c,
                const char* doc) {
        rows.push_back({name, "string", "", doc, value, choices_text(c)});
    }
    void flag(const char* name, bool value, const char* doc) {
        rows.push_back({name, "boolean", "", doc, value ? "true" : "false", ""});
    }
    void text(const char* name, const std::string& value, const char* doc) {
        rows.push_back({name, "string", "", doc, value, ""});
    }
    std::vector<ParamDoc> rows;
};

// Reads P strictly from `j` (unknown keys are errors), then runs P::validate for the rules that
// span several fields.
template <class P>
P read_params(const OrderedJson& j, const std::string& file, const std::string& pointer) {
    P p;
    StrictObject obj(j, file, pointer);
    ParamReadVisitor v(obj);
    p.visit(v);
    obj.finish();
    p.validate(file, pointer);
    return p;
}

template <class P>
OrderedJson params_to_json(P p) {
    ParamWriteVisitor v;
    p.visit(v);
    return v.out;
}

template <class P>
std::vector<ParamDoc> describe_params() {
    P p;
    ParamDescribeVisitor v;
    p.visit(v);
    return v.rows;
}

}  // namespace skipsim
