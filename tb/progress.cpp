#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace skipsim {

ProgressBar::ProgressBar(bool enabled) : m_enabled(enabled && ::isatty(STDERR_FILENO)) {}

void ProgressBar::update(std::size_t done, std::size_t total, const std::string& label) {
    if (!m_enabled || total == 0) return;
    const int width = 30;
    const int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu %-24.24s", filled, "##############################", width - filled, "",
                 done, total, label.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::message(const std::string& line) {
    const bool redraw = m_drawn;
    finish();
    std::fprintf(stderr, "%s\n", line.c_str());
    m_drawn = redraw;  // the next update() draws the bar again below the line
}

void ProgressBar::finish() {
    if (m_drawn) std::fprintf(stderr, "\r%*s\r", 80, "");
    m_drawn = false;
}

}  // namespace skipsim
