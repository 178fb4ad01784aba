#include "entryc/arena.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace entryc {

void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 64 << 20);  // keep up to 64 MB free at the heap top
  mallopt(M_TOP_PAD, 16 << 20);         // and grow it 16 MB at a time
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // blocks below 32 MB come from (and go back to) the heap
#endif
}

}  // namespace entryc
