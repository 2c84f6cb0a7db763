#pragma once
// What the platform builder, the driver and the report writers need from any model, without
// knowing SystemC: its path, its role, its counters and its energy ledger, and what it declares
// (sockets, stats, energy events) for `skipsim describe`.
#include <memory>
#include <cstdint>
#include <string>
#include <vector>

#include "energy.h"
#include "json_source.h"
#include "param_origin.h"
#include "stats.h"
#include "units.h"

namespace skipsim {

class TraceSink;
struct Layer;  // workloads/ir.h; only referred to here

enum class Fidelity { fast, cycle };

// What a component is to the rest of the platform. Reports group memory traffic by role, never by
// kind, so a new memory kind is counted without any change outside its own files.
enum class Role { accelerator, buffer, dram };
const char* to_string(Role r);

struct NamedDoc {
    std::string name, doc;
};

// Everything a model may read while it is built.
struct BuildContext {
    Clock clock;                   // the platform clock all cycle counts refer to
    const EnergyTable* energy = nullptr;
    TraceSink* trace = nullptr;    // null unless --trace
    Fidelity fidelity = Fidelity::fast;
    bool check = false;            // compare outputs with the reference kernel
    const ParamOrigins* params = nullptr;  // where each parameter came from (errors blame it)
    bool emit_program = false;     // accelerators that run programs keep them for --emit-program
    unsigned threads = 1;          // threads a cycle-mode engine may step its grid on (--threads)
    // The SystemC name of the platform's top module. Components report their paths under "top"
    // whatever it is: a batch of sweep points elaborates platforms side by side, which SystemC
    // must name apart.
    std::string sc_top = "top";
};

class Component {
public:
    virtual ~Component() = default;
    virtual std::string path() const = 0;
    virtual const std::string& model_kind() const = 0;
    virtual Role role() const = 0;
    virtual const Counters& counters() const = 0;
    virtual const EnergyLedger& energy() const = 0;
    // What the component declared where it created them: its sockets, its counters (with units)
    // and its energy events.
    virtual std::vector<NamedDoc> socket_docs() const = 0;
    virtual std::vector<StatDoc> stat_docs() const = 0;
    virtual std::vector<NamedDoc> energy_docs() const = 0;
    // Peak MACs per cycle of a compute component (0 for memories); utilization refers to it.
    virtual std::uint64_t peak_macs_per_cycle() const { return 0; }
    // Called for every layer before the simulation starts, so that a layer the accelerator cannot
    // map is a bad-input error before any simulated time (never an exception out of a SystemC
    // process). `mask` is the layer's keep-mask, empty when dense.
    virtual void check_layer(const Layer& /*layer*/, const std::vector<std::uint8_t>& /*mask*/) const {}
    // What simulating `layer` in cycle mode costs, in PE-cycles (one PE or MAC stepped for one
    // clock), estimated before the run so that an unbounded one is refused before it starts.
    virtual double cycle_mode_work(const Layer& /*layer*/) const { return 0; }
    virtual double clock_ghz() const = 0;
    // What the component is built of, from its own parameters, each part priced by the energy
    // table's area section (um^2 at 45 nm); the note says what it leaves out.
    virtual AreaBreakdown area() const = 0;
    // Accelerators that run compiled programs can give them, as text with simulated times.
    virtual bool runs_programs() const { return false; }
    virtual std::string program_text() const { return {}; }
};

}  // namespace skipsim
