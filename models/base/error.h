#pragma once
// Errors that name where the bad input is: a file and a place in it (a JSON pointer, a CSV
// line) plus what was expected. Every user-facing failure is one of these and exits with 2.
#include <stdexcept>
#include <string>

namespace skipsim {

class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string where, const std::string& expected)
        : std::runtime_error(format(file, where, expected)),
          m_file(std::move(file)), m_where(std::move(where)), m_expected(expected) {}

    const std::string& file() const { return m_file; }
    const std::string& where() const { return m_where; }
    const std::string& expected() const { return m_expected; }

private:
    // One printable line: control characters (a NUL in a key would cut the message) are escaped,
    // and a message made long by a value it quotes is cut.
    static std::string format(const std::string& file, const std::string& where,
                              const std::string& expected) {
        std::string s = file.empty() ? std::string("<input>") : file;
        if (!where.empty()) s += ": " + where;
        s += ": " + expected;
        std::string out;
        for (char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                static const char* hex = "0123456789abcdef";
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
        constexpr std::size_t kLongest = 1000;
        if (out.size() > kLongest) out = out.substr(0, kLongest) + "... (message cut)";
        return out;
    }
    std::string m_file, m_where, m_expected;
};

// A broken invariant inside skipsim itself (exit status 1), never the user's fault.
class InternalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace skipsim
