#include "platform_probe.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>

#include "base/energy.h"
#include "base/error.h"
#include "platform_area.h"
#include "platform_spec.h"
#include "platform_top.h"

namespace skipsim {

namespace {

// The child's answer on the pipe: "ok <peak> <clock> <area>" or "error <file>\t<where>\t<message>".
std::string probe_here(const std::string& platform, const std::vector<std::string>& overrides) {
    try {
        const PlatformSpec spec = load_platform(platform, overrides);
        const EnergyTable energy = EnergyTable::load(spec.energy_table);
        BuildContext ctx;
        ctx.clock.ghz = spec.clock_ghz;
        ctx.energy = &energy;
        ctx.params = &spec.origins;
        PlatformTop top("top", spec, ctx);
        std::ostringstream out;
        out.precision(17);
        out << "ok " << top.accelerator().peak_macs_per_cycle() << " " << spec.clock_ghz << " "
            << platform_area(top.components()).total_mm2();
        return out.str();
    } catch (const InputError& e) {
        return std::string("error ") + e.file() + "\t" + e.where() + "\t" + e.expected();
    } catch (const std::exception& e) {
        return std::string("error ") + platform + "\t\t" + e.what();
    }
}

}  // namespace

PlatformProbe probe_platform(const std::string& platform, const std::vector<std::string>& overrides) {
    int fds[2];
    if (::pipe(fds) != 0) throw InternalError(std::string("cannot probe a platform: ") + std::strerror(errno));
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = ::fork();
    if (pid < 0) throw InternalError(std::string("cannot probe a platform: ") + std::strerror(errno));
    if (pid == 0) {
        ::close(fds[0]);
        const std::string answer = probe_here(platform, overrides);
        std::size_t done = 0;
        while (done < answer.size()) {
            const ssize_t n = ::write(fds[1], answer.data() + done, answer.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        ::_exit(0);  // not exit(): the static objects belong to the parent
    }
    ::close(fds[1]);
    std::string answer;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::istringstream in(answer);
    std::string word;
    in >> word;
    if (word == "ok") {
        PlatformProbe p;
        in >> p.peak_macs_per_cycle >> p.clock_ghz >> p.area_mm2;
        if (in) return p;
    }
    if (word == "error") {
        const std::string rest = answer.substr(6);
        const auto t1 = rest.find('\t'), t2 = rest.find('\t', t1 + 1);
        if (t1 != std::string::npos && t2 != std::string::npos)
            throw InputError(rest.substr(0, t1), rest.substr(t1 + 1, t2 - t1 - 1), rest.substr(t2 + 1));
    }
    throw InternalError("probing " + platform + " failed (status " + std::to_string(status) + ")");
}

}  // namespace skipsim
