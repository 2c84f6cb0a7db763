#pragma once
// A fixed set of lanes that run one task together: lane 0 on the calling thread, the others on
// worker threads started at the first run and kept until the pool is destroyed. A run returns
// when every lane has returned, so the caller sees all the lanes' writes afterwards. Tasks must
// not call into SystemC: only the calling thread may.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace skipsim {

class LanePool {
public:
    explicit LanePool(unsigned lanes);
    ~LanePool();
    LanePool(const LanePool&) = delete;
    LanePool& operator=(const LanePool&) = delete;

    unsigned lanes() const { return m_lanes; }
    // Calls task(lane) once for every lane in [0, lanes()) and waits for all of them. An exception
    // of any lane is rethrown here (the first one, by lane) once every lane has finished.
    void run(const std::function<void(unsigned lane)>& task);

private:
    void worker(unsigned lane);

    unsigned m_lanes;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start, m_finished;
    const std::function<void(unsigned)>* m_task = nullptr;
    std::uint64_t m_generation = 0;
    unsigned m_pending = 0;
    bool m_stop = false;
    std::vector<std::exception_ptr> m_errors;
};

}  // namespace skipsim
