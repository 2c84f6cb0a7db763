#pragma once
#include <ostream>
#include <string>

namespace skipsim {

// `skipsim describe [KIND]`: every registered kind, or one kind's params, sockets, stats and
// energy events, straight from the registry.
int describe_command(const std::string& kind, std::ostream& out);

}  // namespace skipsim
