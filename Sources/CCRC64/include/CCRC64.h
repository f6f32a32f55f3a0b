#ifndef TIERGATE_CCRC64_H
#define TIERGATE_CCRC64_H
#include <stddef.h>
#include <stdint.h>

/// Folds `data` into 16 bytes with carry-less multiplication (x86-64 PCLMULQDQ) for the
/// reflected CRC-64/NVME: when it returns n > 0, the CRC register after `state` and the first
/// n bytes of `data` equals the register after 0 and the 16 bytes written to `remainder`.
/// Returns 0 (and writes nothing) when the CPU lacks PCLMULQDQ or `length` < 64.
size_t tiergate_crc64_fold(uint64_t state, const uint8_t *data, size_t length, uint8_t remainder[16]);

#endif
