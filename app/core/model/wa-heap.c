/* wa-heap.c: see wa-heap.h. */
#include "wa-heap.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

/* glibc keeps a freed block's pages until the top of its heap is free,
 * and a worker thread's heap is one of its own: the blocks a background
 * build grows and frees (a band fill's edges, 4 MB and less at a time)
 * sit under what it keeps, and no other thread reuses them. On the 10x
 * pack they were 16 of the app's 336 MiB at settling. malloc_trim also
 * returns the free pages inside each heap (madvise), not only its top. */
void
wa_heap_give_back_freed (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* glibc gives each new thread a heap of its own, up to eight a processor,
 * and a page freed in one is reused by no other. The app's threads (the
 * pack's open, the tile renderers, the background builds, GIO's task
 * pool for the search index, the assets and the table's order) left
 * 10x-pack launches at 302-309 MiB with a heap each, 291-296 MiB with
 * two heaps on a 2-core machine; the ranking table's frames and the
 * first map frame did not move. Threads wait for a shared heap only when
 * two allocate at the same moment, and no more of them run at once than
 * there are processors. */
void
wa_heap_share_arenas (void)
{
#ifdef __GLIBC__
  const char *tunables = g_getenv ("GLIBC_TUNABLES");

  if (g_getenv ("MALLOC_ARENA_MAX") != NULL
      || (tunables != NULL && strstr (tunables, "glibc.malloc.arena_max") != NULL))
    return;
  mallopt (M_ARENA_MAX, (int) MAX (2, g_get_num_processors ()));
#endif
}
