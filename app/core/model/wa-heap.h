/* wa-heap.h: the process's heap, where our work can help it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Gives the pages of freed blocks back to the system, in every thread's
 * heap. Takes milliseconds on a large heap: for a worker thread, after
 * a large piece of work. */
void wa_heap_give_back_freed (void);
/* Lets threads share heaps: at most one a processor (two at least).
 * Call before any thread starts. A user's own MALLOC_ARENA_MAX or glibc
 * tunable wins. */
void wa_heap_share_arenas (void);

G_END_DECLS
