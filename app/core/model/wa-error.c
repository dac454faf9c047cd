/* wa-error.c: the one error domain of the Ward Atlas core library. */
#include "wa-error.h"

G_DEFINE_QUARK (wa-error-quark, wa_error)
