#ifndef FLOWAUDIT_CPREFETCH_SHIM_H
#define FLOWAUDIT_CPREFETCH_SHIM_H
/* Asks for the cache line at `address` ahead of its use: a hint, never a fault. */
static inline void flowaudit_prefetch(const void *address) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(address);
#else
    (void)address;
#endif
}
#endif
