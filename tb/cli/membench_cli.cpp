// `skipsim membench`: a saturating request stream at a DRAM component, its bandwidth, latency and energy.
#include <iostream>

#include "cli.h"
#include "membench_command.h"

namespace skipsim {
namespace {

// A byte count: digits only (program_options would wrap "-5" into a huge unsigned number).
std::uint64_t parse_count(const std::string& option, const std::string& text) {
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError(option + ": expected a whole number of bytes, got " + name_text(text));
    return std::stoull(text);
}

int membench_cli(const std::vector<std::string>& args) {
    MembenchOptions o;
    std::string bytes, request_bytes;
    po::options_description desc("membench options");
    desc.add_options()
        ("platform,p", po::value(&o.platform)->required(), "platform JSON file")
        ("component,c", po::value(&o.component), "the DRAM component to drive (default: the platform's only one)")
        ("pattern", po::value(&o.pattern)->required(), "seq_read, rand_read, seq_write, rand_write or mix")
        ("bytes", po::value(&bytes)->required(), "bytes to move")
        ("request-bytes", po::value(&request_bytes)->default_value("64"), "bytes per request")
        ("seed", po::value(&o.seed)->default_value(1), "seed of the random addresses")
        ("set,s", po::value(&o.overrides)->composing(), "override a platform parameter: component.param=value")
        ("out,o", po::value(&o.out_dir), "directory for membench.json")
        ("force", po::bool_switch(&o.force), "let --out be a directory skipsim did not make");
    po::variables_map vm;
    if (!parse_command_line("membench", "--platform P --pattern PATTERN --bytes N [options]", desc, args, vm)) return 0;
    o.bytes = parse_count("--bytes", bytes);
    o.request_bytes = parse_count("--request-bytes", request_bytes);
    return membench_command(o, std::cout);
}

const Registration<CommandInfo> membench_registration{{"membench", "drive a DRAM component with a saturating request stream", membench_cli}};

}  // namespace
}  // namespace skipsim
