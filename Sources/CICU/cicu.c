/* Thin wrappers over the system ICU; see include/cicu.h for why they exist. */
#include "cicu.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

/* ---- Normalization ------------------------------------------------------------ */

/* UTF-8 -> UTF-16 into a malloc'd buffer; returns NULL on failure. */
static UChar *to_utf16(const char *text, int32_t length, int32_t *out_length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return NULL;
    status = U_ZERO_ERROR;
    UChar *buffer = (UChar *)malloc(sizeof(UChar) * (size_t)(needed + 1));
    if (!buffer) return NULL;
    u_strFromUTF8(buffer, needed + 1, out_length, text, length, &status);
    if (U_FAILURE(status)) { free(buffer); return NULL; }
    return buffer;
}

int32_t cicu_is_nfc(const char *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return 0;
    int32_t n16 = 0;
    UChar *s16 = to_utf16(text, length, &n16);
    if (!s16) return 0;
    UNormalizationCheckResult r = unorm2_quickCheck(nfc, s16, n16, &status);
    free(s16);
    return (U_SUCCESS(status) && r == UNORM_YES) ? 1 : 0;
}

int32_t cicu_nfc(const char *text, int32_t length, char *out, int32_t out_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t n16 = 0;
    UChar *s16 = to_utf16(text, length, &n16);
    if (!s16) return -1;
    int32_t cap = n16 * 3 + 16; /* NFC can grow text, but not past this for real input */
    UChar *norm = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
    if (!norm) { free(s16); return -1; }
    int32_t nlen = unorm2_normalize(nfc, s16, n16, norm, cap, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        free(norm);
        cap = nlen + 1;
        norm = (UChar *)malloc(sizeof(UChar) * (size_t)cap);
        if (!norm) { free(s16); return -1; }
        nlen = unorm2_normalize(nfc, s16, n16, norm, cap, &status);
    }
    free(s16);
    if (U_FAILURE(status)) { free(norm); return -1; }
    int32_t out_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(out, out_capacity, &out_length, norm, nlen, &status);
    free(norm);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return out_length;
    if (U_FAILURE(status)) return -1;
    return out_length;
}

/* ---- Regular expressions -------------------------------------------------------- */

struct cicu_regex {
    URegularExpression *re;
    UText text; /* reused UTF-8 UText, so a run allocates nothing */
};

cicu_regex *cicu_regex_open(const char *pattern, int32_t length, int32_t time_limit,
                            char *error, int32_t error_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    UText pat = UTEXT_INITIALIZER;
    utext_openUTF8(&pat, pattern, length, &status);
    URegularExpression *re = uregex_openUText(&pat, 0, &parse, &status);
    utext_close(&pat);
    if (U_FAILURE(status) || !re) {
        if (error && error_capacity > 0) {
            const char *name = u_errorName(status);
            int32_t offset = parse.offset;
            char buf[160];
            int n = 0;
            if (parse.line > 0 || offset >= 0)
                n = snprintf(buf, sizeof buf, "%s at offset %d", name, (int)offset);
            else
                n = snprintf(buf, sizeof buf, "%s", name);
            (void)n;
            strncpy(error, buf, (size_t)error_capacity - 1);
            error[error_capacity - 1] = 0;
        }
        if (re) uregex_close(re);
        return NULL;
    }
    if (time_limit > 0) uregex_setTimeLimit(re, time_limit, &status);
    cicu_regex *r = (cicu_regex *)calloc(1, sizeof(cicu_regex));
    if (!r) { uregex_close(re); return NULL; }
    r->re = re;
    UText init = UTEXT_INITIALIZER;
    r->text = init;
    return r;
}

cicu_regex *cicu_regex_clone(const cicu_regex *regex) {
    UErrorCode status = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(regex->re, &status);
    if (U_FAILURE(status) || !re) return NULL;
    /* A clone does not inherit the time limit: carry it over. */
    int32_t limit = uregex_getTimeLimit(regex->re, &status);
    if (U_SUCCESS(status) && limit > 0) uregex_setTimeLimit(re, limit, &status);
    cicu_regex *r = (cicu_regex *)calloc(1, sizeof(cicu_regex));
    if (!r) { uregex_close(re); return NULL; }
    r->re = re;
    UText init = UTEXT_INITIALIZER;
    r->text = init;
    return r;
}

void cicu_regex_close(cicu_regex *regex) {
    if (!regex) return;
    uregex_close(regex->re);
    utext_close(&regex->text);
    free(regex);
}

int32_t cicu_regex_group_number(cicu_regex *regex, const char *name) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = uregex_groupNumberFromCName(regex->re, name, -1, &status);
    return U_SUCCESS(status) ? n : -1;
}

int32_t cicu_regex_run(cicu_regex *regex, const char *text, int32_t length, int32_t mode,
                       int32_t from, int32_t group, int32_t spans[4]) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&regex->text, text, length, &status);
    if (U_FAILURE(status)) return -2;
    uregex_setUText(regex->re, &regex->text, &status);
    if (U_FAILURE(status)) return -2;
    UBool found;
    switch (mode) {
    case CICU_MODE_MATCHES: found = uregex_matches64(regex->re, 0, &status); break;
    case CICU_MODE_LOOKING_AT: found = uregex_lookingAt64(regex->re, 0, &status); break;
    default: found = uregex_find64(regex->re, from, &status); break;
    }
    if (status == U_REGEX_TIME_OUT) return -1;
    if (U_FAILURE(status)) return -2;
    if (!found) return 0;
    spans[0] = (int32_t)uregex_start64(regex->re, 0, &status);
    spans[1] = (int32_t)uregex_end64(regex->re, 0, &status);
    spans[2] = spans[3] = -1;
    if (group > 0) {
        int64_t gs = uregex_start64(regex->re, group, &status);
        int64_t ge = uregex_end64(regex->re, group, &status);
        if (U_SUCCESS(status) && gs >= 0) { spans[2] = (int32_t)gs; spans[3] = (int32_t)ge; }
    }
    return U_FAILURE(status) ? -2 : 1;
}

/* The same over UTF-16 held by the caller (not copied): ICU matches text that is all in
   one chunk on its fast path, without UText calls per character. */
int32_t cicu_regex_run16(cicu_regex *regex, const uint16_t *text, int32_t length, int32_t mode,
                         int32_t group, int32_t spans[4]) {
    static const UChar empty[1] = {0};
    UErrorCode status = U_ZERO_ERROR;
    uregex_setText(regex->re, text ? (const UChar *)text : empty, length, &status);
    if (U_FAILURE(status)) return -2;
    UBool found;
    switch (mode) {
    case CICU_MODE_MATCHES: found = uregex_matches(regex->re, 0, &status); break;
    case CICU_MODE_LOOKING_AT: found = uregex_lookingAt(regex->re, 0, &status); break;
    default: found = uregex_find(regex->re, 0, &status); break;
    }
    if (status == U_REGEX_TIME_OUT) return -1;
    if (U_FAILURE(status)) return -2;
    if (!found) return 0;
    spans[0] = uregex_start(regex->re, 0, &status);
    spans[1] = uregex_end(regex->re, 0, &status);
    spans[2] = spans[3] = -1;
    if (group > 0) {
        int32_t gs = uregex_start(regex->re, group, &status);
        int32_t ge = uregex_end(regex->re, group, &status);
        if (U_SUCCESS(status) && gs >= 0) { spans[2] = gs; spans[3] = ge; }
    }
    return U_FAILURE(status) ? -2 : 1;
}

/* ---- Code pages, charset detection and conversion -------------------------------- */

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uspoof.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

int32_t cicu_codepage_high(const char *name, int32_t out[128]) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &status);
    if (U_FAILURE(status) || !cnv) return -1;
    if (ucnv_getMaxCharSize(cnv) != 1) { ucnv_close(cnv); return -1; }
    /* Undefined bytes must come out as an error, not as a substitute. */
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    for (int b = 0x80; b <= 0xFF; b++) {
        char in = (char)b;
        const char *src = &in;
        UChar dst[4];
        UChar *target = dst;
        status = U_ZERO_ERROR;
        ucnv_resetToUnicode(cnv);
        ucnv_toUnicode(cnv, &target, dst + 4, &src, &in + 1, NULL, 1, &status);
        int32_t n = (int32_t)(target - dst);
        if (U_FAILURE(status) || n == 0) { out[b - 0x80] = -1; continue; }
        UChar32 c;
        int32_t k = 0;
        U16_NEXT(dst, k, n, c);
        out[b - 0x80] = (k == n) ? (int32_t)c : -1;
    }
    ucnv_close(cnv);
    return 0;
}

int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(det, bytes, length, &status);
    const UCharsetMatch *match = ucsdet_detect(det, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match) {
        const char *n = ucsdet_getName(match, &status);
        int32_t c = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && n && name_capacity > 0) {
            strncpy(name, n, (size_t)name_capacity - 1);
            name[name_capacity - 1] = 0;
            confidence = c;
        }
    }
    ucsdet_close(det);
    return confidence;
}

int32_t cicu_convert_to_utf8(const char *charset, const char *bytes, int32_t length,
                             char *out, int32_t out_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = ucnv_convert("UTF-8", charset, out, out_capacity, bytes, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return n;
    if (U_FAILURE(status)) return -1;
    return n;
}

/* ---- Confusables ----------------------------------------------------------------- */

int32_t cicu_confusable_skeleton(const char *text, int32_t length, char *out, int32_t out_capacity) {
    static USpoofChecker *checker = NULL; /* immutable after open; getSkeleton is const */
    static int failed = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (!checker && !failed) {
        USpoofChecker *c = uspoof_open(&status);
        if (U_FAILURE(status)) { failed = 1; return -1; }
        if (!__sync_bool_compare_and_swap(&checker, NULL, c)) uspoof_close(c);
    }
    if (!checker) return -1;
    status = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeletonUTF8(checker, 0, text, length, out, out_capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return n;
    if (U_FAILURE(status)) return -1;
    return n;
}

/* ---- Character properties ---------------------------------------------------------- */

int32_t cicu_script(int32_t code_point) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(code_point, &status);
    return U_FAILURE(status) ? -1 : (int32_t)s;
}

int32_t cicu_nfc_quick_check(int32_t code_point) {
    return (int32_t)u_getIntPropertyValue(code_point, UCHAR_NFC_QUICK_CHECK);
}

int32_t cicu_combining_class(int32_t code_point) {
    return (int32_t)u_getCombiningClass(code_point);
}

int32_t cicu_pair_is_nfc(int32_t a, int32_t b) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    UChar s[4];
    int32_t n = 0;
    UBool err = 0;
    U16_APPEND(s, n, 4, a, err);
    if (err) return -1;
    U16_APPEND(s, n, 4, b, err);
    if (err) return -1;
    UBool normalized = unorm2_isNormalized(nfc, s, n, &status);
    return U_FAILURE(status) ? -1 : (normalized ? 1 : 0);
}

int32_t cicu_nfkc_char(int32_t code_point, char *out, int32_t out_capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) return -1;
    UChar src[2];
    int32_t n = 0;
    UBool err = 0;
    U16_APPEND(src, n, 2, code_point, err);
    if (err) return -1;
    UChar dst[32];
    int32_t len = unorm2_normalize(nfkc, src, n, dst, 32, &status);
    if (U_FAILURE(status)) return -1;
    int32_t out_length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(out, out_capacity, &out_length, dst, len, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return -1;
    return out_length;
}

int32_t cicu_fold_case(int32_t code_point) {
    return (int32_t)u_foldCase(code_point, U_FOLD_CASE_DEFAULT);
}
