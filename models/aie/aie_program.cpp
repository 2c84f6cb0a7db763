#include "aie_program.h"

#include <sstream>

namespace skipsim {

const char* to_string(AieOp op) {
    switch (op) {
        case AieOp::load: return "LOAD";
        case AieOp::loadw: return "LOADW";
        case AieOp::loadfm: return "LOADFM";
        case AieOp::loadwm: return "LOADWM";
        case AieOp::comp: return "COMP";
        case AieOp::writefm: return "WRITEFM";
        case AieOp::write: return "WRITE";
    }
    return "?";
}

namespace {

const char* lock_name(const LockRef& l) {
    static const char* core[] = {"in_free", "in_full", "out_free", "out_full", "w_free", "w_full"};
    static const char* mt[] = {"act_free", "act_full", "ofm_free", "ofm_full", "wgt_free", "wgt_full"};
    return l.tile == LockTile::core ? core[l.id] : mt[l.id];
}

void locks(std::ostream& o, const char* what, const std::vector<LockRef>& v) {
    for (const LockRef& l : v) {
        o << ' ' << what << '=' << (l.tile == LockTile::core ? "core." : "mt.") << lock_name(l) << '/' << int(l.n);
        if (l.period > 1) o << '@' << l.at << '%' << l.period;
    }
}

}  // namespace

std::string program_text(const std::vector<AieInstr>& program) {
    std::ostringstream o;
    for (const AieInstr& i : program) {
        o << to_string(i.op);
        if (i.grp) o << " group " << i.grp;
        o << " band " << i.band << " pass " << i.pass;
        if (!i.group.empty()) o << ' ' << i.group;
        o << " iter " << i.iterations << " row " << i.row0 << " w " << i.wpiece << " k " << i.kpiece;
        if (i.step0) o << " step " << i.step0;
        o << " bytes " << i.bytes << std::hex << " ddr 0x" << i.ddr_addr << " mt 0x" << i.mt_addr << " core 0x"
          << i.core_addr << std::dec;
        locks(o, "enter", i.enter);
        locks(o, "acq", i.acquire);
        locks(o, "rel", i.release);
        locks(o, "leave", i.leave);
        if (i.start_ns >= 0) o << " start_ns " << i.start_ns << " end_ns " << i.end_ns;
        o << '\n';
    }
    return o.str();
}

}  // namespace skipsim
