// trace_check FILE...: validates Chrome Trace Event files (trace_check.h); prints a summary per
// file and exits 1 if any file has a violation.
#include <iostream>

#include "trace_check.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: trace_check TRACE.json...\n";
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        const auto r = skipsim::trace_check::check_file(argv[i]);
        std::cout << argv[i] << ": " << r.summary() << "\n";
        if (!r.ok()) status = 1;
    }
    return status;
}
