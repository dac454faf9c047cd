/* wa-error.c: the one error domain of the Ward Atlas core library. */
#include "ward-atlas-core.h"

G_DEFINE_QUARK (wa-error-quark, wa_error)
