/* fuzz-util.c: helpers shared by the libFuzzer targets. */
#include "fuzz-util.h"

#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

const char *
fuzz_write_file (const char *suffix, const uint8_t *data, size_t size)
{
  static char *path;
  int fd;

  if (path == NULL)
    path = g_strdup_printf ("%s/wa-fuzz-%d%s", g_get_tmp_dir (), (int) getpid (), suffix);
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
