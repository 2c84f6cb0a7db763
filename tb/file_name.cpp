#include "file_name.h"

#include <cctype>

namespace skipsim {

std::string file_name_part(std::string name) {
    for (char& c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
    return name;
}

}  // namespace skipsim
