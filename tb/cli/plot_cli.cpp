// `skipsim plot`: columns of a CSV file as line series in one SVG.
#include "cli.h"
#include "plot_command.h"

namespace skipsim {
namespace {

int plot_cli(const std::vector<std::string>& args) {
    PlotOptions o;
    po::options_description desc("plot options");
    desc.add_options()("csv", po::value(&o.csv)->required(), "CSV file with a header line")
        ("x", po::value(&o.x)->required(), "column of the x axis")
        ("y", po::value(&o.y)->required()->composing(), "column drawn as a series (repeat for several)")
        ("out,o", po::value(&o.out)->required(), "SVG file to write")
        ("title", po::value(&o.title), "plot title")
        ("y-label", po::value(&o.y_label), "label of the y axis");
    po::variables_map vm;
    if (!parse_command_line("plot", "--csv F --x COLUMN --y COLUMN [--y COLUMN ...] --out FILE.svg", desc, args, vm))
        return 0;
    return plot_command(o);
}

const Registration<CommandInfo> plot_registration{{"plot", "draw CSV columns as an SVG line plot", plot_cli}};

}  // namespace
}  // namespace skipsim
