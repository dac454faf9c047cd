/* fuzz-util.c: helpers shared by the libFuzzer targets. */
#include "fuzz-util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

/* Rewriting a file on ext4 (O_TRUNC) makes the kernel write the old
 * contents out to disk first: on /tmp that capped the table target at 400
 * executions a second against 4,500 in memory. So the input goes to
 * tmpfs (/dev/shm) where there is one, else to $TMPDIR. */
static const char *
scratch_dir (void)
{
  const char *dir = g_getenv ("FUZZ_SCRATCH_DIR");

  if (dir != NULL)
    return dir;
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    return "/dev/shm";
  return g_get_tmp_dir ();
}

static char *path;

/* The scratch file lives in memory: leave nothing behind. */
static void
remove_scratch (void)
{
  g_unlink (path);
}

const char *
fuzz_write_file (const char *suffix, const uint8_t *data, size_t size)
{
  int fd;

  if (path == NULL)
    {
      path = g_strdup_printf ("%s/wa-fuzz-%d%s", scratch_dir (), (int) getpid (), suffix);
      atexit (remove_scratch);
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert (fd >= 0);
  for (size_t done = 0; done < size;)
    {
      ssize_t n = write (fd, data + done, size - done);

      g_assert (n > 0);
      done += (size_t) n;
    }
  close (fd);
  return path;
}

void
fuzz_check_message (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
}
