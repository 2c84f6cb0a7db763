// `skipsim describe [KIND]`: the registered component kinds, or one kind in full.
#include <iostream>

#include "cli.h"
#include "describe_command.h"

namespace skipsim {
namespace {

int describe_cli(const std::vector<std::string>& args) {
    std::string kind;
    po::options_description desc("describe options");
    desc.add_options()("kind", po::value(&kind), "a component kind (default: list every kind)");
    po::positional_options_description pos;
    pos.add("kind", 1);
    po::variables_map vm;
    if (!parse_command_line("describe", "[KIND]", desc, args, vm, &pos)) return 0;
    return describe_command(kind, std::cout);
}

const Registration<CommandInfo> describe_registration{{"describe", "list component kinds, or one kind's params, sockets, stats and energy",
                                     describe_cli}};

}  // namespace
}  // namespace skipsim
