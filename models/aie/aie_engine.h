#pragma once
// One DMA engine or core of the AIE mesh: a SystemC process that runs the instructions of its
// kind (AieArray::run_engine) every time the array starts a layer.
#include <systemc>

#include <string>
#include <vector>

#include "aie_lock.h"
#include "aie_program.h"

namespace skipsim {

class AieArray;

class AieEngine : public sc_core::sc_module {
public:
    AieEngine(const sc_core::sc_module_name& name, AieArray& array, AieOp op, std::uint32_t index, std::size_t id)
        : sc_core::sc_module(name), array(array), op(op), index(index), id(id) {
        SC_HAS_PROCESS(AieEngine);
        SC_THREAD(run);
    }
    AieArray& array;
    AieOp op;
    std::uint32_t index;
    std::size_t id;  // creation order: deadlock reports list processes in this order
    std::string track;  // its trace track: its path under the array's (which reports under "top")
    double busy_ns = 0;
    // A core: the part of its waits for weights (w_full) during which they were streaming in from
    // the mem-tile, i.e. the LOADWM time that blocked its compute.
    double weight_block_ns = 0;
    std::vector<AieLock*> locks;  // the locks of the lock reference being resolved (AieArray::resolve)

private:
    void run();
};

}  // namespace skipsim
