#pragma once
// Pruning patterns by name. Each pattern validates its parameters (errors name the JSON
// pointer) and turns a layer's weights into a keep-mask (1 = keep) of the weight's shape
// K x C/g x R x S. Later families add their own patterns to the registry.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/strict_object.h"
#include "ir.h"

namespace skipsim {

struct PruningPattern {
    std::string name, summary;
    // Reads the pattern's own keys from the sparsity object (the caller calls finish()).
    std::function<void(StrictObject& spec, const Layer& layer)> validate;
    std::function<std::vector<std::uint8_t>(const Layer& layer, const std::vector<std::int32_t>& weights)> make_mask;
    bool needs_weights = true;
};

class PruningRegistry {
public:
    static PruningRegistry& instance();
    void add(PruningPattern p);
    const PruningPattern* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    PruningRegistry();
    std::map<std::string, PruningPattern> m_patterns;
};

// The keep-mask of a layer (empty for dense layers) computed from its weights.
std::vector<std::uint8_t> materialize_mask(const Layer& layer, const std::vector<std::int32_t>& weights);
std::uint64_t count_kept(const std::vector<std::uint8_t>& mask);

// Magnitude pruning helpers shared by patterns: indices of `scores` sorted ascending by score,
// ties broken by lowest index.
std::vector<std::size_t> ascending_order(const std::vector<double>& scores);

}  // namespace skipsim
