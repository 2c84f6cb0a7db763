#include "version.h"

#include "skipsim_version.h"  // generated at build time (tools/cmake/version.cmake)

namespace skipsim {

std::string skipsim_version() { return SKIPSIM_VERSION; }
std::string skipsim_commit() { return SKIPSIM_COMMIT; }

}  // namespace skipsim
