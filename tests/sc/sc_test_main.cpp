// SystemC benches: main() silences SystemC's banner and enters SystemC, whose sc_main runs the tests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <systemc>

int main(int argc, char* argv[]) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    return sc_core::sc_elab_and_sim(argc, argv);
}

int sc_main(int argc, char* argv[]) {
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
