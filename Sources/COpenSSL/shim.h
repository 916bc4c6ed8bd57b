// OpenSSL's digests and HMAC are plain C calls; this header only gathers them.
#ifndef SFN_COPENSSL_SHIM_H
#define SFN_COPENSSL_SHIM_H
// SHA256_Init/Update/Final are deprecated in OpenSSL 3 but kept: unlike SHA256() and HMAC(), they compute the
// digest without fetching a provider implementation, which costs about 3 million instructions on the first call
// (bench/RESULTS.md, issue 20).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#endif
