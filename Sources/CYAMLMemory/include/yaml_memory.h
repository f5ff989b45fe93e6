#ifndef FLOWAUDIT_YAML_MEMORY_H
#define FLOWAUDIT_YAML_MEMORY_H
#include <stddef.h>

/* libyaml's scanner allocates and frees several small strings per token through yaml_malloc,
 * yaml_realloc, yaml_free and yaml_strdup, which it calls through its own exported symbols.
 * Defined here, in the program, they take the place of libyaml's (symbol interposition on ELF
 * systems) and serve small blocks from per-thread free lists instead of the C allocator. Built
 * with AddressSanitizer, every block comes from malloc, so its checks still see libyaml's memory. */
void *yaml_malloc(size_t size);
void *yaml_realloc(void *ptr, size_t size);
void yaml_free(void *ptr);
unsigned char *yaml_strdup(const unsigned char *str);

/* Blocks handed out by this allocator so far, on any thread: a test reads it to tell whether
 * libyaml's calls reach these definitions. */
unsigned long long flowaudit_yaml_memory_blocks(void);

/* The usable size of a block from yaml_malloc (at least the size asked for). */
size_t flowaudit_yaml_memory_capacity(const void *ptr);
#endif
