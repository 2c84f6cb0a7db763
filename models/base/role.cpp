#include "component.h"

namespace skipsim {

const char* to_string(Role r) {
    switch (r) {
        case Role::accelerator: return "accelerator";
        case Role::buffer: return "buffer";
        case Role::dram: return "dram";
    }
    return "?";
}

}  // namespace skipsim
