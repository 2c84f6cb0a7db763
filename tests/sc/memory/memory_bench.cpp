// SystemC bench of the memory family: an initiator drives an sram_buffer whose backing socket
// is bound to a ddr_channel. Fills reach DDR with DDR timing, port accesses take the SRAM's
// port bandwidth, counters and energy add up. SystemC warnings fail the bench.
#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "base/energy.h"
#include "memory/ddr_channel.h"
#include "memory/sram_buffer.h"

namespace skipsim {
namespace {

struct Initiator : sc_core::sc_module {
    tlm_utils::simple_initiator_socket<Initiator> to_port, to_dma;
    std::vector<unsigned char> data = std::vector<unsigned char>(1 << 16);
    std::vector<std::pair<std::string, double>> log;  // (what, completion ns)

    SC_HAS_PROCESS(Initiator);
    explicit Initiator(const sc_core::sc_module_name& n) : sc_module(n), to_port("to_port"), to_dma("to_dma") {
        SC_THREAD(run);
    }
    double send(tlm_utils::simple_initiator_socket<Initiator>& s, tlm::tlm_command cmd, std::uint64_t addr,
                unsigned bytes) {
        tlm::tlm_generic_payload p;
        p.set_command(cmd);
        p.set_address(addr);
        p.set_data_ptr(data.data());
        p.set_data_length(bytes);
        p.set_streaming_width(bytes);
        sc_core::sc_time d = sc_core::SC_ZERO_TIME;
        s->b_transport(p, d);
        EXPECT_TRUE(p.is_response_ok());
        wait(d);
        return sc_core::sc_time_stamp().to_seconds() * 1e9;
    }
    void run() {
        const double t0 = sc_core::sc_time_stamp().to_seconds() * 1e9;
        log.push_back({"fill 64B", send(to_dma, tlm::TLM_READ_COMMAND, 0, 64) - t0});
        double t1 = sc_core::sc_time_stamp().to_seconds() * 1e9;
        log.push_back({"fill same row", send(to_dma, tlm::TLM_READ_COMMAND, 64, 64) - t1});
        t1 = sc_core::sc_time_stamp().to_seconds() * 1e9;
        log.push_back({"port read 4KB", send(to_port, tlm::TLM_READ_COMMAND, 0, 4096) - t1});
        t1 = sc_core::sc_time_stamp().to_seconds() * 1e9;
        log.push_back({"drain 16KB", send(to_dma, tlm::TLM_WRITE_COMMAND, 1 << 20, 16384) - t1});
    }
};

TEST(MemoryBench, SramFillsThroughDdrWithDdrTiming) {
    // The DDR channel prices its events from its device's currents, not from the table.
    OrderedJson table = {{"schema", "skipsim.energy/1"}, {"name", "t"}, {"source", "test"},
                         {"events", {{"sram_buffer", {{"access_64b", {{"pj", 2.0}}}}}}}};
    EnergyTable energy = EnergyTable::from_json(table, "table.json");
    BuildContext ctx;
    ctx.energy = &energy;
    DdrChannelParams dp;  // DDR4-3200AA, 8 Gb x8
    dp.mapping = "rochrababgco";  // a whole 8 KB row in one bank: the second fill hits the first's row
    SramBufferParams sp;
    sp.banks = 4;
    sp.word_bytes = 8;  // 32 bytes per cycle at the 1 GHz platform clock
    DdrChannel ddr("ddr", dp, ctx);
    SramBuffer sram("sram", sp, ctx);
    Initiator init("init");
    init.to_port.bind(sram.port);
    init.to_dma.bind(sram.dma);
    sram.backing.bind(ddr.target);
    sc_core::sc_start();

    ASSERT_EQ(init.log.size(), 4u);
    const double tck = 0.625;
    EXPECT_DOUBLE_EQ(init.log[0].second, (22 + 22 + 4) * tck);  // closed bank: tRCD + tCL + burst
    EXPECT_DOUBLE_EQ(init.log[1].second, (22 + 4) * tck);       // open row: tCL + burst
    // Port: 32 bytes per 1 ns cycle, starting at the SRAM's next clock edge (the request came at
    // 46.25 ns, after the DDR fills).
    EXPECT_DOUBLE_EQ(init.log[2].second, 0.75 + 4096.0 / 32);
    // 16 KB at the 25.6 GB/s peak takes 640 ns; it may not be faster.
    EXPECT_GE(init.log[3].second, 16384 / 25.6);

    EXPECT_EQ(ddr.counters().get("bytes_read"), 128u);
    EXPECT_EQ(ddr.counters().get("bytes_written"), 16384u);
    EXPECT_EQ(sram.counters().get("fill_bytes"), 128u);
    EXPECT_EQ(sram.counters().get("drain_bytes"), 16384u);
    EXPECT_EQ(sram.counters().get("bytes_read"), 4096u + 16384u);
    EXPECT_EQ(sram.counters().get("bytes_written"), 128u);
    const std::uint64_t bursts = 2 + 16384 / 64;
    EXPECT_EQ(ddr.counters().get("bursts"), bursts);
    EXPECT_EQ(ddr.counters().get("row_hits") + ddr.counters().get("row_misses") + ddr.counters().get("row_conflicts"),
              bursts);
    const DramEnergyPrices price = dram_energy_prices(dp.dev);
    const Counters& events = ddr.energy().counts();
    EXPECT_EQ(events.get("read_burst"), 2u);
    EXPECT_EQ(events.get("write_burst"), 16384u / 64);
    EXPECT_EQ(events.get("activate"), ddr.counters().get("activates"));
    // Background from time 0 to the end of the last data, in channel cycles.
    const double end_ns = init.log[0].second + init.log[1].second + init.log[2].second + init.log[3].second;
    EXPECT_NEAR(static_cast<double>(events.get("standby_active_cycle") + events.get("standby_precharged_cycle")),
                end_ns * 1.6, 2);
    const double ddr_pj = price.read_burst * 2 + price.write_burst * 256 +
                          price.activate * static_cast<double>(events.get("activate")) +
                          price.standby_active_cycle * static_cast<double>(events.get("standby_active_cycle")) +
                          price.standby_precharged_cycle * static_cast<double>(events.get("standby_precharged_cycle"));
    EXPECT_NEAR(ddr.energy().total(), ddr_pj, 1e-6 * ddr_pj);
    EXPECT_DOUBLE_EQ(sram.energy().total(), 2.0 * (128 + 4096 + 16384) / 8);
    // What planners price a stream at: a byte's share of a burst and of its 8 KB row's activation;
    // active standby and refresh per ns.
    EXPECT_DOUBLE_EQ(ddr.stream_pj_per_byte(), (price.read_burst + price.write_burst) / 2 / 64 + price.activate / 8192);
    EXPECT_DOUBLE_EQ(ddr.standby_pj_per_ns(), (price.standby_active_cycle + price.refresh / dp.dev.tREFI) * 1.6);
}

}  // namespace
}  // namespace skipsim
