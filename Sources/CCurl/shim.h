// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
#ifndef SFN_CCURL_SHIM_H
#define SFN_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode sfn_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sfn_curl_setopt_ptr(CURL *h, CURLoption o, const void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode sfn_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*sfn_curl_write_fn)(char *, size_t, size_t, void *);
static inline CURLcode sfn_curl_setopt_write(CURL *h, CURLoption o, sfn_curl_write_fn f) { return curl_easy_setopt(h, o, f); }
typedef int (*sfn_curl_xferinfo_fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode sfn_curl_setopt_xferinfo(CURL *h, sfn_curl_xferinfo_fn f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }
static inline CURLcode sfn_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode sfn_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
#endif
