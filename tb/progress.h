#pragma once
#include <cstddef>
#include <string>

namespace skipsim {

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    void update(std::size_t done, std::size_t total, const std::string& label);
    void finish();
    // A line on stderr above the bar (always printed, bar or not).
    void message(const std::string& line);
    bool enabled() const { return m_enabled; }

private:
    bool m_enabled;
    bool m_drawn = false;
};

}  // namespace skipsim
