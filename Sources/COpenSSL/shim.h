// OpenSSL's HMAC and SHA-256 are plain C calls; this header only gathers them.
#ifndef SFN_COPENSSL_SHIM_H
#define SFN_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#endif
