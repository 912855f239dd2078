/* yml.h: a YAML (and JSON) document as a small tree with source positions.
 *
 * libyaml parses; this module keeps what later stages need: scalars as
 * NUL-terminated strings with their style (plain or quoted), sequences,
 * mappings with keys in file order, and the 1-based position of every node
 * (columns count characters, from after a leading byte-order mark).
 * It rejects what libyaml lets through or misreads: invalid UTF-8 and
 * UTF-16 files (with line and column rather than a byte offset), NUL bytes,
 * lone carriage returns, byte-order marks inside the file, duplicate keys,
 * non-scalar keys, tags it does not know (`!include` on a file name it
 * marks, for doc.c), more than one document, and
 * inputs whose aliases expand beyond a limit (values, and repeated text).
 * It resolves merge keys (`<<: *base`). libyaml's syntax errors are
 * reported with a hint for the usual slips (an unquoted ': ', wrong
 * indentation, tabs, unclosed quotes and brackets).
 * The tree lives in the arena passed in; the libyaml parser is gone when
 * yml_parse returns.
 */
#ifndef CVPDF_YML_H
#define CVPDF_YML_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum yml_kind { YML_SCALAR, YML_SEQ, YML_MAP };

struct yml {
  enum yml_kind kind;
  struct loc loc;
  /* scalar */
  const char *s;
  size_t len;
  bool quoted; /* single/double quoted, literal/folded block, !!str or ! */
  bool include; /* tagged `!include`: its text names a file whose content
                   stands here (doc.c reads it) */
  /* sequence: kids[0..n); mapping: keys[i] -> kids[i] */
  int n;
  struct yml **kids;
  struct yml **keys;
  size_t weight; /* nodes in the subtree, counting alias expansions */
  size_t bytes;  /* bytes of text in the subtree, keys included, counting
                    alias expansions (yml_parse and yml_merge set it; nodes
                    made elsewhere may leave it 0) */
  /* An empty plain value whose line goes on with a comment that looks like
   * the value meant, as in `color: #003366` or `- #1 in class`: where the
   * '#' is (line 0 otherwise). yml_parse warns there; a stage that rejects
   * the empty value can point there too, and say to quote the value. */
  struct loc comment_at;
  /* a key that doc.c renamed from an older RenderCV name: that name */
  const char *was;
};

struct yml_limits {
  int max_depth;     /* nesting of lists and mappings */
  size_t max_nodes;  /* nodes after alias expansion */
  size_t max_scalar; /* bytes in one scalar; also the most text that
                        aliases may repeat in all (see yml.c) */
};

/* Parse buf[0..len) (the caller keeps it alive while diagnostics may quote
 * it). Returns the root node, or NULL with errors reported; an empty
 * document returns NULL with *empty set. */
struct yml *yml_parse(struct arena *a, struct diag *d, const char *file,
                      const char *buf, size_t len,
                      const struct yml_limits *limits, bool *empty);

/* The text libyaml reads for buf[0..len): yml_parse's, without a leading
 * byte-order mark, and with a '*' that begins a value and names no anchor
 * (RenderCV's markup), U+2028, U+2029 and U+0085 each hidden as one other
 * character, so that its lines and columns are the file's. NULL, with the
 * reason reported, for a file yml_parse refuses before parsing. */
const char *yml_text(struct arena *a, struct diag *d, const char *file,
                     const char *buf, size_t len, size_t *outlen);

/* Value of `key` in mapping m (NULL if absent or m is not a mapping). */
struct yml *yml_get(const struct yml *m, const char *key);
/* `over` laid over `base`: mappings merge key by key (recursively), any
 * other value of `over` replaces the one in `base`. Neither input is
 * changed; shared subtrees are not copied. Keys are looked up in a hash
 * table: time in proportion to the keys, however many. */
struct yml *yml_merge(struct arena *a, struct yml *base, struct yml *over);
/* A mapping holding `value` at the dotted path "a.b.c" (for --set); no
 * recursion, so any depth of path is built. */
struct yml *yml_path(struct arena *a, const char *path, struct yml *value,
                     struct loc at);

/* s[0..n) for a message: at most `max` bytes (cut at a character, "..."
 * added), control characters written as \xNN, so that a key of a
 * megabyte or one holding escape sequences cannot flood or drive the
 * terminal. yml_parse's messages show keys and values so; other stages'
 * should too. */
const char *yml_shown(struct arena *a, const char *s, size_t n, size_t max);

/* "a string", "a list", "a mapping" */
const char *yml_kind_name(const struct yml *n);
/* Plain `null`, `~` or an empty plain scalar. */
bool yml_is_null(const struct yml *n);

#endif
