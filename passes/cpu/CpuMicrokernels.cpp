//===- CpuMicrokernels.cpp - Matmuls as runtime microkernel calls ---------===//
//
// The runtime's f32 GEMM (Halide-generated, register-tiled and vectorized
// for the host) beats the loops linalg lowers to. This pass hands it every
// matmul whose operands it can take as a pointer and a row stride (rows of
// contiguous elements, as dense buffers and the tiles a loop slices out of
// them are): a plain one to nnc_uk_matmul_f32, one reading B transposed to
// nnc_uk_matmul_nt_f32, one reading A transposed to nnc_uk_matmul_tn_f32,
// and a batch of plain or transposed-B ones to a loop of calls, one per
// batch entry. A 3x3 convolution with stride 1 in NCHW (lowered so for
// nnc-winograd-conv) goes to nnc_uk_conv3x3_f32.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/cpu/RuntimeFunction.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_CPUMICROKERNELS
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

/// Names of the C entry points in runtime/include/nnc/kernels.h.
constexpr StringLiteral kMatmulKernel = "nnc_uk_matmul_f32";
constexpr StringLiteral kMatmulTransposedBKernel = "nnc_uk_matmul_nt_f32";
constexpr StringLiteral kMatmulTransposedAKernel = "nnc_uk_matmul_tn_f32";
constexpr StringLiteral kConv3x3Kernel = "nnc_uk_conv3x3_f32";

/// A static f32 buffer of `rank` (2: a matrix, 3: a batch of them) whose
/// rows are contiguous, so the kernel can take it by pointer and row stride.
bool isKernelOperand(Value value, int64_t rank) {
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type || type.getRank() != rank || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return false;
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

/// The zero fill of `buffer` that `matmul` accumulates onto, if it comes
/// right before with nothing touching `buffer` in between.
linalg::FillOp zeroFillBefore(Operation *matmul, Value buffer) {
  for (Operation *op = matmul->getPrevNode(); op; op = op->getPrevNode()) {
    if (auto fill = dyn_cast<linalg::FillOp>(op)) {
      if (fill.getOutputs()[0] == buffer)
        return matchPattern(fill.getInputs()[0], m_AnyZeroFloat())
                   ? fill
                   : linalg::FillOp();
    }
    if (llvm::is_contained(op->getOperands(), buffer))
      return {};
  }
  return {};
}

/// An index value as i64.
Value toI64(PatternRewriter &rewriter, Location loc, Value index) {
  return arith::IndexCastOp::create(rewriter, loc, rewriter.getI64Type(),
                                    index);
}

/// Where a kernel operand's elements are: a pointer to its first element
/// and its strides in elements (i64), outermost first.
struct OperandLayout {
  Value pointer;
  SmallVector<Value> strides;
};

/// The layout of a strided memref: its aligned base pointer advanced by its
/// offset, and its strides.
OperandLayout layoutOf(PatternRewriter &rewriter, Location loc, Value memref) {
  auto metadata =
      memref::ExtractStridedMetadataOp::create(rewriter, loc, memref);
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(
      rewriter, loc, metadata.getBaseBuffer());
  Type ptr = LLVM::LLVMPointerType::get(rewriter.getContext());
  Value pointer =
      LLVM::IntToPtrOp::create(rewriter, loc, ptr, toI64(rewriter, loc, base));
  OperandLayout layout;
  layout.pointer = LLVM::GEPOp::create(
      rewriter, loc, ptr, rewriter.getF32Type(), pointer,
      ValueRange{toI64(rewriter, loc, metadata.getOffset())});
  for (Value stride : metadata.getStrides())
    layout.strides.push_back(toI64(rewriter, loc, stride));
  return layout;
}

/// `func.func private @NAME(ptr, ptr, ptr, i64 x 6)`: a kernel taking A, B
/// (or Bt) and C, then m, n and k, then the row strides of A, B and C.
func::FuncOp declareMatmulKernel(PatternRewriter &rewriter, ModuleOp module,
                                 StringRef name) {
  Type ptr = LLVM::LLVMPointerType::get(rewriter.getContext());
  Type i64 = rewriter.getI64Type();
  return nnc::declareRuntimeFunction(
      rewriter, module, name,
      rewriter.getFunctionType({ptr, ptr, ptr, i64, i64, i64, i64, i64, i64},
                               {}));
}

/// What a kernel call needs from a (batch) matmul: its f32 operands of
/// `rank`, the zero fill of C it replaces, and the kernel's declaration.
struct KernelCall {
  Value a, b, c;
  linalg::FillOp fill;
  func::FuncOp kernel;
};

/// The kernel that takes the indexing maps of the (batch) matmul `op`: the
/// plain one (default maps, `userMaps` false), the transposed-B or the
/// transposed-A one (2-d only); empty for other maps.
StringRef kernelFor(Operation *op, bool userMaps) {
  if (isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op))
    return kMatmulTransposedBKernel;
  if (isa<linalg::MatmulTransposeAOp>(op))
    return kMatmulTransposedAKernel;
  return userMaps ? StringRef() : StringRef(kMatmulKernel);
}

/// Matches `op` for a call of `kernelName` on operands of `rank`; an empty
/// name means no kernel takes the op's indexing maps.
FailureOr<KernelCall> matchKernelCall(linalg::LinalgOp op, StringRef kernelName,
                                      int64_t rank, PatternRewriter &rewriter) {
  if (!op.hasPureBufferSemantics())
    return rewriter.notifyMatchFailure(op, "not on buffers");
  if (kernelName.empty())
    return rewriter.notifyMatchFailure(op, "broadcast or permuted maps");
  KernelCall call;
  call.a = op.getDpsInputs()[0];
  call.b = op.getDpsInputs()[1];
  call.c = op.getDpsInits()[0];
  if (!isKernelOperand(call.a, rank) || !isKernelOperand(call.b, rank) ||
      !isKernelOperand(call.c, rank))
    return rewriter.notifyMatchFailure(
        op, "operands are not static f32 matrices (or batches) with "
            "contiguous rows");
  call.fill = zeroFillBefore(op, call.c);
  if (!call.fill)
    return rewriter.notifyMatchFailure(op, "output not zero-filled first");
  call.kernel = declareMatmulKernel(rewriter, op->getParentOfType<ModuleOp>(),
                                    kernelName);
  return call;
}

/// An i64 constant.
Value i64Constant(PatternRewriter &rewriter, Location loc, int64_t value) {
  return arith::ConstantOp::create(rewriter, loc,
                                   rewriter.getI64IntegerAttr(value));
}

struct MatmulToMicrokernel : OpRewritePattern<linalg::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<KernelCall> call = matchKernelCall(
        op, kernelFor(op, op.hasUserDefinedMaps()), 2, rewriter);
    if (failed(call))
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> aShape = cast<MemRefType>(call->a.getType()).getShape();
    ArrayRef<int64_t> cShape = cast<MemRefType>(call->c.getType()).getShape();
    // A is [m, k], or [k, m] read transposed.
    int64_t k =
        aShape[isa<linalg::MatmulTransposeAOp>(op.getOperation()) ? 0 : 1];
    OperandLayout a = layoutOf(rewriter, loc, call->a);
    OperandLayout b = layoutOf(rewriter, loc, call->b);
    OperandLayout c = layoutOf(rewriter, loc, call->c);
    SmallVector<Value> args = {a.pointer,
                               b.pointer,
                               c.pointer,
                               i64Constant(rewriter, loc, cShape[0]),
                               i64Constant(rewriter, loc, cShape[1]),
                               i64Constant(rewriter, loc, k),
                               a.strides[0],
                               b.strides[0],
                               c.strides[0]};
    func::CallOp::create(rewriter, loc, call->kernel, args);
    rewriter.eraseOp(op);
    rewriter.eraseOp(call->fill);
    return success();
  }
};

/// A batch matmul [batch, m, k] by [batch, k, n] (or, transposed,
/// [batch, n, k]): a loop over the batch calling the kernel on each entry's
/// matrices, found at batch * (batch stride) elements from each start.
struct BatchMatmulToMicrokernel : OpRewritePattern<linalg::BatchMatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::BatchMatmulOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<KernelCall> call = matchKernelCall(
        op, kernelFor(op, op.hasUserDefinedMaps()), 3, rewriter);
    if (failed(call))
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> aShape = cast<MemRefType>(call->a.getType()).getShape();
    ArrayRef<int64_t> cShape = cast<MemRefType>(call->c.getType()).getShape();
    auto i64 = [&](int64_t value) { return i64Constant(rewriter, loc, value); };
    OperandLayout layouts[] = {layoutOf(rewriter, loc, call->a),
                               layoutOf(rewriter, loc, call->b),
                               layoutOf(rewriter, loc, call->c)};
    Value m = i64(cShape[1]), n = i64(cShape[2]), k = i64(aShape[2]);
    auto lower = arith::ConstantIndexOp::create(rewriter, loc, 0);
    auto upper = arith::ConstantIndexOp::create(rewriter, loc, cShape[0]);
    auto step = arith::ConstantIndexOp::create(rewriter, loc, 1);
    auto loop = scf::ParallelOp::create(rewriter, loc, ValueRange{lower},
                                        ValueRange{upper}, ValueRange{step});
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(loop.getBody());
      Value entry = arith::IndexCastOp::create(
          rewriter, loc, rewriter.getI64Type(), loop.getInductionVars()[0]);
      SmallVector<Value> args;
      for (const OperandLayout &layout : layouts) {
        Value offset =
            arith::MulIOp::create(rewriter, loc, entry, layout.strides[0]);
        args.push_back(LLVM::GEPOp::create(
            rewriter, loc, layout.pointer.getType(), rewriter.getF32Type(),
            layout.pointer, ValueRange{offset}));
      }
      args.append({m, n, k});
      for (const OperandLayout &layout : layouts)
        args.push_back(layout.strides[1]);
      func::CallOp::create(rewriter, loc, call->kernel, args);
    }
    rewriter.eraseOp(op);
    rewriter.eraseOp(call->fill);
    return success();
  }
};

/// Whether every entry of the i64 elements `attr` (a convolution's strides
/// or dilations) is 1.
bool allOnes(DenseIntElementsAttr attr) {
  return llvm::all_of(attr.getValues<int64_t>(),
                      [](int64_t v) { return v == 1; });
}

/// A 3x3 convolution [N, C, H, W] by [F, C, 3, 3], stride 1 and any
/// dilation, into a zero-filled output: the Winograd kernel, which takes
/// each operand by its pointer and the strides of its outer three
/// dimensions (rows of contiguous elements; the filters dense).
struct Conv3x3ToMicrokernel : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics())
      return rewriter.notifyMatchFailure(op, "not on buffers");
    Value x = op.getDpsInputs()[0], w = op.getDpsInputs()[1];
    Value y = op.getDpsInits()[0];
    auto filterType = dyn_cast<MemRefType>(w.getType());
    if (!isKernelOperand(x, 4) || !isKernelOperand(y, 4) ||
        !isKernelOperand(w, 4) || !filterType.getLayout().isIdentity() ||
        filterType.getDimSize(2) != 3 || filterType.getDimSize(3) != 3 ||
        !allOnes(op.getStrides()))
      return rewriter.notifyMatchFailure(
          op, "not a dense 3x3 f32 filter with stride 1 over static "
              "operands with contiguous rows");
    linalg::FillOp fill = zeroFillBefore(op, y);
    if (!fill)
      return rewriter.notifyMatchFailure(op, "output not zero-filled first");
    Location loc = op.getLoc();
    ArrayRef<int64_t> yShape = cast<MemRefType>(y.getType()).getShape();
    Type ptr = LLVM::LLVMPointerType::get(rewriter.getContext());
    Type i64 = rewriter.getI64Type();
    SmallVector<Type> arguments = {ptr, ptr, ptr};
    arguments.append(13, i64);
    func::FuncOp kernel = nnc::declareRuntimeFunction(
        rewriter, op->getParentOfType<ModuleOp>(), kConv3x3Kernel,
        rewriter.getFunctionType(arguments, {}));
    OperandLayout input = layoutOf(rewriter, loc, x);
    OperandLayout output = layoutOf(rewriter, loc, y);
    auto constant = [&](int64_t value) {
      return i64Constant(rewriter, loc, value);
    };
    SmallVector<Value> args = {input.pointer,
                               layoutOf(rewriter, loc, w).pointer,
                               output.pointer,
                               constant(yShape[0]),
                               constant(filterType.getDimSize(1)),
                               constant(yShape[1]),
                               constant(yShape[2]),
                               constant(yShape[3])};
    for (int64_t dilation : op.getDilations().getValues<int64_t>())
      args.push_back(constant(dilation));
    args.append(input.strides.begin(), input.strides.begin() + 3);
    args.append(output.strides.begin(), output.strides.begin() + 3);
    func::CallOp::create(rewriter, loc, kernel, args);
    rewriter.eraseOp(op);
    rewriter.eraseOp(fill);
    return success();
  }
};

struct CpuMicrokernelsPass
    : nnc::impl::CpuMicrokernelsBase<CpuMicrokernelsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    nnc::populateCpuMicrokernelPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void nnc::populateCpuMicrokernelPatterns(RewritePatternSet &patterns) {
  patterns
      .add<MatmulToMicrokernel, BatchMatmulToMicrokernel, Conv3x3ToMicrokernel>(
          patterns.getContext());
}
