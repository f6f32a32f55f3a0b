#ifndef TIERGATE_CLIBCRYPTO_SHIM_H
#define TIERGATE_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/kdf.h>
#endif
