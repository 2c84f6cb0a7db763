#pragma once
// Where each component parameter's value came from, so that an error found while a model is
// built or runs blames the right place: the platform file at the parameter's JSON pointer, or the
// `--set comp.param=value` that overrode it. Every input error has the same location format,
// "<file or --set>: <JSON pointer>: <what was expected>".
#include <map>
#include <string>

namespace skipsim {

struct ParamOrigin {
    std::string file, where;
};

class ParamOrigins {
public:
    // The parameters of `component` are the object at `params_pointer` of `file`.
    void set_component(const std::string& component, const std::string& file, const std::string& params_pointer) {
        m_components[component] = {file, params_pointer};
    }
    // `text` ("--set comp.param=value") gave `component`.`param` its value.
    void set_override(const std::string& component, const std::string& param, const std::string& text) {
        m_overrides[component + "." + param] = text;
    }
    ParamOrigin locate(const std::string& component, const std::string& param) const {
        auto o = m_overrides.find(component + "." + param);
        if (o != m_overrides.end()) return {o->second, ""};
        auto c = m_components.find(component);
        if (c == m_components.end()) return {"", component + ".params." + param};
        return {c->second.file, c->second.where + "/" + param};
    }

private:
    std::map<std::string, ParamOrigin> m_components;
    std::map<std::string, std::string> m_overrides;
};

}  // namespace skipsim
