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
    static std::string format(const std::string& file, const std::string& where,
                              const std::string& expected) {
        std::string s = file.empty() ? std::string("<input>") : file;
        if (!where.empty()) s += ": " + where;
        return s + ": " + expected;
    }
    std::string m_file, m_where, m_expected;
};

// A broken invariant inside skipsim itself (exit status 1), never the user's fault.
class InternalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace skipsim
