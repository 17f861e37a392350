//===- Passes.td - Every nnc pass -------------------------*- tablegen -*-===//
//
// Passes are named `nnc-*` and kept alphabetical. Each lives in its own file
// named after the pass and is runnable alone from nnc-opt.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_PASSES_TD
#define NNC_PASSES_PASSES_TD

include "mlir/Pass/PassBase.td"

def Autodiff : Pass<"nnc-autodiff", "mlir::ModuleOp"> {
  let summary = "Builds the gradient of a loss function (reverse mode)";
  let description = [{
    From `@f(args...) -> (loss, extras...)`, whose first result is a rank-0
    float tensor, builds `@f_grad(args...) -> (loss, grads..., extras...)`
    with one gradient per `nn.param` argument, in argument order, named
    `nn.output = "<param>.grad"`. Each op differentiates through its
    GradientOpInterface rule; `scf.for` and `scf.while` loops through a
    reverse loop over a tape of their carried tensors (backpropagation
    through time); `nn.stop_gradient` blocks gradients. Only ops on a path
    from a parameter to the loss are differentiated (activity analysis).
    With `recompute`, forward values the backward pass needs are recomputed
    from checkpoints (every ceil(sqrt(n))-th of the n ops on that path)
    instead of being kept alive, trading one extra forward pass for memory.
    Every `nn.grad` op in the module is expanded first into its callee's
    forward and backward ops, so a loss may contain gradients (second
    order). Calls must be inlined first.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"loss\"",
           "The loss function to differentiate">,
    Option<"recompute", "recompute", "bool", "false",
           "Recompute forward values from checkpoints (gradient "
           "checkpointing)">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect",
                           "nnc::nn::NNDialect"];
}

def CollapseContiguousDims : Pass<"nnc-collapse-contiguous-dims"> {
  let summary = "Collapses the innermost contiguous loops of linalg.generic "
                "ops into one";
  let description = [{
    Runs on linalg on tensors. A `linalg.generic`'s innermost loops of one
    iterator kind that every indexing map reads as one run of contiguous
    dimensions (an image's rows and columns) become one loop, its operands
    collapsed and its results expanded back: LLVM then vectorizes a long
    contiguous loop instead of unrolling a short one and vectorizing across
    it with gathers.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def CpuMicrokernels : Pass<"nnc-cpu-microkernels", "mlir::ModuleOp"> {
  let summary = "Calls the runtime's microkernels for the matmuls they cover";
  let description = [{
    Runs on bufferized linalg. A `linalg.matmul` on static f32 memrefs
    whose rows are contiguous (dense buffers, or strided views such as the
    tiles a loop slices out of them; the default indexing maps) and whose
    output was just zero-filled becomes one call to the runtime's
    `nnc_uk_matmul_f32` (runtime/include/nnc/kernels.h, a Halide-generated
    kernel) with each operand's first element and row stride, and the fill
    goes away; one whose maps read B transposed (the form
    nn.matmul(x, nn.transpose(w)) lowers to) calls `nnc_uk_matmul_nt_f32`
    on B's own buffer. A `linalg.batch_matmul` of either form on such
    [batch, rows, columns] buffers becomes an scf.parallel over the batch
    calling the kernel once per entry. Other matmuls stay for loop codegen.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect"];
}

def DilatedConvToDense : Pass<"nnc-dilated-conv-to-dense"> {
  let summary = "Rewrites dilated convolutions as dense ones on a "
                "space-to-batch view";
  let description = [{
    An `nn.conv` whose dilation d along a spatial dimension matters (kernel
    extent above 1 there) reads, for output `q * d + r`, only padded inputs
    of phase `r` (positions congruent to `r` modulo d). The input is split
    into its phase sub-grids, each a batch entry (space-to-batch: nn.reshape
    and nn.transpose, d1 * d2 * ... entries per image over the dilated
    dimensions), convolved by one dense (dilation 1) `nn.conv` with the same
    weight, bias and groups, and the phase outputs are interleaved back
    (batch-to-space) and cropped to the output's extent. Padding that is a
    whole number of phase positions is left to the dense convolution; the
    rest (`pad_begin mod d` zeros in front, zeros after the input up to a
    multiple of d) is written with `nn.slice_scatter` into zeros. Every
    output is the same sum of the same products in the same order as the
    direct form. Any groups, any number of spatial dimensions; dimensions
    without dilation keep their stride and padding.

    Left alone: convolutions with a dilated dimension (dilation above 1 and
    kernel extent above 1) whose stride is above 1 (the phases of the
    outputs then mix input phases); convolutions with no such dilated
    dimension; dynamic shapes; `nn.conv_transpose`.

    The CPU pipeline runs it only when asked (`dilated-conv-to-dense`,
    `nnc compile --dilated-rewrite`): measured, it is not yet faster than
    the direct lowering (codegen/Pipelines.cpp).
  }];
}

def EarlyDealloc : Pass<"nnc-early-dealloc"> {
  let summary = "Frees each buffer right after its last use";
  let description = [{
    Runs after the buffer deallocation pipeline has placed a
    `memref.dealloc` for every `memref.alloc`, at the end of its block. Each
    such dealloc of an alloc in the same block moves up to just after the
    last op of the block that uses the buffer or a value derived from it
    (a view, a loop result, a raw pointer for a microkernel; ops nested
    in that op count as uses by it). Buffers used outside the block are left
    alone. Peak memory then follows the live values of the program, which
    is what gradient checkpointing reduces.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def FlashAttention : Pass<"nnc-flash-attention"> {
  let summary = "Tiles nn.attention and its gradient into blocked loops "
                "with an online softmax";
  let description = [{
    Rewrites every `nn.attention` into an `scf.forall` over the batch, the
    key/value heads and the query tiles (each writing its rows of the
    output with `tensor.parallel_insert_slice`) around a loop over
    key/value tiles (FlashAttention): each step scores one head's query
    tile against a key tile, masks it, and folds it into a running row maximum,
    a running row sum and an output accumulator rescaled by
    `exp(old max - new max)`, dividing by the sum at the end. The
    `[Lq, Lk]` score matrix is never formed; memory grows linearly with the
    sequence. Causal and sliding-window attention visit only the key tiles
    a query tile can see; grouped-query attention reads each key/value tile
    once per group; rows with every key masked out give zeros. Tiles are
    the largest divisors of the sequence lengths not above the options. The
    loop bodies are nn ops on tile tensors (with tensor slices, scf loops
    and a linalg.generic position mask), lowered later by
    `nnc-lower-nn-to-linalg`.

    `nn.attention_grad` is tiled as FlashAttention-2 does, in an
    `scf.forall` over the batch and the key/value heads: per query tile,
    one sweep over its key tiles gives each row's logsumexp, and a second
    recomputes the probabilities of each score tile from it and accumulates
    dQ for the query tile and dK, dV into the key tile, so the gradient's
    memory grows linearly with the sequence too.
  }];
  // Defaults measured (causal, 8 heads of 64, sequence 4096, 2 threads):
  // 64 x 256 took 117 ms; 128 x 128, 125; 64 x 128, 130; 128 x 256, 130;
  // 256 x 128, 142; 64 x 512, 143; 32 x 256, 150.
  let options = [
    Option<"queryTile", "query-tile", "int64_t", "64",
           "query rows per tile (at most; a divisor of Lq is used)">,
    Option<"keyTile", "key-tile", "int64_t", "256",
           "keys per tile (at most; a divisor of Lk is used)">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def FuseElementwise : Pass<"nnc-fuse-elementwise"> {
  let summary = "Fuses elementwise producer-consumer chains into one loop nest";
  let description = [{
    Runs on linalg on tensors. An all-parallel `linalg.generic` whose only
    use is another `linalg.generic` is merged into it (one loop nest, the
    intermediate tensor gone), reshapes between structured ops are folded
    by expanding the loop nests, and elementwise ops on constants are
    folded. A contraction or a convolution (named or generic) neither
    absorbs a producer nor is reshaped: it stays the product the GEMM
    kernel takes, and an im2col producer stays separate from its GEMM. A
    producer with several uses is not duplicated into each.
  }];
  let dependentDialects = ["mlir::affine::AffineDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def GpuManagedMemory : Pass<"nnc-gpu-managed-memory", "mlir::ModuleOp"> {
  let summary = "Places every buffer of a GPU model in memory both the host "
                "and the device reach";
  let description = [{
    Runs on bufferized host code whose loops have become `gpu.launch`
    regions. Every `memref.alloc`/`memref.dealloc` becomes
    `gpu.alloc host_shared` / `gpu.dealloc` (CUDA managed memory), and every
    `memref.get_global` (constants) is copied into such a buffer on entry to
    its function and freed at each return, so kernels only touch memory the
    device can reach. Entry arguments are staged in
    managed memory by the runtime.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect",
                           "mlir::memref::MemRefDialect"];
}

def GpuTile : Pass<"nnc-gpu-tile"> {
  let summary = "Carries out the block, warp and thread tiles "
                "nnc-tiling-strategy chose for NVPTX";
  let description = [{
    Runs on linalg on buffers. Every op carrying `nnc.gpu_tiles` (arrays
    `block`, `warp` and `thread` of one size per loop, 0 for the reduction
    loops; each thread tile dividing its warp tile, each warp tile its block
    tile) becomes an `scf.parallel` over block tiles (its innermost three
    dimensions mapped to blocks x, y and z), the op's block tile through the
    TilingInterface, an `scf.parallel` over the block's warps (thread y) and
    one over a warp's lanes (thread x). Each thread computes its tile as
    scalar code: the tile's points unrolled, their outputs carried in
    registers through `scf.for` loops over the reduction loops and stored
    where in bounds. convert-parallel-loops-to-gpu then makes kernels of the
    mapped loops.
  }];
  let dependentDialects = ["mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::gpu::GPUDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect"];
}

def GpuMergeModules : Pass<"nnc-gpu-merge-modules", "mlir::ModuleOp"> {
  let summary = "Gathers every outlined kernel into one gpu.module";
  let description = [{
    Kernel outlining makes one `gpu.module` per kernel. This pass moves every
    kernel function into the first module (renaming on a clash) and retargets
    each `gpu.launch_func`, so a model carries one PTX module: loaded once at
    run time, and validated by ptxas as one file.
  }];
}

def HoistWeightTransforms : Pass<"nnc-hoist-weight-transforms",
                                 "mlir::ModuleOp"> {
  let summary = "Moves what an inference entry computes from its weights "
                "alone into a prepare function run once";
  let description = [{
    Runs on nn. Every side-effect free op at the top level of the entry
    that reads only `nn.param` / `nn.buffer` arguments, constants and other
    such ops, and whose result is no larger than the weights it reads,
    moves into `@<entry>_prepare`, which takes every param and buffer of
    the entry in order and returns the results the entry still reads. Those
    become `nn.derived` arguments of the entry (named after the weight and
    the op, as `fc.weight:transpose`); a reshape or slice the entry reads
    stays in it. Functions with `nn.state` arguments (train steps) and
    functions that are called are left alone. The runtime calls the prepare function once the weights are
    bound, so a linear layer's weight transpose happens once per load
    rather than once per call. A 2-d transpose that only products of
    fewer than `narrow-columns` columns read as their right operand stays:
    the lowering reads the weight in place (a transposed-B matmul), which
    the CPU runs faster than the plain GEMM on a transposed copy when the
    product is narrower than a vector. `nnc compile` runs it on inference
    entries for the CPU; `--no-weight-prepare` turns it off.
  }];
  let options = [
    Option<"entry", "entry", "std::string", /*default=*/"",
           "The function to hoist from (default: every public function)">,
    Option<"narrowColumns", "narrow-columns", "int64_t", /*default=*/"16",
           "Products with fewer columns read their transposed weight in "
           "place (0: hoist every transpose)">,
  ];
}

def InferenceMode : Pass<"nnc-inference-mode"> {
  let summary = "Puts every dropout and batch_norm in inference mode";
  let description = [{
    One model source serves both training and inference. This pass sets
    `training = false` on every `nn.dropout` (which becomes the identity) and
    `nn.batch_norm` (which normalizes with its running statistics and
    returns them unchanged), as `model.eval()` does in PyTorch. `nnc
    compile` runs it on every model it does not differentiate.
  }];
}

def KernelReport : Pass<"nnc-kernel-report", "mlir::ModuleOp"> {
  let summary = "Prints the kernels each function runs and the bytes they "
                "move";
  let description = [{
    Runs on bufferized linalg and changes nothing. For each function it
    prints `kernel report (LABEL): @NAME: N kernels, B bytes moved (X MB)`
    to stderr: every structured op and buffer copy is one kernel (a loop
    nest over memory, or a runtime kernel call), and moves the bytes of
    each of its operand buffers once. Ops in a loop (`scf.for`,
    `scf.parallel`, `scf.forall`) with constant bounds count once per
    iteration; loops with run-time bounds count once (the line says so).
    Bytes of buffers allocated inside a loop (one tile's intermediates,
    sized by nnc-tiling-strategy to stay in cache) are also totalled:
    `..., T of them (Y MB) in buffers of one loop iteration`. `nnc compile --kernel-report` prints it for a model, and
    with `--no-fusion` for the same model unfused.
  }];
  let options = [
    Option<"label", "label", "std::string", "\"\"",
           "Printed with each line, to tell runs apart">,
  ];
}

def LowerNNToLinalg : Pass<"nnc-lower-nn-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lowers nn ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Every nn op becomes structured ops on tensors: elementwise ops and
    activations become `linalg.generic` with broadcasting indexing maps,
    `nn.matmul` becomes `linalg.matmul` (rank 2) or a batched contraction,
    reductions and losses become reducing `linalg.generic`s, and shape ops
    become `tensor` ops or `linalg.transpose`. Softmax, log-softmax and
    log-sum-exp subtract the running maximum for stability. `nn.scan`
    becomes an `scf.for` over its steps.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::math::MathDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def MathApproximation : Pass<"nnc-math-approximation"> {
  let summary = "Replaces transcendental math ops by polynomial approximations";
  let description = [{
    Rewrites f32 `math` ops (exp, log, log1p, expm1, tanh, erf, rsqrt, ...)
    into arithmetic with MLIR's polynomial approximations, which vectorize
    where calls into the C math library do not; the CPU pipeline runs it.
    sin and cos stay library calls: their approximation reduces the argument
    in float32 and loses accuracy as |x| grows.
    f16 and bf16 ops are computed in f32 (extended, approximated, truncated);
    f64 ops are left as they are.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def ReassociateReductions : Pass<"nnc-reassociate-reductions"> {
  let summary = "Lets LLVM reassociate (and so vectorize) float reductions";
  let description = [{
    Marks the combiner of each floating-point reduction in a
    `linalg.generic` (an `arith.addf`, `mulf`, `maximumf`, `minimumf`,
    `maxnumf` or `minnumf` that folds an element into an output
    accumulating over every reduction loop, and is that accumulator's only
    user) with `fastmath<reassoc>`. LLVM's loop vectorizer then keeps a
    vector of partial results instead of adding one element at a time in
    order. Results change by rounding only; nothing else in the body is
    relaxed. The CPU pipeline runs it.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

def MemoryPlan : Pass<"nnc-memory-plan", "mlir::func::FuncOp"> {
  let summary = "Places intermediate buffers in one arena by liveness";
  let description = [{
    Runs after nnc-early-dealloc. Every statically shaped `memref.alloc`
    freed by a `memref.dealloc` in its own block (an intermediate: results
    and out-parameters have none) is alive from its first use (its contents
    are undefined before) to the dealloc; a buffer used inside a nested op
    is alive for that whole op. Buffers go
    to 64-byte aligned offsets of one arena per function, largest first,
    each in the smallest gap among the buffers alive at the same time (best
    fit), so buffers that are never alive together share bytes. Each alloc
    becomes a `memref.view` of the arena and its dealloc goes; the arena is
    allocated at function entry and freed before the return.

    The buffers of `scf.for`, `scf.while`, `scf.if`, `scf.index_switch` and
    `scf.execute_region` bodies are planned within their block, and that
    block's layout takes the bytes of one buffer of the enclosing block,
    alive for the op: each iteration reuses them. The blocks of other ops
    with regions (a parallel loop) get an arena of their own at the start
    of the block. Dynamically shaped buffers, other layouts and memory
    spaces, and buffers without a dealloc in their block stay as they are.

    The function gets `nnc.arena_bytes` (its arenas' bytes) and
    `nnc.intermediate_bytes` (the bytes of all buffers planned into them),
    which the compiler carries into the model metadata.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def MemrefCopyToLinalg : Pass<"nnc-memref-copy-to-linalg"> {
  let summary = "Turns memref.copy into linalg.copy";
  let description = [{
    Bufferization copies buffers with `memref.copy`, which LLVM lowering
    turns into a call to MLIR's C runner library for strided views. As
    `linalg.copy` the copy becomes loops on the CPU and a kernel on the GPU,
    like every other structured op.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def Optimizer : Pass<"nnc-optimizer", "mlir::ModuleOp"> {
  let summary = "Wraps a loss gradient into a train step that updates the "
                "parameters with a torch.optim algorithm";
  let description = [{
    Reads `@<function>(params..., inputs..., [buffers...]) -> (loss,
    grads..., [aux...])` as nnc-autodiff makes it (one gradient per
    `nn.param` argument, in argument order) and adds a public `@train_step`:

      @train_step(params..., state..., inputs..., buffers...)
          -> (params'..., state'..., aux..., loss)

    It calls the gradient function and applies one step of the chosen
    algorithm with PyTorch 1.13's update formulas (torch.optim's
    single-tensor code paths), built from nn ops and arith constants so it
    lowers like any model. Optimizer state arguments carry
    `nn.state = "<param>.<slot>"` with torch.optim's slot names (`exp_avg`,
    `exp_avg_sq`, `max_exp_avg_sq`, `sum`, `square_avg`, `grad_avg`,
    `momentum_buffer`), plus one scalar `nn.state = "step"` (f32, the number
    of steps already taken) where the update needs it. Every state tensor
    starts at zero: the first-step cases of torch (SGD's momentum buffer
    taking the gradient, Adagrad's initial accumulator value) read the step
    counter. Results are named after what they replace (`nn.output` = the
    param, state or buffer name); the loss comes last.

    Algorithms: `sgd`, `momentum` and `nesterov` (torch.optim.SGD with
    momentum > 0, and with nesterov=True; both default the momentum to 0.9),
    `adagrad`, `rmsprop`, `adam`, `adamw`. A hyperparameter left unset takes
    torch.optim's default for the algorithm (SGD has no default learning
    rate, so `sgd` needs `lr`); one that the algorithm does not take is an
    error, as are values torch.optim rejects.

    ```
    nnc-opt model.mlir --inline --nnc-autodiff \
        --nnc-optimizer="algorithm=adamw lr=0.01 weight-decay=0.1"
    ```
  }];
  let options = [
    Option<"function", "function", "std::string", "\"loss_grad\"",
           "The gradient function to wrap">,
    Option<"algorithm", "algorithm", "std::string", "\"adam\"",
           "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw">,
    Option<"lr", "lr", "double", "kUnsetHyperparameter",
           "Learning rate (sgd: required; adagrad, rmsprop: 1e-2; adam, "
           "adamw: 1e-3)">,
    Option<"momentum", "momentum", "double", "kUnsetHyperparameter",
           "Momentum factor (sgd, rmsprop: 0; momentum, nesterov: 0.9)">,
    Option<"dampening", "dampening", "double", "kUnsetHyperparameter",
           "Dampening for momentum (sgd family; default 0)">,
    Option<"weightDecay", "weight-decay", "double", "kUnsetHyperparameter",
           "Weight decay (L2 penalty; adamw: decoupled, default 1e-2; "
           "others 0)">,
    Option<"nesterov", "nesterov", "bool", "false",
           "Nesterov momentum (sgd family)">,
    Option<"maximize", "maximize", "bool", "false",
           "Maximize the objective instead of minimizing it">,
    Option<"lrDecay", "lr-decay", "double", "kUnsetHyperparameter",
           "Learning rate decay (adagrad; default 0)">,
    Option<"initialAccumulatorValue", "initial-accumulator-value", "double",
           "kUnsetHyperparameter",
           "Initial value of the sum of squares (adagrad; default 0)">,
    Option<"eps", "eps", "double", "kUnsetHyperparameter",
           "Term added to the denominator (adagrad: 1e-10; rmsprop, adam, "
           "adamw: 1e-8)">,
    Option<"alpha", "alpha", "double", "kUnsetHyperparameter",
           "Smoothing constant (rmsprop; default 0.99)">,
    Option<"centered", "centered", "bool", "false",
           "Normalize by the estimated variance of the gradient (rmsprop)">,
    Option<"beta1", "beta1", "double", "kUnsetHyperparameter",
           "Decay of the first moment (adam, adamw; default 0.9)">,
    Option<"beta2", "beta2", "double", "kUnsetHyperparameter",
           "Decay of the second moment (adam, adamw; default 0.999)">,
    Option<"amsgrad", "amsgrad", "bool", "false",
           "Use the maximum of past second moments (adam, adamw)">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "nnc::nn::NNDialect"];
}

def ParallelLoopsToThreadPool
    : Pass<"nnc-parallel-loops-to-thread-pool", "mlir::ModuleOp"> {
  let summary = "Runs parallel loops on the runtime's thread pool";
  let description = [{
    Runs on loops over memrefs, before the LLVM lowering. Each outermost
    `scf.parallel` without results whose estimated work (ops of its body
    times its trips, nested loops included; a call counts as a microkernel;
    a bound that is not constant as 1024 trips) reaches `min-work` becomes
    a call of the runtime's `nnc_parallel_for` (nnc/kernels.h) on a
    function `@<function>_parallel` outlined from it, which runs a range
    [begin, end) of the linearized iterations of the loop's leading
    dimensions: the fewest that give at least 16 iterations, the last
    dimension of several always staying an inner `scf.parallel` that runs
    serially and vectorizes. The values the body uses from above, bounds
    included, travel in a closure struct stored in a stack slot of the
    caller: memrefs as LLVM memref descriptors (through
    `builtin.unrealized_conversion_cast`, folded by the LLVM lowering),
    indices as i64, integers, floats and `!llvm.ptr` as they are; constants
    and `memref.get_global` are recreated in the outlined function. A loop
    using a value of any other type stays serial.
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", "32768",
           "Estimated scalar ops a loop needs to be run in parallel">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::func::FuncDialect",
                           "mlir::LLVM::LLVMDialect",
                           "mlir::scf::SCFDialect"];
}

def TileAndFuse : Pass<"nnc-tile-and-fuse"> {
  let summary = "Tiles ops as nnc-tiling-strategy chose and fuses their "
                "producers into the tiles";
  let description = [{
    Runs on linalg on tensors. Every op carrying `nnc.tile_sizes` (one size
    per loop, 0 for a loop left whole; only parallel loops, as the tiles run
    in parallel) is tiled through the TilingInterface into an `scf.forall`. Into each tile go the slices of its producers that
    the tile reads, through reshapes: the product it is the epilogue of, the
    fills and pads and data-movement ops (im2col) that product gathers its
    operands from, each only when used on the way to this op alone and when
    a tile needs part, not all, of it. Arithmetic producers, and operands
    every tile reads whole, stay outside and are computed once.
  }];
  let dependentDialects = ["mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect"];
}

def TilingStrategy : Pass<"nnc-tiling-strategy"> {
  let summary = "Chooses tile sizes per op for the target and records them "
                "as attributes";
  let description = [{
    With `target=cpu` (the default) it runs on linalg on tensors and tiles
    the epilogues of products for the cache (register tiles are the
    microkernels'). An all-parallel `linalg.generic` at a
    function's top level that reads, through single-use reshapes, the
    result of a product (a linalg op with reduction loops) is that
    product's epilogue. When the product's intermediates (its result and
    the operands it gathers in the function, im2col's columns say) exceed
    `cache-bytes`, the epilogue gets `nnc.tile_sizes`: its outermost
    dimension that slices the product's largest input is tiled by the
    largest size whose share of the intermediates fits `cache-bytes` (or
    the smallest the reshapes allow). nnc-tile-and-fuse carries it out.

    With `target=nvptx` it runs on linalg on buffers and gives every op with
    a parallel loop, outside parallel loops, `nnc.gpu_tiles`: the tile of a
    block, of a warp and of a thread in each loop, which nnc-gpu-tile
    carries out. The two innermost parallel loops are spread over the
    threads, the outer ones take one index per block. A thread computes one
    point, or a 4 x 4 register tile of a product (an op with reduction
    loops) whose two loops have 32 or more points each. A warp's 32 lanes
    take consecutive thread tiles of the innermost loop, as many as it has
    (rounded up to a power of two; at most 8 of register tiles, for a
    16 x 32 warp tile), and the rest of the second loop. A block
    takes up to `threads-per-block` threads: its warps are added, doubling
    the block tile in whichever of the two loops has more tiles left, while
    both have any left.
  }];
  let options = [
    Option<"target", "target", "std::string", "\"cpu\"",
           "what to choose tiles for: cpu or nvptx">,
    Option<"cacheBytes", "cache-bytes", "int64_t", "1048576",
           "bytes of cache one tile's intermediates should fit (a core's L2)">,
    Option<"threadsPerBlock", "threads-per-block", "int64_t", "256",
           "most threads of a block on nvptx (a multiple of 32, at most "
           "1024)">,
  ];
}

def Vectorize : Pass<"nnc-vectorize"> {
  let summary = "Elementwise and row-reduction loop nests to vector loops";
  let description = [{
    Rewrites f32 `linalg.generic` ops on buffers into loops over vectors of
    `vector-bits` (the host's widest register when 0: 512 with AVX-512, 256
    with AVX, else 128), the body's scalar ops cloned on vectors between
    `vector.transfer_read` and `vector.transfer_write`:
    - an elementwise one into an `scf.parallel` nest whose innermost loop
      steps by one vector; operands that loop does not move are loaded once
      and broadcast;
    - a reduction over its innermost loops, each output accumulated by one
      add, multiply, maximum or minimum, into an `scf.parallel` loop over the
      other loops whose body carries up to four registers of partial results
      per output through `scf.for` loops over the reduction, then reduces
      them (`vector.reduction`, reassociable) and folds the result into the
      output.
    The innermost loop must walk each operand it moves contiguously: the
    last index is the loop's index plus terms without it (a convolution
    window's `ow + kw`), and the buffer's last stride is 1. The last,
    partial vector of a row is masked. Other nests (reductions over outer
    loops, other element types, strided innermost accesses, bodies with
    index or memory ops) are left to the loop lowering. The CPU pipeline
    runs it before lowering the remaining linalg ops to loops.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "Vector register width in bits (0: the host's)">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::affine::AffineDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect"];
}

def WinogradConv : Pass<"nnc-winograd-conv"> {
  let summary = "Marks the 3x3 convolutions that the runtime's Winograd "
                "kernel computes";
  let description = [{
    Marks (`nnc.winograd`) an ungrouped 2-D f32 `nn.conv` with static
    shapes, a 3x3 kernel and stride 1 (dilated or not), with at least
    `min-channels` input and output channels, at least `min-pixels` output
    pixels over the batch and output rows of at least `min-width` pixels
    (for a dilation d along the rows, every d-th pixel of a row: the rows
    of its phases, which the kernel computes as dense convolutions).
    nn-to-linalg lowers a marked convolution to `linalg.conv_2d_nchw_fchw`
    on its padded input (plus the bias), and nnc-cpu-microkernels hands
    that to `nnc_uk_conv3x3_f32`, the runtime's
    Winograd F(4x4, 3x3) kernel: 36 multiplications per 4x4 tile and
    channel pair where the direct sums take 144. Unmarked convolutions keep
    the im2col GEMM. The CPU pipeline runs it; NVPTX does not.
  }];
  let options = [
    Option<"minChannels", "min-channels", "int64_t", /*default=*/"16",
           "Input and output channels a convolution needs at least">,
    Option<"minPixels", "min-pixels", "int64_t", /*default=*/"1024",
           "Output pixels (batch times height times width) a convolution "
           "needs at least">,
    Option<"minWidth", "min-width", "int64_t", /*default=*/"32",
           "Pixels an output row needs at least (the kernel's transforms "
           "are vectors of 8 tiles of 4)">,
  ];
}

def WeightPenalty : Pass<"nnc-weight-penalty", "mlir::ModuleOp"> {
  let summary = "Adds L1 and L2 penalties of the parameters to a loss";
  let description = [{
    Regularization as a rewrite of the loss: the first result of `function`
    (a rank-0 float tensor) becomes
    `loss + l1 * sum(|p|) + l2 * sum(p^2)` summed over every `nn.param`
    argument `p` (not over inputs, buffers or optimizer state). Run it before
    `nnc-autodiff`, which then differentiates the penalty with the rest of
    the loss: its gradient adds `l1 * sign(p) + 2 * l2 * p`. With both
    coefficients 0 it changes nothing.
  }];
  let options = [
    Option<"function", "function", "std::string", "\"loss\"",
           "The loss function to penalize">,
    Option<"l1", "l1", "double", "0.0",
           "Coefficient of the sum of absolute values of the parameters">,
    Option<"l2", "l2", "double", "0.0",
           "Coefficient of the sum of squares of the parameters">,
  ];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "nnc::nn::NNDialect"];
}

#endif // NNC_PASSES_PASSES_TD
