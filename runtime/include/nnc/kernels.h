/*===- nnc/kernels.h - Microkernels that compiled models call -------------===*
 *
 * Plain C entry points of the microkernels in nnc_kernels. Generated model
 * code calls them for the hot loops it does not lower itself; every compiled
 * model links nnc_kernels. Each entry point hides how its kernel is built
 * (today: Halide generators, compiled for the host at build time).
 *===----------------------------------------------------------------------===*/
#ifndef NNC_KERNELS_H
#define NNC_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** C[m,n] = A[m,k] * B[k,n] on dense row-major f32 matrices; `c` is
 *  overwritten and must not alias `a` or `b`. Extents are at most INT32_MAX.
 *  Large products run in parallel on Halide's thread pool (HL_NUM_THREADS
 *  threads, by default one per core). A failure inside the kernel (only
 *  possible on a broken contract) prints a message to stderr and aborts. */
void nnc_uk_matmul_f32(const float *a, const float *b, float *c, int64_t m,
                       int64_t n, int64_t k);

#ifdef __cplusplus
}
#endif

#endif /* NNC_KERNELS_H */
