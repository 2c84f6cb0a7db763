// `skipsim version` (and `skipsim --version`): the version and the commit built from.
#include <iostream>

#include "cli.h"
#include "version.h"

namespace skipsim {
namespace {

int version_cli(const std::vector<std::string>& args) {
    po::options_description desc("version options");
    po::variables_map vm;
    if (!parse_command_line("version", "", desc, args, vm)) return 0;
    std::cout << "skipsim " << skipsim_version() << " (commit " << skipsim_commit() << ")\n";
    return 0;
}

const Registration<CommandInfo> version_registration{{"version", "print the version and the git commit this binary was built from",
                                     version_cli}};

}  // namespace
}  // namespace skipsim
