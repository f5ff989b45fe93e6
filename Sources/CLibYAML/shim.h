#ifndef FLOWAUDIT_CLIBYAML_SHIM_H
#define FLOWAUDIT_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
