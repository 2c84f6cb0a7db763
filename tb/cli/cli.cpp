#include "cli.h"

#include <iostream>

#include "base/error.h"
#include "base/executable_path.h"
#include "layer_data.h"

namespace skipsim {

namespace {

// "--out" or "-o", not "-1" or "-0.5".
bool looks_like_option(const std::string& s) {
    return s.size() > 1 && s[0] == '-' && !(std::isdigit(static_cast<unsigned char>(s[1])) || s[1] == '.');
}

// Walks the arguments as the parser will, before it does, so that the two mistakes it would take
// silently or explain badly get a clear message: an option whose value is missing (the next
// word is another option), and an argument that belongs to no option.
void check_arguments(const po::options_description& desc, const std::vector<std::string>& args,
                     unsigned max_positional) {
    unsigned positional = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") throw UsageError("unexpected argument '--'");
        if (!looks_like_option(a)) {
            if (++positional > max_positional) throw UsageError("unexpected argument '" + a + "'");
            continue;
        }
        const bool long_form = a.rfind("--", 0) == 0;
        const std::string name = long_form ? a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2)
                                           : a.substr(0, 2);  // short names are matched with their dash
        const po::option_description* d = desc.find_nothrow(name, false, false, !long_form);
        if (!d) continue;  // the parser reports unknown options itself
        const bool inline_value = long_form ? a.find('=') != std::string::npos : a.size() > 2;
        if (d->semantic()->max_tokens() == 0 || inline_value) continue;
        if (i + 1 >= args.size()) continue;  // the parser says the value is missing
        if (looks_like_option(args[i + 1]))
            throw UsageError(a + ": expected a value, got the option '" + args[i + 1] + "'");
        ++i;
    }
}

}  // namespace

bool parse_command_line(const std::string& command, const std::string& usage, const po::options_description& desc,
                        const std::vector<std::string>& args, po::variables_map& vm,
                        const po::positional_options_description* positional) {
    po::options_description all = desc;
    all.add_options()("help,h", "show this help");
    static const po::positional_options_description none;
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << "usage: skipsim " << command << " " << usage << "\n\n" << all;
            return false;
        }
    check_arguments(all, args, positional ? positional->max_total_count() : 0);
    const po::parsed_options parsed =
        po::command_line_parser(args).options(all).positional(positional ? *positional : none).run();
    po::store(parsed, vm);
    po::notify(vm);
    return true;
}

std::string self_executable() {
    const std::string self = executable_path();
    if (self.empty()) throw InternalError("cannot find the skipsim executable");
    return self;
}

void check_jobs(unsigned jobs) {
    if (jobs < 1 || jobs > 256) throw UsageError("--jobs: expected 1 to 256");
}

std::size_t checked_batch(std::int64_t batch) {
    if (batch < 0 || batch > 1024) throw UsageError("--batch: expected 0 to 1024, got " + std::to_string(batch));
    return static_cast<std::size_t>(batch);
}

int exit_status_of(const std::function<int()>& command) {
    try {
        return command();
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const UsageError& e) {
        std::cerr << "error: " << e.what() << " (see skipsim --help)\n";
        return 2;
    } catch (const po::error& e) {
        std::cerr << "error: " << e.what() << " (see skipsim --help)\n";
        return 2;
    } catch (const CheckFailure& e) {
        std::cerr << "error: check failed: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace skipsim
