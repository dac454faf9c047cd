/* fuzz-util.h: helpers shared by the libFuzzer targets. */
#pragma once

#include <stdint.h>
#include <stddef.h>
#include <glib.h>

/* Writes the input to a file private to this process (in memory, under
 * /dev/shm, where there is one; FUZZ_SCRATCH_DIR overrides) and
 * returns its path (owned by the helper, valid until the next call). The
 * readers under test take paths, as they do in the app. */
const char *fuzz_write_file (const char *suffix, const uint8_t *data, size_t size);

/* Error messages end up in GTK labels and on stderr: they must be UTF-8
 * and name something. */
void        fuzz_check_message (const GError *error);
