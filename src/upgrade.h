/* upgrade.h: `cvpdf upgrade`, an older RenderCV file rewritten with
 * today's names (upgrade.c). */
#ifndef CVPDF_UPGRADE_H
#define CVPDF_UPGRADE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

/* The usage text of `cvpdf upgrade --help`. */
extern const char UPGRADE_USAGE[];

/* An older name read at `at`, and what it is today: what the stages say
 * through diag's on_older (see struct older_fix). */
struct upgrade_fix {
  struct loc at;
  struct older_fix fix;
};

/* buf[0..len) (the text of a YAML file) with each fix carried out: keys
 * renamed where they stand, moved under their new parent (made when
 * missing) with their value's text, comments and indentation, or left
 * out; values respelled; mappings that a move leaves empty left out. Every
 * line no fix touches is kept byte for byte. Returns the new text (in a),
 * or NULL with an error reported at the place that cannot be rewritten
 * (a fix inside a flow collection, a key that does not begin its line). */
char *upgrade_text(struct arena *a, struct diag *d, const char *file,
                   const char *buf, size_t len, const struct upgrade_fix *fixes,
                   int nfixes, size_t *outlen);

/* `cvpdf upgrade [options] FILE...` (argv[0] is "upgrade"); datadir holds
 * cvpdf's fonts. Returns the exit status. */
int upgrade_main(int argc, char **argv, const char *datadir);

#endif
