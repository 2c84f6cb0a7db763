#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "base/energy.h"
#include "base/error.h"
#include "base/file_stamp.h"
#include "base/json_source.h"
#include "base/lane_pool.h"
#include "base/params.h"
#include "base/trace.h"

namespace skipsim {
namespace {

struct DemoParams {
    std::uint32_t rows = 32;
    double ghz = 1.0;
    std::string dataflow = "ws";
    bool double_buffered = true;
    template <class V>
    void visit(V& v) {
        v.num("rows", rows, 1, 4096, "PEs", "PE rows");
        v.num("ghz", ghz, 0.001, 100, "GHz", "clock");
        v.choice("dataflow", dataflow, {"ws", "os", "is"}, "dataflow");
        v.flag("double_buffered", double_buffered, "ping-pong halves");
    }
    void validate(const std::string&, const std::string&) const {}
};

std::string error_of(const OrderedJson& j) {
    try {
        read_params<DemoParams>(j, "p.json", "/components/0/params");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(Params, ReadsDefaultsAndValues) {
    auto p = read_params<DemoParams>(OrderedJson{{"rows", 8}}, "p.json", "");
    EXPECT_EQ(p.rows, 8u);
    EXPECT_EQ(p.dataflow, "ws");
    EXPECT_TRUE(p.double_buffered);
}

TEST(Params, UnknownKeySuggestsTheClosest) {
    EXPECT_EQ(error_of({{"rowz", 8}}),
              "p.json: /components/0/params/rowz: unknown key 'rowz' (did you mean 'rows'?)");
}

TEST(Params, RangeAndTypeErrorsNameThePointer) {
    EXPECT_EQ(error_of({{"rows", -3}}),
              "p.json: /components/0/params/rows: expected an integer in [1, 4096], got -3");
    EXPECT_EQ(error_of({{"rows", "8"}}),
              "p.json: /components/0/params/rows: expected an integer, got a string \"8\"");
    EXPECT_EQ(error_of({{"dataflow", "wss"}}),
              "p.json: /components/0/params/dataflow: expected one of 'ws', 'os' or 'is', got "
              "'wss' (did you mean 'ws'?)");
    EXPECT_EQ(error_of({{"double_buffered", 1}}),
              "p.json: /components/0/params/double_buffered: expected true or false, got an "
              "integer 1");
}

TEST(Params, WriteAndDescribeAgreeWithTheFields) {
    OrderedJson j = params_to_json(DemoParams{});
    EXPECT_EQ(j.dump(), R"({"rows":32,"ghz":1.0,"dataflow":"ws","double_buffered":true})");
    auto rows = describe_params<DemoParams>();
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].limits, "[1, 4096]");
    EXPECT_EQ(rows[2].limits, "'ws', 'os' or 'is'");
}

TEST(Json, SyntaxErrorNamesLineAndColumn) {
    try {
        parse_json_text("{\n  \"a\": 1,\n  \"b\": }\n", "w.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), "w.json");
        EXPECT_EQ(e.where(), "line 3, column 8");
    }
}

// A file of this process in the temporary directory, and its whole contents written.
std::string scratch_file(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("skipsim_" + std::to_string(::getpid()) + "_" + name)).string();
}
void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// A sweep worker keeps its platform parsed for the points it forks; an edit after that must
// still be seen (the file's stamp changes), and a file that does not parse is not kept.
TEST(Json, AKeptFileIsReadAfreshOnceItChanges) {
    const std::string path = scratch_file("kept.json");
    write_file(path, "{\"a\": 1}");
    skipsim::keep_json_file(path);
    EXPECT_EQ(skipsim::read_json_file(path).at("a"), 1);
    write_file(path, "{\"a\": 22}");  // a different size
    EXPECT_EQ(skipsim::read_json_file(path).at("a"), 22);
    skipsim::keep_json_file(path);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    write_file(path, "{\"a\": 33}");  // the same size, a later modification time
    EXPECT_EQ(skipsim::read_json_file(path).at("a"), 33);
    write_file(path, "{\"a\": ");
    skipsim::keep_json_file(path);  // no throw: the run reports it
    EXPECT_THROW(skipsim::read_json_file(path), skipsim::InputError);
    std::filesystem::remove(path);
}

// The memo behind both (and behind the inputs' digests): a value is read once while its file
// stays the same, and again once the file is replaced.
TEST(StampedMemo, ReadsAFileOnceUntilItIsReplaced) {
    const std::string path = scratch_file("memo.txt");
    int reads = 0;
    auto read = [&](const std::string& p) {
        ++reads;
        std::ifstream in(p);
        std::string text;
        std::getline(in, text);
        return text;
    };
    skipsim::StampedMemo<std::string> memo;
    write_file(path, "one");
    EXPECT_EQ(memo.find(path), nullptr);
    EXPECT_EQ(memo.read_and_keep(path, read), "one");
    ASSERT_NE(memo.find(path), nullptr);
    EXPECT_EQ(*memo.find(path), "one");
    EXPECT_EQ(reads, 1);
    const std::string other = path + ".new";
    { std::ofstream(other) << "two"; }
    std::filesystem::rename(other, path);  // the same size, another inode
    EXPECT_EQ(memo.find(path), nullptr);
    EXPECT_EQ(memo.read_and_keep(path, read), "two");
    EXPECT_EQ(reads, 2);
    std::filesystem::remove(path);
    EXPECT_EQ(memo.find(path), nullptr);  // gone: nothing is found
}

TEST(Energy, InterpolatesSramCurveInLogLog) {
    OrderedJson j = {{"schema", "skipsim.energy/1"}, {"name", "t"}, {"source", "test"},
                     {"events", {{"sram_buffer", {{"access_64b",
                        {{"by_size_bytes", {{"8192", 10.0}, {"32768", 20.0}}}}}}},
                                 {"array", {{"mac_int8", {{"pj", 0.3}}}}}}}};
    EnergyTable t = EnergyTable::from_json(j, "e.json");
    EXPECT_DOUBLE_EQ(t.lookup("array", "mac_int8"), 0.3);
    EXPECT_DOUBLE_EQ(t.lookup("sram_buffer", "access_64b", 8192), 10.0);
    EXPECT_NEAR(t.lookup("sram_buffer", "access_64b", 16384), 10.0 * std::sqrt(2.0), 1e-9);
    EXPECT_DOUBLE_EQ(t.lookup("sram_buffer", "access_64b", 1 << 20), 20.0);
    EXPECT_THROW(t.lookup("array", "mac_int4"), InputError);
}

TEST(Energy, AreaSectionPricesEntriesAndCurves) {
    OrderedJson j = {{"schema", "skipsim.energy/1"}, {"name", "t"}, {"source", "test"}, {"events", OrderedJson::object()},
                     {"area", {{"array", {{"register_bit", {{"um2", 4.5}, {"per", "bit"}, {"source", "s"}}}}},
                               {"sram_buffer", {{"sram_byte", {{"by_size_bytes", {{"1024", 4.0}, {"4096", 2.0}}},
                                                              {"per", "byte"}, {"source", "c"}}}}}}}};
    EnergyTable t = EnergyTable::from_json(j, "e.json");
    EXPECT_DOUBLE_EQ(t.area("array", "register_bit").um2, 4.5);
    EXPECT_EQ(t.area("array", "register_bit").per, "bit");
    EXPECT_NEAR(t.area("sram_buffer", "sram_byte", 2048).um2, 4.0 / std::sqrt(2.0), 1e-9);
    const AreaItem item = AreaPricer(&t, "array").item("flops", 10, "register_bit");
    EXPECT_DOUBLE_EQ(item.um2(), 45.0);
    EXPECT_EQ(item.source, "s");
    try {
        t.area("array", "mux2");
        FAIL() << "a missing area entry must be an input error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/area/array/mux2");
    }
    j["area"]["array"]["register_bit"]["um2"] = -1;
    EXPECT_THROW(EnergyTable::from_json(j, "e.json"), InputError);
}

TEST(Energy, LedgerMultipliesCountsByPrice) {
    EnergyLedger l;
    l.define("a", 2.0);
    l.define("b", 0.5);
    l.add("a", 3);
    l.add("b", 4);
    EXPECT_DOUBLE_EQ(l.total(), 8.0);
}

TEST(Trace, WritesChromeTraceEventJson) {
    std::ostringstream out;
    {
        TraceSink t(out);
        t.complete("top.ddr", "burst", "ddr", 1000, 500, OrderedJson{{"bytes", 64}});
        t.complete("top.array", "stream", "compute", 0, 2000);
    }
    OrderedJson j = OrderedJson::parse(out.str());
    ASSERT_TRUE(j["traceEvents"].is_array());
    int complete = 0;
    for (const auto& e : j["traceEvents"])
        if (e["ph"] == "X") {
            ++complete;
            EXPECT_TRUE(e.contains("ts") && e.contains("dur") && e.contains("tid"));
        }
    EXPECT_EQ(complete, 2);
}

TEST(LanePool, RunsEveryLaneOnceOnItsOwnThreadRunAfterRun) {
    LanePool pool(3);
    for (int run = 0; run < 50; ++run) {
        std::vector<int> hits(3, 0);
        std::vector<std::thread::id> ids(3);
        pool.run([&](unsigned lane) {
            ++hits[lane];
            ids[lane] = std::this_thread::get_id();
        });
        EXPECT_EQ(hits, std::vector<int>({1, 1, 1}));
        EXPECT_EQ(ids[0], std::this_thread::get_id());  // lane 0 is the caller's
        EXPECT_NE(ids[1], ids[0]);
        EXPECT_NE(ids[2], ids[1]);
    }
}

TEST(LanePool, RethrowsALanesExceptionAfterEveryLaneFinished) {
    LanePool pool(2);
    std::atomic<int> finished{0};
    EXPECT_THROW(pool.run([&](unsigned lane) {
        if (lane == 1) throw std::runtime_error("lane 1");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        ++finished;
    }),
                 std::runtime_error);
    EXPECT_EQ(finished, 1);
    int sum = 0;
    pool.run([&](unsigned lane) {
        if (lane == 0) sum += 1;
    });
    EXPECT_EQ(sum, 1);  // the pool still runs after an exception
}

}  // namespace
}  // namespace skipsim
