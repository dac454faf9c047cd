/* wa-heap.c: see wa-heap.h. */
#include "wa-heap.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

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
