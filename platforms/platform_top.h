#pragma once
// Instantiates a platform: one sc_module "top" whose children are the platform's components
// (so hierarchical names are top.<component>), created by kind from the registry and bound as
// the platform's bindings say.
#include <memory>
#include <vector>

#include "common/model_base.h"
#include "platform_spec.h"

namespace skipsim {

class PlatformTop : public sc_core::sc_module {
public:
    PlatformTop(const sc_core::sc_module_name& name, const PlatformSpec& spec, BuildContext& ctx);

    ModelBase& accelerator() const { return *m_accelerator; }
    TargetSocket& accelerator_control() const;
    const std::vector<std::unique_ptr<Component>>& components() const { return m_components; }

private:
    std::vector<std::unique_ptr<Component>> m_components;
    ModelBase* m_accelerator = nullptr;
};

}  // namespace skipsim
