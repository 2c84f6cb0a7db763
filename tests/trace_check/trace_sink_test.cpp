// The trace sink keeps complete events nesting on every track (overlapping ones go on lanes of
// their own), lists tracks in declaration order, writes counters; the checker finds what breaks
// the format.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "base/trace.h"
#include "trace_check.h"

namespace skipsim {
namespace {

using nlohmann::json;

std::map<int, std::string> thread_names(const json& trace) {
    std::map<int, std::string> names;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "M" && e["name"] == "thread_name") names[e["tid"]] = e["args"]["name"];
    return names;
}

TEST(TraceSink, PutsOverlappingEventsOnQueueLanesSoThatEveryTrackNests) {
    std::ostringstream out;
    {
        TraceSink sink(out);
        sink.complete("top.ddr", "read", "ddr", 0, 100);
        sink.complete("top.ddr", "read", "ddr", 50, 100);   // overlaps the first
        sink.complete("top.ddr", "read", "ddr", 100, 20);   // fits after the first, on lane 0
        sink.complete("top.ddr", "read", "ddr", 60, 10);    // lane 0 busy, lane 1 busy: lane 2
        sink.complete("top.ddr", "read", "ddr", 200, 0);
        sink.advance(1000);
        sink.complete("top.ddr", "read", "ddr", 1000, 10);  // after the horizon: lane 0 again
    }
    const json trace = json::parse(out.str());
    const auto names = thread_names(trace);
    std::vector<std::string> lanes;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "X") lanes.push_back(names.at(e["tid"]));
    EXPECT_EQ(lanes, (std::vector<std::string>{"top.ddr", "top.ddr.queue_1", "top.ddr", "top.ddr.queue_2", "top.ddr",
                                               "top.ddr"}));
    const auto r = trace_check::check_text(out.str());
    EXPECT_TRUE(r.ok()) << r.summary();
    EXPECT_EQ(r.complete, 6u);
}

TEST(TraceSink, SortsTracksByDeclarationAndLanesAfterTheirTrack) {
    std::ostringstream out;
    {
        TraceSink sink(out);
        sink.declare_track("layers");
        sink.declare_track("top.a");
        sink.complete("top.b", "x", "c", 0, 10);
        sink.complete("top.a", "x", "c", 0, 10);
        sink.complete("top.a", "x", "c", 5, 10);
        sink.complete("layers", "conv1", "layer", 0, 15);
    }
    const json trace = json::parse(out.str());
    const auto names = thread_names(trace);
    std::map<int, std::string> by_rank;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "M" && e["name"] == "thread_sort_index") by_rank[e["args"]["sort_index"]] = names.at(e["tid"]);
    std::vector<std::string> order;
    for (const auto& [_, n] : by_rank) order.push_back(n);
    EXPECT_EQ(order, (std::vector<std::string>{"layers", "top.a", "top.a.queue_1", "top.b"}));
}

TEST(TraceSink, WritesCountersAsTimeWeightedMeans) {
    std::ostringstream out;
    {
        TraceSink sink(out);
        sink.add_rate("top.ddr bandwidth GB/s", "read", 0, 1000, 2.0);   // 2 bytes per ns for 1 us
        sink.add_rate("top.ddr bandwidth GB/s", "write", 500, 1000, 4.0);
    }
    const json trace = json::parse(out.str());
    std::vector<std::pair<double, double>> reads, writes;
    for (const auto& e : trace["traceEvents"])
        if (e["ph"] == "C") {
            reads.emplace_back(e["ts"], e["args"]["read"]);
            writes.emplace_back(e["ts"], e["args"]["write"]);
        }
    ASSERT_FALSE(reads.empty());
    EXPECT_EQ(reads.front(), std::make_pair(0.0, 2.0));
    EXPECT_EQ(writes.front(), std::make_pair(0.0, 0.0));
    EXPECT_DOUBLE_EQ(reads.back().second, 0.0);  // back to zero after the last transfer
    bool four = false;
    for (const auto& [ts, v] : writes) four |= ts >= 0.5 && ts < 1.0 && v == 4.0;
    EXPECT_TRUE(four);
    EXPECT_TRUE(trace_check::check_text(out.str()).ok());
}

TEST(TraceCheck, FindsEventsThatOverlapWithoutNesting) {
    const auto r = trace_check::check_text(R"({"traceEvents":[
        {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"t"}},
        {"name":"a","ph":"X","pid":1,"tid":1,"ts":0,"dur":10},
        {"name":"inside","ph":"X","pid":1,"tid":1,"ts":2,"dur":3},
        {"name":"same","ph":"X","pid":1,"tid":1,"ts":0,"dur":10},
        {"name":"b","ph":"X","pid":1,"tid":1,"ts":5,"dur":10},
        {"name":"after","ph":"X","pid":1,"tid":1,"ts":15,"dur":1}]})");
    EXPECT_EQ(r.violations, 1u) << r.summary();
    EXPECT_EQ(r.overlaps_by_track.at("t"), 1u);
}

TEST(TraceCheck, FindsMissingFieldsWrongTypesAndUnnamedTracks) {
    const auto r = trace_check::check_text(R"({"traceEvents":[
        {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{}},
        {"name":"thread_nmae","ph":"M","pid":1,"tid":1,"args":{"name":"x"}},
        {"name":"a","ph":"X","pid":1,"tid":2,"ts":0},
        {"name":"a","ph":"X","pid":"1","tid":2,"ts":0,"dur":1},
        {"name":"a","ph":"X","pid":1,"tid":3,"ts":-1,"dur":1},
        {"name":"a","ph":"X","pid":1,"tid":4,"ts":1,"dur":1,"args":[1]},
        {"name":"c","ph":"C","pid":1,"ts":0,"args":{"v":"high"}},
        {"ph":"Q","name":"q","pid":1,"tid":1,"ts":0}]})");
    // thread_name without a name, unknown metadata, no dur, string pid, negative ts, args not an
    // object, a counter value not a number, an unknown phase, and track 4 has no thread_name.
    EXPECT_EQ(r.violations, 9u) << r.summary();
    EXPECT_FALSE(trace_check::check_text("[1,").ok());
    EXPECT_FALSE(trace_check::check_text(R"({"events":[]})").ok());
}

}  // namespace
}  // namespace skipsim
