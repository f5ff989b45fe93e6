#include "yaml_memory.h"
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define YAML_MEMORY_PASSTHROUGH 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define YAML_MEMORY_PASSTHROUGH 1
#endif

/* Every block starts after a 16-byte header (keeping malloc's 16-byte alignment) that names its
 * size class; blocks over the largest class come from malloc and are marked LARGE. */
enum { SMALL_STEP = 16, SMALL_CLASSES = 16, CLASS_COUNT = 20, LARGE = 0xFFFF, SLAB_BYTES = 64 * 1024 };

typedef struct header {
    uint32_t size_class;
    uint32_t unused;
    uint64_t large_size;
} header;

typedef struct free_block {
    struct free_block *next;
} free_block;

/* Classes 0-15: 16 to 256 bytes by 16; 16-19: 512, 1024, 2048, 4096. */
static size_t class_size(unsigned size_class) {
    return size_class < SMALL_CLASSES ? (size_class + 1) * SMALL_STEP : (size_t)512 << (size_class - SMALL_CLASSES);
}

static unsigned class_of(size_t size) {
    if (size <= SMALL_CLASSES * SMALL_STEP) return (unsigned)((size + SMALL_STEP - 1) / SMALL_STEP) - 1;
    for (unsigned size_class = SMALL_CLASSES; size_class < CLASS_COUNT; size_class++) {
        if (size <= class_size(size_class)) return size_class;
    }
    return LARGE;
}

/* Per thread: a free list per class, and the slab new blocks are cut from. A block freed on
 * another thread joins that thread's list. Slabs are never returned: libyaml's live blocks are
 * few, so the lists stay small. */
static _Thread_local free_block *free_lists[CLASS_COUNT];
static _Thread_local char *slab_next;
static _Thread_local char *slab_end;
static atomic_ullong blocks_handed_out;

static void *large_block(size_t size) {
    header *block = malloc(sizeof(header) + size);
    if (!block) return NULL;
    block->size_class = LARGE;
    block->large_size = size;
    return block + 1;
}

void *yaml_malloc(size_t size) {
    if (size == 0) size = 1;
#ifdef YAML_MEMORY_PASSTHROUGH
    return large_block(size);
#else
    unsigned size_class = class_of(size);
    if (size_class == LARGE) return large_block(size);
    free_block *reused = free_lists[size_class];
    if (reused) {
        free_lists[size_class] = reused->next;
        return reused;
    }
    size_t needed = sizeof(header) + class_size(size_class);
    if (!slab_next || (size_t)(slab_end - slab_next) < needed) {
        slab_next = malloc(SLAB_BYTES);
        if (!slab_next) {
            slab_end = NULL;
            return NULL;
        }
        slab_end = slab_next + SLAB_BYTES;
    }
    header *block = (header *)slab_next;
    slab_next += needed;
    block->size_class = size_class;
    atomic_fetch_add_explicit(&blocks_handed_out, 1, memory_order_relaxed);
    return block + 1;
#endif
}

void yaml_free(void *ptr) {
    if (!ptr) return;
    header *block = (header *)ptr - 1;
    if (block->size_class == LARGE) {
        free(block);
        return;
    }
    free_block *freed = ptr;
    freed->next = free_lists[block->size_class];
    free_lists[block->size_class] = freed;
}

size_t flowaudit_yaml_memory_capacity(const void *ptr) {
    const header *block = (const header *)ptr - 1;
    return block->size_class == LARGE ? (size_t)block->large_size : class_size(block->size_class);
}

void *yaml_realloc(void *ptr, size_t size) {
    if (!ptr) return yaml_malloc(size);
    if (size == 0) size = 1;
    header *block = (header *)ptr - 1;
    if (block->size_class == LARGE) {
        header *grown = realloc(block, sizeof(header) + size);
        if (!grown) return NULL;
        grown->large_size = size;
        return grown + 1;
    }
    size_t capacity = class_size(block->size_class);
    if (size <= capacity) return ptr;
    void *moved = yaml_malloc(size);
    if (!moved) return NULL;
    memcpy(moved, ptr, capacity);
    yaml_free(ptr);
    return moved;
}

unsigned char *yaml_strdup(const unsigned char *str) {
    if (!str) return NULL;
    size_t length = strlen((const char *)str) + 1;
    unsigned char *copy = yaml_malloc(length);
    if (copy) memcpy(copy, str, length);
    return copy;
}

unsigned long long flowaudit_yaml_memory_blocks(void) {
    return atomic_load_explicit(&blocks_handed_out, memory_order_relaxed);
}
