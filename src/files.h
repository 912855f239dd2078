/* files.h: reading the command line's inputs and writing its outputs.
 *
 * An input is read whole only if it is a regular file, '-' (standard
 * input) or a stream this process already holds (/dev/stdin, /dev/fd/N);
 * a FIFO, a device or a socket is refused for what it is, never waited
 * on. An output is written through a temporary file in its folder,
 * renamed over it once complete, so a failed run leaves the old file as
 * it was; one that is not a regular file (a FIFO, /dev/null) is refused,
 * since the rename would replace it. The temporary files in flight are
 * removed if SIGINT, SIGTERM or SIGHUP ends the process.
 */
#ifndef CVPDF_FILES_H
#define CVPDF_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* Take over SIGINT, SIGTERM and SIGHUP (a thread waits for them, removes
 * the temporary files in flight and ends the process by the same
 * signal), and read the umask for the outputs' modes. Call once, before
 * any other thread starts. */
void files_catch_signals(void);

/* The whole of `path` ("-": standard input), NUL-terminated, its length
 * in *len; NULL with an error reported if it cannot be read, is not a
 * file, is larger than DOC_MAX_BYTES, or is UTF-16 or UTF-32 text. The
 * caller frees it. */
char *files_read(const char *path, size_t *len, struct diag *d);

/* Write data to `path` ("-": standard output) atomically; false with an
 * error reported if it could not be written. */
bool files_write(const char *path, const void *data, size_t len,
                 struct diag *d);

/* Outputs written together (a CV's formats, its PNG pages; a new CV and
 * its schema): each staged as a complete temporary file beside its path,
 * then all renamed into place (files_commit) or all removed
 * (files_abort), so that a run that fails at its third output leaves
 * neither a new first one nor an old one replaced. "-" and the streams
 * this process holds (/dev/stdout) cannot wait: they are written at once. */
struct files_stage_one {
  char *tmp, *path;
  int slot;
};
struct files_staged {
  struct files_stage_one *v;
  int n, cap;
};

/* Stage data for `path`; false with an error reported if it could not be
 * written (what was staged before stays staged: abort it). */
bool files_stage(struct files_staged *s, const char *path, const void *data,
                 size_t len, struct diag *d);

/* Rename every staged file into place, in the order staged; false with
 * an error if one could not be (the later ones are then removed). */
bool files_commit(struct files_staged *s, struct diag *d);

/* Remove every staged file: nothing of them is written. */
void files_abort(struct files_staged *s);

/* Make the folder `path` and its parents, as mkdir -p does. Returns 0, or
 * an errno value with the folder that could not be made in failed. */
int files_make_dirs(const char *path, char *failed, size_t n);

/* The file `name` names when written in the file `from` (NULL: none):
 * relative to `from`'s folder, or as it is if absolute; in arena a. */
const char *files_beside(struct arena *a, const char *from, const char *name);

/* Is p a folder, or written as one (ending in '/')? */
bool files_is_dir(const char *p);

#endif
