/* cli-build-pack.c: not written yet. */
#include "wa-cli.h"
