// Counts heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) of a whole process and
// prints "MALLOC_CALLS n" on standard error at exit, for builds valgrind refuses ("Possibly corrupted
// debuginfo file"). usage (from the repository root):
//   gcc -O2 -shared -fPIC -o /tmp/malloc-count.so Benchmarks/population/malloc-count.c -ldl
//   LD_PRELOAD=/tmp/malloc-count.so .build/release/hpgsim population SCENARIO --n 4 --seed 1 --threads 1 -o DIR
// Allocations per man: the difference of the counts for --n 8 and --n 4, divided by 4.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <unistd.h>
static atomic_long calls;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
// dlsym itself may call calloc before the real one is known: those few bytes come from a static buffer.
static char boot[4096]; static size_t bootUsed;
static void init(void) {
  real_malloc = dlsym(RTLD_NEXT, "malloc"); real_calloc = dlsym(RTLD_NEXT, "calloc");
  real_realloc = dlsym(RTLD_NEXT, "realloc"); real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
  real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
}
void *malloc(size_t n) { if (!real_malloc) init(); calls++; return real_malloc(n); }
void *calloc(size_t a, size_t b) {
  if (!real_calloc) { void *p = boot + bootUsed; bootUsed += (a * b + 15) & ~15UL; return p; }
  calls++; return real_calloc(a, b); }
void *realloc(void *p, size_t n) { if (!real_realloc) init(); calls++; return real_realloc(p, n); }
int posix_memalign(void **p, size_t a, size_t n) { if (!real_posix_memalign) init(); calls++; return real_posix_memalign(p, a, n); }
void *aligned_alloc(size_t a, size_t n) { if (!real_aligned_alloc) init(); calls++; return real_aligned_alloc(a, n); }
__attribute__((destructor)) static void report(void) { char b[64]; int k = snprintf(b, sizeof b, "MALLOC_CALLS %ld\n", (long)calls); write(2, b, k); }
