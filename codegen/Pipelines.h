//===- Pipelines.h - Named lowering pipelines for each target ---*- C++ -*-===//
//
// A pipeline takes a module of nn ops on tensors to the LLVM dialect for one
// target. Both are registered by name so nnc-opt can run them:
//   nnc-opt model.mlir --nnc-cpu-pipeline="flash-attention=false"
//   nnc-opt model.mlir --nnc-cpu-pipeline="kernel-report fuse-elementwise=0"
//   nnc-opt model.mlir --nnc-nvptx-pipeline="chip=sm_80"
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_PIPELINES_H
#define NNC_CODEGEN_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace nnc {

/// Options of the CPU pipeline.
struct CpuPipelineOptions
    : public mlir::PassPipelineOptions<CpuPipelineOptions> {
  Option<bool> flashAttention{
      *this, "flash-attention",
      llvm::cl::desc("tile nn.attention with nnc-flash-attention (off: the "
                     "untiled reference lowering, which forms the scores)"),
      llvm::cl::init(true)};
  Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("fuse elementwise chains with nnc-fuse-elementwise "
                     "(off: one loop nest per op, to measure the fusion)"),
      llvm::cl::init(true)};
  Option<bool> tileEpilogues{
      *this, "tile-epilogues",
      llvm::cl::desc("tile the epilogues of products whose intermediates "
                     "exceed the cache and fuse the products into the tiles "
                     "(nnc-tiling-strategy, nnc-tile-and-fuse)"),
      llvm::cl::init(true)};
  Option<int64_t> cacheBytes{
      *this, "cache-bytes",
      llvm::cl::desc("bytes of cache one tile's intermediates should fit "
                     "(a core's L2)"),
      llvm::cl::init(1048576)};
  Option<bool> kernelReport{
      *this, "kernel-report",
      llvm::cl::desc("print the kernels and bytes of each function "
                     "(nnc-kernel-report) once bufferized"),
      llvm::cl::init(false)};
  Option<bool> dilatedConvToDense{
      *this, "dilated-conv-to-dense",
      llvm::cl::desc("rewrite dilated convolutions as dense ones on a "
                     "space-to-batch view (nnc-dilated-conv-to-dense); off: "
                     "lowered directly, which measured faster"),
      llvm::cl::init(false)};
  Option<bool> winogradConv{
      *this, "winograd-conv",
      llvm::cl::desc("compute the large 3x3 convolutions by the runtime's "
                     "Winograd kernel (nnc-winograd-conv); off: all by "
                     "im2col GEMM"),
      llvm::cl::init(true)};
  Option<bool> memoryPlan{
      *this, "memory-plan",
      llvm::cl::desc("place intermediate buffers in one arena per function "
                     "with nnc-memory-plan (off, the default: one malloc and "
                     "free each, which measured faster and smaller on a "
                     "CNN)"),
      llvm::cl::init(false)};
  Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("rewrite elementwise and row-reduction loop nests "
                     "into vector-dialect loops of the host's vector width "
                     "(nnc-vectorize); off: scalar loops that LLVM's loop "
                     "vectorizer may vectorize"),
      llvm::cl::init(true)};
  Option<bool> parallelLoops{
      *this, "parallel-loops",
      llvm::cl::desc("run parallel loops with enough work on the runtime's "
                     "thread pool (nnc-parallel-loops-to-thread-pool); off: "
                     "every loop serial on the calling thread"),
      llvm::cl::init(true)};
};

/// Options of the NVPTX pipeline.
struct NvptxPipelineOptions
    : public mlir::PassPipelineOptions<NvptxPipelineOptions> {
  Option<std::string> chip{*this, "chip",
                           llvm::cl::desc("GPU architecture (sm_80, sm_90)"),
                           llvm::cl::init("sm_90")};
  Option<std::string> features{
      *this, "features", llvm::cl::desc("PTX ISA feature (+ptx80)"),
      llvm::cl::init("+ptx80")};
  Option<std::string> libdevice{
      *this, "libdevice",
      llvm::cl::desc("CUDA libdevice bitcode to link (default: found in the "
                     "CUDA toolkit)"),
      llvm::cl::init("")};
  Option<int64_t> blockSize{
      *this, "block-size",
      llvm::cl::desc("most threads per block (a multiple of 32, at most "
                     "1024; a small op's blocks have fewer)"),
      llvm::cl::init(256)};
};

/// nn on tensors -> LLVM dialect for the host CPU.
void buildCpuPipeline(mlir::OpPassManager &pm,
                      const CpuPipelineOptions &options);

/// nn on tensors -> LLVM dialect on the host, with the loop nests outlined to
/// GPU kernels compiled to PTX and embedded as a gpu.binary.
void buildNvptxPipeline(mlir::OpPassManager &pm,
                        const NvptxPipelineOptions &options);

/// Registers `nnc-cpu-pipeline` and `nnc-nvptx-pipeline`.
void registerPipelines();

} // namespace nnc

#endif // NNC_CODEGEN_PIPELINES_H
