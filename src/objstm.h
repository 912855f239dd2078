/* objstm.h: repack a classic PDF into object streams (PDF 1.5).
 *
 * A CV holds hundreds of small dictionaries (link annotations, a tagged
 * file's structure elements). libharu writes each at top level,
 * uncompressed, with a 20-byte cross-reference entry: the seed's 111
 * citation links and 260 structure elements would add two thirds to it. objstm_pack moves every object that may
 * live in an object stream (ISO 32000-1 7.5.7: not a stream, generation 0)
 * into one Flate-compressed object stream and replaces the cross-reference
 * table by a cross-reference stream; streams stay byte for byte.
 */
#ifndef CVPDF_OBJSTM_H
#define CVPDF_OBJSTM_H

#include <stdbool.h>
#include <stddef.h>

struct libdeflate_compressor;

/* An object to put in the object stream: its number and its text, at
 * `off` (`len` bytes) in a text passed beside; or, when `extend`, entries
 * to add to the file's dictionary of that number (a page's /Annots). */
struct objstm_obj {
  size_t num, off, len;
  bool extend;
};

/* `in` must be a file as libharu 2.3 writes it: header, objects "N 0 obj
 * ... endobj" in ascending order at the offsets of one cross-reference
 * section starting at object 0, the trailer dictionary, startxref, %%EOF.
 * more[0 .. nmore-1] are objects written beside libharu (their texts in
 * `text`): one numbered like an object of the file replaces it (libharu
 * held its place) or extends it (a dictionary), the others are numbered
 * on from the file's last, consecutively, in order. Returns the repacked file, malloc'd (its size
 * in *out_len), or NULL when `in` is not such a file or `more` does not
 * fit it. z: a zlib compressor. */
unsigned char *objstm_pack(const unsigned char *in, size_t len,
                           const char *text, const struct objstm_obj *more,
                           size_t nmore, struct libdeflate_compressor *z,
                           size_t *out_len);

#endif
