#ifndef TIERGATE_CZSTD_SHIM_H
#define TIERGATE_CZSTD_SHIM_H
#include <zstd.h>
#endif
