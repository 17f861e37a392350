//===- Compiler.h - From a model source to a native artifact ----*- C++ -*-===//
//
// What `nnc compile` does: parse a model, read its signature, check its
// weights, lower it for a target and emit MLIR, LLVM IR, PTX, an object, a
// shared library or an executable. With `train`, the artifact trains the
// model: a train step (loss, gradients and optimizer update in one native
// function) linked with the model's inference entry and a training driver.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_COMPILER_H
#define NNC_CODEGEN_COMPILER_H

#include "passes/Passes.h"

#include "mlir/IR/MLIRContext.h"

#include <string>

namespace nnc {

enum class Target { Cpu, Nvptx };
enum class Emit { Exe, Lib, Obj, Mlir, Llvm, Ptx };

struct CompileOptions {
  std::string input;  ///< the model, a .mlir file
  std::string output; ///< where the artifact goes ("-" for stdout text)
  Target target = Target::Cpu;
  Emit emit = Emit::Exe;
  /// Entry function; empty picks `forward`, or the only public function.
  std::string entry;
  /// Safetensors file; empty means the model's path with the extension
  /// `.safetensors`, when the model has parameters.
  std::string weights;
  /// Leave the weights out of the artifact; the runtime reads them at load.
  bool externalWeights = false;
  /// Name of the exported model image (an nnc_model_image global).
  std::string symbol = "nnc_compiled_model";
  /// Compile the gradient of the entry (default `loss`) instead: the
  /// function nnc-autodiff builds, `<entry>_grad`.
  bool gradient = false;
  /// With `gradient` or `train`: recompute forward values in the backward
  /// pass from checkpoints instead of keeping them (gradient checkpointing).
  bool recompute = false;
  /// With `gradient` or `train`: L1 and L2 penalty coefficients added to
  /// the loss over every parameter (nnc-weight-penalty).
  double l1 = 0, l2 = 0;
  /// Compile the forward pass in training mode (dropout drops, batch_norm
  /// uses batch statistics); otherwise a model compiled without `gradient`
  /// runs in inference mode (the nnc-inference-mode pass).
  bool trainingMode = false;
  /// Lower nn.attention untiled (the [Lq, Lk] scores formed whole) instead
  /// of tiling it with nnc-flash-attention (CPU).
  bool untiledAttention = false;
  /// Leave elementwise chains unfused (no nnc-fuse-elementwise; CPU), to
  /// measure what the fusion saves.
  bool noFusion = false;
  /// Leave the epilogues of products untiled (no nnc-tiling-strategy and
  /// nnc-tile-and-fuse; CPU), to measure what the tiling saves.
  bool noTiling = false;
  /// The cache one tile's intermediates should fit, in bytes (CPU); 0: this
  /// machine's L2 per core.
  int64_t cacheBytes = 0;
  /// Print the kernels and bytes each function runs (nnc-kernel-report;
  /// CPU) to stderr while compiling.
  bool kernelReport = false;
  /// Rewrite dilated convolutions as dense ones on a space-to-batch view
  /// (nnc-dilated-conv-to-dense) instead of lowering them directly (CPU).
  bool dilatedRewrite = false;
  /// Compute every 3x3 convolution by im2col GEMM, none by the Winograd
  /// kernel (nnc-winograd-conv off).
  bool noWinograd = false;
  /// Place the intermediate buffers of each function in one arena by
  /// liveness (nnc-memory-plan; CPU) instead of a malloc and free each.
  bool memoryPlan = false;
  /// Leave elementwise and row-reduction loop nests scalar for LLVM's loop
  /// vectorizer instead of rewriting them into vector-dialect loops
  /// (nnc-vectorize; CPU).
  bool noVectorize = false;
  /// Run every loop serially on the calling thread instead of running
  /// parallel loops on the runtime's thread pool
  /// (nnc-parallel-loops-to-thread-pool; CPU). Microkernels stay parallel.
  bool serialLoops = false;
  /// Leave the work an inference entry does on its weights alone in the
  /// entry instead of moving it into a prepare function the runtime runs
  /// once per load (nnc-hoist-weight-transforms; CPU).
  bool noWeightPrepare = false;
  /// GPU architecture for --target=nvptx.
  std::string chip = "sm_90";
  /// Compile a training artifact: `loss` differentiated, wrapped by
  /// nnc-optimizer, beside the inference entry (`entry`).
  bool train = false;
  /// With `train`: the loss function to differentiate.
  std::string loss = "loss";
  /// With `train`: the algorithm and hyperparameters of nnc-optimizer (its
  /// `function` is set from `loss`).
  OptimizerOptions optimizer;
};

/// Compiles per `options`. Errors (with source locations where they have
/// one) go to stderr prefixed by `error:`; the result says whether it worked.
llvm::LogicalResult compileModel(mlir::MLIRContext &context,
                                 const CompileOptions &options);

} // namespace nnc

#endif // NNC_CODEGEN_COMPILER_H
