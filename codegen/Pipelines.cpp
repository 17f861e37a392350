//===- Pipelines.cpp - Named lowering pipelines for each target -----------===//
//
// The stages are the same on every target up to bufferization: nn -> linalg
// on tensors -> elementwise fusion -> one-shot bufferization with results
// turned into caller-owned out-parameters. The CPU pipeline then lowers loops
// to LLVM; the NVPTX pipeline tiles every op for GPU blocks, warps and
// threads first.
//
//===----------------------------------------------------------------------===//

#include "codegen/Pipelines.h"
#include "codegen/nvptx/Libdevice.h"
#include "passes/Passes.h"

#include "mlir/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace nnc {

/// Adds passes written in the textual pipeline syntax. The strings are fixed
/// in this file, so a parse failure is a bug in nnc, not bad input.
static void addTextual(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("nnc: malformed built-in pipeline");
}

/// Shared front half: nn on tensors to bufferized linalg on memrefs, with
/// elementwise chains fused unless `fuse` is off, and the epilogues of
/// products tiled for `cacheBytes` of cache when it is not 0.
static void buildBufferizedLinalg(OpPassManager &pm, bool fuse = true,
                                  int64_t cacheBytes = 0) {
  // Gradients repeat forward computations (a weight's transpose, a
  // softmax); common subexpressions merge while they are still nn ops. Not
  // after lowering: there CSE would merge the zero-filled accumulators of
  // equally shaped matmuls into one tensor that bufferization then copies,
  // and the matmul microkernel needs a fill right before its matmul.
  pm.addPass(createCSEPass());
  pm.addPass(createLowerNNToLinalg());
  // Elementwise arith/math on whole tensors (casts, say) becomes linalg too.
  // After bufferization, CSE merges the two equal subviews that an
  // extract_slice/insert_slice pair updated in place leaves (a scatter's
  // slice update), so that canonicalization drops the copy between them.
  addTextual(pm, "func.func(convert-elementwise-to-linalg),canonicalize");
  if (fuse)
    addTextual(pm, "nnc-fuse-elementwise,canonicalize");
  // Innermost loops that walk one contiguous run as one loop: LLVM
  // vectorizes it with whole-vector loads instead of gathers across rows.
  addTextual(pm, "nnc-collapse-contiguous-dims,canonicalize");
  // Each tile of an epilogue computes its slice of the product (and of the
  // im2col columns it reads) while it is in cache, in parallel with the
  // other tiles.
  if (cacheBytes > 0)
    addTextual(pm, llvm::formatv("nnc-tiling-strategy{{cache-bytes={0}},"
                                 "nnc-tile-and-fuse,canonicalize",
                                 cacheBytes)
                       .str());
  addTextual(pm, "one-shot-bufferize{bufferize-function-boundaries "
                 "allow-return-allocs-from-loops "
                 "function-boundary-type-conversion=identity-layout-map},"
                 "buffer-results-to-out-params{modify-public-functions "
                 "hoist-static-allocs},cse,canonicalize");
}

/// Shared back half: host code on memrefs/scf to the LLVM dialect. Buffers
/// are allocated through the runtime's _mlir_memref_to_llvm_alloc and
/// _mlir_memref_to_llvm_free (nnc/kernels.h), which reuse large ones.
static constexpr StringLiteral kHostToLLVM =
    "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
    "finalize-memref-to-llvm{use-generic-functions},convert-math-to-llvm,"
    "convert-math-to-libm,convert-vector-to-llvm,convert-ub-to-llvm,"
    "convert-arith-to-llvm,convert-index-to-llvm,convert-func-to-llvm,"
    "convert-cf-to-llvm,reconcile-unrealized-casts";

void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options) {
  // Attention as blocked loops with an online softmax: memory linear in the
  // sequence instead of the [Lq, Lk] scores of the untiled lowering.
  if (options.flashAttention)
    pm.addPass(createFlashAttention());
  // Dilated convolutions as dense ones on a space-to-batch view, only when
  // asked: measured (bench/dilated_conv, 3x3, dilation 2, 32x32, 64
  // channels), the direct lowering is as fast or faster in every case. A
  // depthwise one runs 0.10 against 0.14 ms at batch 1 and 8.8 against
  // 12.5 ms at batch 32: the dense loops gain nothing over the dilated ones
  // and the two transposes cost extra. Ungrouped, im2col already reads the
  // dilated windows into one GEMM, and the rewrite only adds transposes:
  // 0.97 against 1.33 ms at batch 1, 39 against 64 ms at batch 32.
  if (options.dilatedConvToDense)
    pm.addPass(createDilatedConvToDense());
  // Large 3x3 convolutions by Winograd's F(4x4, 3x3) in the runtime.
  if (options.winogradConv)
    pm.addPass(createWinogradConv());
  buildBufferizedLinalg(pm, options.fuseElementwise,
                        options.tileEpilogues ? options.cacheBytes : 0);
  // A forall (flash attention's query tiles) as the parallel loop that
  // nnc-parallel-loops-to-thread-pool runs on the thread pool.
  addTextual(pm, "func.func(scf-forall-to-parallel)");
  if (options.kernelReport)
    pm.addPass(createKernelReport(
        KernelReportOptions{options.fuseElementwise ? "fused" : "unfused"}));
  // Polynomial math vectorizes where libm calls would not.
  pm.addPass(createMathApproximation());
  // Sums and maxima in vectors of partial results, not element by element.
  pm.addPass(createReassociateReductions());
  pm.addPass(createCpuMicrokernels());
  // Each buffer is freed right after its last use. Only when asked, the
  // buffers of a function then become views of one arena, those never alive
  // together sharing bytes. Measured with nnc-vectorize's loops (which do
  // not need LLVM to prove that buffers do not overlap, as views of one
  // arena never can be), the arena costs nothing where it saves memory (the
  // transformer at sequence 1024: 15.5 ms, 21.8 against 27.9 MiB peak) and
  // costs a CNN at batch 32 time and memory (16.2 against 15.4 ms, 25.7
  // against 22.3 MiB: the runtime already recycles its large im2col
  // buffers, and the arena holds them all at once).
  addTextual(pm, "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
                 "nnc-early-dealloc");
  if (options.memoryPlan)
    addTextual(pm, "func.func(nnc-memory-plan)");
  // Loops over a linalg op's parallel dimensions come out as scf.parallel;
  // those with enough work run on the runtime's thread pool, the rest (and
  // the reduction dimensions, as scf.for) serially.
  addTextual(pm, "nnc-memref-copy-to-linalg");
  if (options.vectorize)
    addTextual(pm, "nnc-vectorize,canonicalize,cse");
  addTextual(pm, "func.func(convert-linalg-to-parallel-loops),canonicalize");
  if (options.parallelLoops)
    pm.addPass(createParallelLoopsToThreadPool());
  addTextual(pm, kHostToLLVM);
}

void buildNvptxPipeline(OpPassManager &pm,
                        const NvptxPipelineOptions &options) {
  buildBufferizedLinalg(pm);
  addTextual(pm, "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
                 "nnc-memref-copy-to-linalg");
  // Every op with a parallel loop is spread over blocks, warps and threads
  // as nnc-tiling-strategy chooses; the mapped loops become kernels. Ops
  // without one (a sum to a scalar) stay loops on the host. Nothing may
  // fold the mapped loops before they are converted: canonicalization
  // inlines a loop of one iteration, and with it its mapping.
  addTextual(pm, llvm::formatv(
                     "func.func(nnc-tiling-strategy{{target=nvptx "
                     "threads-per-block={0}},nnc-gpu-tile,"
                     "convert-linalg-to-parallel-loops,gpu-map-parallel-loops,"
                     "convert-parallel-loops-to-gpu),canonicalize",
                     options.blockSize.getValue())
                     .str());
  pm.addPass(createGpuManagedMemory());
  std::string libdevice = options.libdevice;
  if (libdevice.empty())
    libdevice = findLibdevice().value_or("");
  std::string link = libdevice.empty() ? "" : " l=" + libdevice;
  // Kernels index through affine.apply where a loop variable is scaled
  // (a convolution reads o * stride + k * dilation): lowered before NVVM.
  addTextual(
      pm,
      llvm::formatv(
          "gpu-kernel-outlining,nnc-gpu-merge-modules,"
          "nvvm-attach-target{{chip={0} features={1} O=3{2}},"
          "gpu.module(expand-strided-metadata,lower-affine,convert-scf-to-cf,"
          "convert-gpu-to-nvvm,"
          "canonicalize,cse,reconcile-unrealized-casts),"
          "gpu-to-llvm,gpu-module-to-binary{{format=isa}",
          options.chip.getValue(), options.features.getValue(), link)
          .str());
  addTextual(pm, kHostToLLVM);
}

void registerPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "nnc-cpu-pipeline", "Lower nn to the LLVM dialect for the host CPU",
      buildCpuPipeline);
  PassPipelineRegistration<NvptxPipelineOptions>(
      "nnc-nvptx-pipeline",
      "Lower nn to host LLVM code that launches NVPTX kernels",
      buildNvptxPipeline);
}

} // namespace nnc
