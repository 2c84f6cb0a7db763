// SystemC benches: main() silences SystemC's banner and enters SystemC, whose sc_main runs the
// tests with a report handler that turns every SystemC warning or error into a test failure.
#include <gtest/gtest.h>

#include <cstdlib>
#include <systemc>

namespace {

void fail_on_warning(const sc_core::sc_report& r, const sc_core::sc_actions& a) {
    if (r.get_severity() >= sc_core::SC_WARNING) ADD_FAILURE() << "SystemC: " << r.what();
    sc_core::sc_report_handler::default_handler(r, a);
}

}  // namespace

int main(int argc, char* argv[]) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
    sc_core::sc_report_handler::set_handler(fail_on_warning);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
