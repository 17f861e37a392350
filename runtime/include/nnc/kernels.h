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

/** C[m,n] = A[m,k] * B[k,n] on row-major f32 matrices whose rows are `lda`,
 *  `ldb` and `ldc` elements apart (at least k, n and n: equal for dense
 *  matrices, more for a block of a larger one); `c` is overwritten and must
 *  not alias `a` or `b`. Extents and row strides are at most INT32_MAX.
 *  Large products run in parallel on the runtime's thread pool (HL_NUM_THREADS
 *  threads, by default one per core). A failure inside the kernel (only
 *  possible on a broken contract) prints a message to stderr and aborts. */
void nnc_uk_matmul_f32(const float *a, const float *b, float *c, int64_t m,
                       int64_t n, int64_t k, int64_t lda, int64_t ldb,
                       int64_t ldc);

/** C[m,n] = A[m,k] * Bt[n,k]^T: the same product with B given transposed,
 *  as a linear layer's weight matrix [out, in] is stored (Bt's rows `ldbt`
 *  elements apart, at least k). Same contract as nnc_uk_matmul_f32. */
void nnc_uk_matmul_nt_f32(const float *a, const float *bt, float *c, int64_t m,
                          int64_t n, int64_t k, int64_t lda, int64_t ldbt,
                          int64_t ldc);

/** C[m,n] = At[k,m]^T * B[k,n]: the product with A given transposed, as a
 *  weight gradient x^T dy reads its activations (At's rows `ldat` elements
 *  apart, at least m). Same contract as nnc_uk_matmul_f32. */
void nnc_uk_matmul_tn_f32(const float *at, const float *b, float *c, int64_t m,
                          int64_t n, int64_t k, int64_t ldat, int64_t ldb,
                          int64_t ldc);

/** y[n, f, i, j] = sum over c, di, dj of x[n, c, i + dh * di, j + dw * dj]
 *  * w[f, c, di, dj]: a 3x3 convolution with stride 1 and dilation dh, dw
 *  (1 for none) of the input x, padded already (oh + 2 * dh rows of
 *  ow + 2 * dw elements), by the dense filters w [f, c, 3, 3], into
 *  y [n, f, oh, ow] (overwritten, not aliasing x or w). x's images,
 *  channels and rows are `xsn`, `xsc` and `xsh` elements apart, y's `ysn`,
 *  `ysf` and `ysh`; elements of a row are contiguous. Computed by
 *  Winograd's F(4x4, 3x3) on the thread pool; its transformed operands (36
 *  / 16 times the input and the output, in tiles of 4x4 pixels) hold at
 *  most INT32_MAX elements each. A failure prints a message to stderr and
 *  aborts, as the matmul kernels do. */
void nnc_uk_conv3x3_f32(const float *x, const float *w, float *y, int64_t n,
                        int64_t c, int64_t f, int64_t oh, int64_t ow,
                        int64_t dh, int64_t dw, int64_t xsn, int64_t xsc,
                        int64_t xsh, int64_t ysn, int64_t ysf, int64_t ysh);

/** The allocation functions of generated code (MLIR's generic memref
 *  allocation functions): `size` bytes aligned as malloc aligns, null when
 *  out of memory; freeing null does nothing. Buffers of 128 KiB or more are
 *  kept when freed (256 MiB at most, the oldest released first) and reused
 *  for the next request of up to a quarter less, so a model called again
 *  does not map and clear its large buffers again. Thread-safe. */
void *_mlir_memref_to_llvm_alloc(uint64_t size);
void _mlir_memref_to_llvm_free(void *pointer);

/** The instruction set the matmul kernels run: "avx512" (AVX-512 F, CD,
 *  VL, BW and DQ) or "avx2" (AVX2 and FMA). The first kernel call (or
 *  this one) picks the widest the CPU supports, or the one the environment
 *  variable NNC_KERNEL_ISA names; a CPU without AVX2 and FMA, or an
 *  NNC_KERNEL_ISA that names another set or one the CPU lacks, prints why
 *  to stderr and aborts. */
const char *nnc_kernel_isa(void);

/** The body of a parallel loop: runs iterations [begin, end) of the loop
 *  whose captured values `closure` points to. */
typedef void (*nnc_parallel_body_t)(int64_t begin, int64_t end, void *closure);

/** Runs iterations [0, iterations) of `body` on the runtime's thread pool
 *  (the matmul kernels' pool, HL_NUM_THREADS threads), in contiguous ranges,
 * and returns when all have run. Each iteration runs exactly once; ranges run
 *  concurrently, so iterations must be independent. `body` may itself call
 *  nnc_parallel_for or the matmul kernels. Zero or fewer iterations do
 *  nothing; a single range runs on the calling thread. Generated code calls
 *  it for the loops nnc-parallel-loops-to-thread-pool outlined. */
void nnc_parallel_for(nnc_parallel_body_t body, int64_t iterations,
                      void *closure);

#ifdef __cplusplus
}
#endif

#endif /* NNC_KERNELS_H */
