#pragma once
// One-line registration of a model kind, at the bottom of the model's .cpp:
//   SKIPSIM_REGISTER_MODEL(SramBuffer, SramBufferParams, "memory", "summary");
// The model class names its kind (`static constexpr const char* kKind`) and inherits its role
// (`kRole`) from its role base (AcceleratorModel, BufferModel, DramModel); it must be
// constructible from (sc_module_name, const Params&, BuildContext&). A model that runs SystemC
// processes of its own in fast mode says so (`kFastModeProcesses`, ModelBase).
#include "base/kind_info.h"

#define SKIPSIM_REGISTER_MODEL(Model, Params, family_name, summary_text)                                   \
    namespace {                                                                                            \
    const ::skipsim::Registration<::skipsim::KindInfo> skipsim_registration_##Model{::skipsim::KindInfo{   \
        ::skipsim::Model::kKind, family_name, ::skipsim::Model::kRole, summary_text,                        \
        ::skipsim::describe_params<::skipsim::Params>(),                                                   \
        [](const ::skipsim::OrderedJson& j, const std::string& file, const std::string& ptr) {             \
            return ::skipsim::params_to_json(::skipsim::read_params<::skipsim::Params>(j, file, ptr));     \
        },                                                                                                 \
        [](const std::string& name, const ::skipsim::OrderedJson& resolved,                                \
           ::skipsim::BuildContext& ctx) -> std::unique_ptr<::skipsim::Component> {                        \
            return std::make_unique<::skipsim::Model>(                                                     \
                name.c_str(), ::skipsim::read_params<::skipsim::Params>(resolved, "", ""), ctx);           \
        },                                                                                                 \
        ::skipsim::Model::kFastModeProcesses}};                                                            \
    }
