// libyaml (Debian's libyaml-dev), the parser YAML definitions are read with.
#ifndef SFN_CLIBYAML_SHIM_H
#define SFN_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
