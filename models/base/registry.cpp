#include "registry.h"

#include "error.h"

namespace skipsim {

KindRegistry& KindRegistry::instance() {
    static KindRegistry r;
    return r;
}

void KindRegistry::add(KindInfo info) {
    if (m_kinds.count(info.kind)) throw InternalError("kind registered twice: " + info.kind);
    std::string k = info.kind;
    m_kinds.emplace(k, std::move(info));
}

const KindInfo* KindRegistry::find(const std::string& kind) const {
    auto it = m_kinds.find(kind);
    return it == m_kinds.end() ? nullptr : &it->second;
}

std::vector<std::string> KindRegistry::kinds() const {
    std::vector<std::string> v;
    for (const auto& [k, _] : m_kinds) v.push_back(k);
    return v;
}

}  // namespace skipsim
