/*
 * cicu.h — the C face of ICU that Swift sees.
 *
 * Only standard C types cross this boundary: ICU's own headers rename every function
 * with a versioned macro (u_foo_72) that Swift cannot import, and Foundation ships a
 * private ICU whose types would clash with the system's. All text crosses as UTF-8
 * (pointer + byte length); offsets returned are byte offsets into that UTF-8.
 */
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Normalization ------------------------------------------------------------ */

/* 1 when the UTF-8 text is certainly in NFC, 0 when it is not or may not be. */
int32_t cicu_is_nfc(const char *text, int32_t length);

/* Writes the NFC form of the UTF-8 text into out (capacity out_capacity bytes).
 * Returns the byte length of the result, or a negative value on failure; when the
 * result does not fit, returns the needed length (greater than out_capacity). */
int32_t cicu_nfc(const char *text, int32_t length, char *out, int32_t out_capacity);

/* ---- Regular expressions -------------------------------------------------------- */

typedef struct cicu_regex cicu_regex;

/* Compiles an ICU regular expression given in UTF-8. On failure returns NULL and
 * writes a message (NUL-terminated) into error. time_limit is ICU's match time limit
 * in its own units (about a millisecond each on current hardware); 0 means none. */
cicu_regex *cicu_regex_open(const char *pattern, int32_t length, int32_t time_limit,
                            char *error, int32_t error_capacity);

/* A new matcher with the same compiled pattern; matchers are not thread-safe, clones are. */
cicu_regex *cicu_regex_clone(const cicu_regex *regex);

void cicu_regex_close(cicu_regex *regex);

/* Number of the named capture group, or -1 when the pattern has none by that name. */
int32_t cicu_regex_group_number(cicu_regex *regex, const char *name);

enum {
    CICU_MODE_MATCHES = 0,     /* the whole text must match */
    CICU_MODE_LOOKING_AT = 1,  /* a match must start at offset 0 */
    CICU_MODE_FIND = 2         /* a match anywhere, starting the search at `from` */
};

/* Runs the regex over UTF-8 text in the given mode. Returns 1 on a match, 0 on none,
 * -1 when ICU's time limit stopped the match, -2 on another error. On a match,
 * spans[0..1] receive the match's byte range and spans[2..3] the range of capture
 * group `group` (-1,-1 when the group did not take part or group < 0). */
int32_t cicu_regex_run(cicu_regex *regex, const char *text, int32_t length, int32_t mode,
                       int32_t from, int32_t group, int32_t spans[4]);
/* cicu_regex_run over UTF-16 code units (spans in code units); the text is not copied
   and must stay alive until the next run. */
int32_t cicu_regex_run16(cicu_regex *regex, const uint16_t *text, int32_t length, int32_t mode,
                         int32_t group, int32_t spans[4]);

/* ---- Code pages, charset detection and conversion (ucnv, ucsdet) ------------------ */

/* Fills out[0..127] with the code points that bytes 0x80..0xFF stand for in the named
 * single-byte code page (ICU converter name, e.g. "windows-1252"); -1 for a byte the
 * code page leaves undefined. Returns 0 on success, -1 when ICU has no such converter
 * or it is not a single-byte code page. */
int32_t cicu_codepage_high(const char *name, int32_t out[128]);

/* Guesses the charset of bytes with ICU's detector. Writes the charset's name
 * (NUL-terminated) into name and returns the detector's confidence (0..100), or -1
 * when nothing was detected. */
int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity);

/* Converts bytes in the named charset to UTF-8 (malformed input becomes U+FFFD).
 * Returns the byte length of the result, or a negative value on failure; when the
 * result does not fit, returns the needed length (greater than out_capacity). */
int32_t cicu_convert_to_utf8(const char *charset, const char *bytes, int32_t length,
                             char *out, int32_t out_capacity);

/* ---- Confusables (uspoof) ---------------------------------------------------------- */

/* Writes the UTS #39 confusable skeleton of the UTF-8 text into out. Returns its byte
 * length, a negative value on failure, or the needed length when it does not fit. */
int32_t cicu_confusable_skeleton(const char *text, int32_t length, char *out, int32_t out_capacity);

/* ---- Character properties ---------------------------------------------------------- */

/* The ICU script code (UScriptCode) of a code point; 0 common, 1 inherited, <0 error. */
int32_t cicu_script(int32_t code_point);

/* Writes the NFKC form of one code point as UTF-8 into out; returns its byte length. */
int32_t cicu_nfkc_char(int32_t code_point, char *out, int32_t out_capacity);

/* NFC quick-check value of a code point (0 no, 1 yes, 2 maybe) and its canonical
 * combining class: with them, text can be checked for NFC without leaving UTF-8. */
int32_t cicu_nfc_quick_check(int32_t code_point);
int32_t cicu_combining_class(int32_t code_point);
/* 1 when the two characters a then b are in NFC as they stand, 0 when NFC changes them
 * (b composes with a, or with the last character of a's decomposition: "Ì" then a
 * tilde below is "Ḭ" then a grave), -1 on error. */
int32_t cicu_pair_is_nfc(int32_t a, int32_t b);

/* The simple case folding of a code point (one code point: "Ä" is "ä", "Σ" and "ς" are
 * "σ"), as ICU's case-insensitive matching folds it where a fold is one character. */
int32_t cicu_fold_case(int32_t code_point);

#ifdef __cplusplus
}
#endif

#endif
