/* cli-query.c: not written yet. */
#include "wa-cli.h"
