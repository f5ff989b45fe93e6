#ifndef FLOWAUDIT_CALLOCATOR_SHIM_H
#define FLOWAUDIT_CALLOCATOR_SHIM_H
/* glibc's allocator settings (mallopt); absent on other C libraries. */
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif
