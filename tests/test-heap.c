/* test-heap.c: wa_heap_share_arenas keeps a process's threads to a few
 * shared heaps, where glibc would give each its own. */
#include "wa-heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* ASan (clang's or gcc's) replaces glibc's malloc. */
#if defined(__SANITIZE_ADDRESS__)
#define OWN_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OWN_MALLOC 0
#endif
#endif
#ifndef OWN_MALLOC
#ifdef __GLIBC__
#define OWN_MALLOC 1
#else
#define OWN_MALLOC 0
#endif
#endif

#if OWN_MALLOC
/* Threads that allocate, then wait until all have, so that none hands
 * its heap on to another by exiting. */
typedef struct {
  GMutex lock;
  GCond cond;
  guint allocated;
  gboolean release;
} Crowd;

static gpointer
crowd_member (gpointer data)
{
  Crowd *crowd = data;
  gpointer block = g_malloc (4096);

  g_mutex_lock (&crowd->lock);
  crowd->allocated++;
  g_cond_broadcast (&crowd->cond);
  while (!crowd->release)
    g_cond_wait (&crowd->cond, &crowd->lock);
  g_mutex_unlock (&crowd->lock);
  g_free (block);
  return NULL;
}

/* glibc's heaps while n threads that have each allocated are alive. */
static guint
heaps_with_threads (guint n)
{
  Crowd crowd = { 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  char *report = NULL;
  size_t size = 0;
  FILE *stream;
  guint heaps = 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (threads, g_thread_new ("crowd", crowd_member, &crowd));
  g_mutex_lock (&crowd.lock);
  while (crowd.allocated < n)
    g_cond_wait (&crowd.cond, &crowd.lock);
  stream = open_memstream (&report, &size);
  g_assert_nonnull (stream);
  g_assert_cmpint (malloc_info (0, stream), ==, 0);
  fclose (stream);
  crowd.release = TRUE;
  g_cond_broadcast (&crowd.cond);
  g_mutex_unlock (&crowd.lock);
  for (guint i = 0; i < n; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  for (const char *p = report; (p = strstr (p, "<heap nr=")) != NULL; p++)
    heaps++;
  free (report);
  return heaps;
}

static guint
limit (void)
{
  return MAX (2, g_get_num_processors ());
}

/* Four threads a processor: glibc alone gives each a heap. */
static void
test_default_subprocess (void)
{
  g_assert_cmpuint (heaps_with_threads (4 * limit ()), >, limit ());
}

static void
test_shared_subprocess (void)
{
  wa_heap_share_arenas ();
  g_assert_cmpuint (heaps_with_threads (4 * limit ()), <=, limit ());
}
#endif

/* Each in a process of its own: glibc's heaps outlive their threads. A
 * MALLOC_ARENA_MAX of the caller's would decide both, and wins. */
static void
test_share_arenas (void)
{
#if OWN_MALLOC
  if (g_getenv ("MALLOC_ARENA_MAX") != NULL || g_getenv ("GLIBC_TUNABLES") != NULL)
    {
      g_test_skip ("the environment sets glibc's heaps");
      return;
    }
  g_test_trap_subprocess ("/heap/share-arenas/default/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/heap/share-arenas/shared/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
#else
  g_test_skip ("glibc's own malloc only");
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heap/share-arenas", test_share_arenas);
#if OWN_MALLOC
  g_test_add_func ("/heap/share-arenas/default/subprocess", test_default_subprocess);
  g_test_add_func ("/heap/share-arenas/shared/subprocess", test_shared_subprocess);
#endif
  return g_test_run ();
}
