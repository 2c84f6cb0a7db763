#pragma once
// One-line registration of a model kind:
//   SKIPSIM_REGISTER_MODEL(SramBuffer, SramBufferParams, "sram_buffer", "memory", "summary",
//                          sockets, stats, energy_events);
// The model class must be constructible from (sc_module_name, const Params&, BuildContext&).
#include "base/kind_info.h"

#define SKIPSIM_REGISTER_MODEL(Model, Params, kind_name, family_name, summary_text, sockets_list, \
                               stats_list, energy_list)                                        \
    namespace {                                                                                 \
    const ::skipsim::Registration<::skipsim::KindInfo> skipsim_registration_##Model{::skipsim::KindInfo{         \
        kind_name, family_name, summary_text, ::skipsim::describe_params<::skipsim::Params>(),             \
        sockets_list, stats_list, energy_list,                                                  \
        [](const ::skipsim::OrderedJson& j, const std::string& file, const std::string& ptr) {  \
            return ::skipsim::params_to_json(::skipsim::read_params<::skipsim::Params>(j, file, ptr));     \
        },                                                                                      \
        [](const std::string& name, const ::skipsim::OrderedJson& resolved,                     \
           ::skipsim::BuildContext& ctx) -> std::unique_ptr<::skipsim::Component> {             \
            return std::make_unique<::skipsim::Model>(name.c_str(),                                        \
                                           ::skipsim::read_params<::skipsim::Params>(resolved, "", ""),    \
                                           ctx);                                                \
        }}};                                                                                    \
    }
