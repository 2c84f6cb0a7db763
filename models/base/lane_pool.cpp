#include "lane_pool.h"

namespace skipsim {

LanePool::LanePool(unsigned lanes) : m_lanes(lanes ? lanes : 1), m_errors(m_lanes) {}

LanePool::~LanePool() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (auto& t : m_threads) t.join();
}

void LanePool::run(const std::function<void(unsigned)>& task) {
    if (m_lanes == 1) {
        task(0);
        return;
    }
    if (m_threads.empty())
        for (unsigned lane = 1; lane < m_lanes; ++lane) m_threads.emplace_back([this, lane] { worker(lane); });
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_task = &task;
        m_pending = m_lanes - 1;
        ++m_generation;
    }
    m_start.notify_all();
    try {
        task(0);
    } catch (...) {
        m_errors[0] = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_finished.wait(lock, [this] { return m_pending == 0; });
    m_task = nullptr;
    for (auto& e : m_errors)
        if (e) {
            const std::exception_ptr first = e;
            for (auto& x : m_errors) x = nullptr;
            std::rethrow_exception(first);
        }
}

void LanePool::worker(unsigned lane) {
    std::uint64_t seen = 0;
    for (;;) {
        const std::function<void(unsigned)>* task;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
            task = m_task;
        }
        std::exception_ptr error;
        try {
            (*task)(lane);
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_errors[lane] = error;
            if (--m_pending == 0) m_finished.notify_one();
        }
    }
}

}  // namespace skipsim
