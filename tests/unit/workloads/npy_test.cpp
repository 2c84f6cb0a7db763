#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/error.h"
#include "workloads/npy.h"

namespace skipsim {
namespace {

std::string tmp(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("skipsim-npy-" + name)).string();
}

TEST(Npy, RoundTripsEveryIntegerDtype) {
    for (const char* dtype : {"b1", "u1", "i1", "i2", "i4", "i8", "u2", "u4", "f4", "f8"}) {
        std::vector<double> v = {0, 1, 1, 0, 1, 0};
        if (std::string(dtype)[0] == 'i') v = {-3, 7, 0, -1, 2, 5};
        const std::string p = tmp(dtype);
        write_npy(p, dtype, {2, 3}, v);
        NpyArray a = read_npy(p);
        EXPECT_EQ(a.dtype, dtype);
        EXPECT_EQ(a.shape, (std::vector<std::uint64_t>{2, 3}));
        EXPECT_EQ(a.values, v) << dtype;
        EXPECT_EQ(a.shape_text(), "(2, 3)");
    }
}

TEST(Npy, RejectsBadFilesWithAMessage) {
    const std::string p = tmp("bad");
    std::ofstream(p) << "not numpy at all";
    try {
        read_npy(p);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.expected(), "not a .npy file (bad magic; expected NumPy's .npy format)");
    }
    write_npy(p, "i4", {100}, std::vector<double>(100, 1));
    std::filesystem::resize_file(p, 200);
    EXPECT_THROW(read_npy(p), InputError);
    EXPECT_THROW(read_npy(tmp("missing-file")), InputError);
}

}  // namespace
}  // namespace skipsim
