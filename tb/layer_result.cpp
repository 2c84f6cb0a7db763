#include "layer_result.h"

#include <algorithm>

#include "base/error.h"

namespace skipsim {

const Counters& LayerResult::counters(const std::string& path) const {
    for (const auto& [p, c] : components)
        if (p == path) return c;
    throw InternalError("no component '" + path + "' in the results of layer '" + name + "'");
}

void LayerResult::accumulate(const LayerResult& l) {
    cycles += l.cycles;
    compute_cycles += l.compute_cycles;
    stall_cycles += l.stall_cycles;
    seconds += l.seconds;
    dense_macs += l.dense_macs;
    effective_macs += l.effective_macs;
    dense_params += l.dense_params;
    effective_params += l.effective_params;
    dram.read += l.dram.read;
    dram.written += l.dram.written;
    buffer.read += l.buffer.read;
    buffer.written += l.buffer.written;
    energy_pj += l.energy_pj;
    dense_compute_cycles += l.dense_compute_cycles;
    for (const auto& component : l.energy_by_component) {
        auto it = std::find_if(energy_by_component.begin(), energy_by_component.end(),
                               [&](const auto& e) { return e.first == component.first; });
        if (it == energy_by_component.end()) energy_by_component.push_back(component);
        else it->second += component.second;
    }
}

OrderedJson LayerResult::figures_json() const {
    OrderedJson by = OrderedJson::object();
    for (const auto& [path, pj] : energy_by_component) by[path] = pj;
    OrderedJson j;
    j["cycles"] = cycles;
    j["compute_cycles"] = compute_cycles;
    j["stall_cycles"] = stall_cycles;
    j["seconds"] = seconds;
    j["dense_macs"] = dense_macs;
    j["effective_macs"] = effective_macs;
    j["dense_params"] = dense_params;
    j["effective_params"] = effective_params;
    j["utilization"] = utilization;
    j["mapping_utilization"] = mapping_utilization;
    j["ddr_bytes"] = {{"read", dram.read}, {"written", dram.written}};
    j["sram_bytes"] = {{"read", buffer.read}, {"written", buffer.written}};
    j["energy_pj"] = {{"total", energy_pj}, {"by_component", by}};
    j["dense_compute_cycles"] = dense_compute_cycles;
    j["compute_speedup"] = compute_speedup();
    if (area_mm2) j["area_mm2"] = *area_mm2;
    return j;
}

LayerResult LayerResult::from_figures_json(const OrderedJson& j) {
    LayerResult r;
    r.cycles = j.at("cycles").get<Cycles>();
    r.compute_cycles = j.at("compute_cycles").get<Cycles>();
    r.stall_cycles = j.at("stall_cycles").get<Cycles>();
    r.seconds = j.at("seconds").get<double>();
    r.dense_macs = j.at("dense_macs").get<std::uint64_t>();
    r.effective_macs = j.at("effective_macs").get<std::uint64_t>();
    r.dense_params = j.at("dense_params").get<std::uint64_t>();
    r.effective_params = j.at("effective_params").get<std::uint64_t>();
    r.utilization = j.at("utilization").get<double>();
    r.mapping_utilization = j.at("mapping_utilization").get<double>();
    r.dram = {j.at("ddr_bytes").at("read").get<Bytes>(), j.at("ddr_bytes").at("written").get<Bytes>()};
    r.buffer = {j.at("sram_bytes").at("read").get<Bytes>(), j.at("sram_bytes").at("written").get<Bytes>()};
    r.energy_pj = j.at("energy_pj").at("total").get<double>();
    for (auto it = j.at("energy_pj").at("by_component").begin(); it != j.at("energy_pj").at("by_component").end(); ++it)
        r.energy_by_component.emplace_back(it.key(), it.value().get<double>());
    r.dense_compute_cycles = j.at("dense_compute_cycles").get<Cycles>();
    if (j.contains("area_mm2")) r.area_mm2 = j.at("area_mm2").get<double>();
    return r;
}

}  // namespace skipsim
