//===- OptimizerUpdates.h - torch.optim update rules as nn ops --*- C++ -*-===//
//
// The arithmetic of one optimizer step, written with nn ops on tensors:
// which state each algorithm keeps per parameter (under torch.optim's slot
// names) and how a parameter and its state change given its gradient. The
// formulas are PyTorch 1.13's single-tensor code paths, operation for
// operation, so that float rounding follows torch's as closely as possible.
// nnc-optimizer (Optimizer.cpp) decides what to build; this file builds it.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_TRAIN_OPTIMIZERUPDATES_H
#define NNC_PASSES_TRAIN_OPTIMIZERUPDATES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace nnc {

/// The update rule families. `momentum` and `nesterov` are SGD settings.
enum class OptimizerAlgorithm { Sgd, Adagrad, Rmsprop, Adam, AdamW };

/// Every hyperparameter with its value settled (defaults applied). Those an
/// algorithm does not take are 0 / false.
struct OptimizerHyperparameters {
  OptimizerAlgorithm algorithm = OptimizerAlgorithm::Sgd;
  double lr = 0;
  double momentum = 0;
  double dampening = 0;
  double weightDecay = 0;
  double lrDecay = 0;
  double initialAccumulatorValue = 0;
  double eps = 0;
  double alpha = 0;
  double beta1 = 0;
  double beta2 = 0;
  bool nesterov = false;
  bool maximize = false;
  bool centered = false;
  bool amsgrad = false;
};

/// The state an algorithm keeps for each parameter, in torch's order and
/// under torch's names (`exp_avg`, `momentum_buffer`, ...).
llvm::SmallVector<llvm::StringRef>
stateSlots(const OptimizerHyperparameters &hyper);

/// Whether the update reads the scalar count of steps taken: for bias
/// correction, a decaying learning rate, or a first step that differs.
bool needsStepCounter(const OptimizerHyperparameters &hyper);

/// Builds one optimizer step for parameters of one float element type.
/// Quantities shared by every parameter (bias corrections, the step
/// counter's successor) are built once, at construction.
class OptimizerStepBuilder {
public:
  /// `step` is the rank-0 step counter (the steps already taken) when
  /// needsStepCounter(hyper), else null. Ops go where `builder` points.
  OptimizerStepBuilder(mlir::OpBuilder &builder, mlir::Location loc,
                       const OptimizerHyperparameters &hyper,
                       mlir::FloatType elementType, mlir::Value step);

  /// The updated parameter and its updated state (one value per slot of
  /// stateSlots, in that order), from the parameter, its gradient and its
  /// current state.
  void update(mlir::Value param, mlir::Value grad, mlir::ValueRange state,
              mlir::Value &newParam,
              llvm::SmallVectorImpl<mlir::Value> &newState);

  /// The step counter after this step (null without one).
  mlir::Value newStep() const { return nextStep; }

private:
  /// A rank-0 constant of the element type (built once per value).
  mlir::Value constant(double value);
  mlir::Value add(mlir::Value lhs, mlir::Value rhs);
  mlir::Value sub(mlir::Value lhs, mlir::Value rhs);
  mlir::Value mul(mlir::Value lhs, mlir::Value rhs);
  mlir::Value div(mlir::Value lhs, mlir::Value rhs);
  mlir::Value sqrt(mlir::Value value);
  mlir::Value neg(mlir::Value value);

  /// The gradient with maximize and (coupled) weight decay applied.
  mlir::Value effectiveGrad(mlir::Value param, mlir::Value grad);

  void updateSgd(mlir::Value param, mlir::Value grad, mlir::ValueRange state,
                 mlir::Value &newParam,
                 llvm::SmallVectorImpl<mlir::Value> &newState);
  void updateAdagrad(mlir::Value param, mlir::Value grad,
                     mlir::ValueRange state, mlir::Value &newParam,
                     llvm::SmallVectorImpl<mlir::Value> &newState);
  void updateRmsprop(mlir::Value param, mlir::Value grad,
                     mlir::ValueRange state, mlir::Value &newParam,
                     llvm::SmallVectorImpl<mlir::Value> &newState);
  void updateAdam(mlir::Value param, mlir::Value grad, mlir::ValueRange state,
                  mlir::Value &newParam,
                  llvm::SmallVectorImpl<mlir::Value> &newState);

  mlir::OpBuilder &b;
  mlir::Location loc;
  const OptimizerHyperparameters &hyper;
  mlir::FloatType elementType;
  /// The step counter after this step.
  mlir::Value nextStep;
  /// 1 on the first step, 0 after it; and its complement (built for the
  /// updates whose first step differs).
  mlir::Value isFirst, notFirst;
  /// Adam: lr / (1 - beta1^t) negated, and sqrt(1 - beta2^t).
  mlir::Value negStepSize, biasCorrection2Sqrt;
  /// Adagrad: the decayed learning rate, negated.
  mlir::Value negClr;
  /// SGD with momentum: the factors of the old buffer and of the gradient
  /// (null when it is 1) in the new buffer.
  mlir::Value bufferScale, gradScale;
  /// The constants built so far, by value; every op goes into one block, so
  /// each is built once.
  llvm::DenseMap<mlir::Attribute, mlir::Value> constants;
};

} // namespace nnc

#endif // NNC_PASSES_TRAIN_OPTIMIZERUPDATES_H
