//===- Optimizer.cpp - A train step around a loss gradient ----------------===//
//
// nnc-optimizer: settles the hyperparameters of the chosen torch.optim
// algorithm, checks the gradient function nnc-autodiff made, and adds
// `@train_step`, which calls it and applies the update of
// OptimizerUpdates.h to every parameter. Option errors and a gradient
// function of the wrong shape are diagnostics, not crashes.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/train/OptimizerUpdates.h"

#include "ir/NNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>

namespace nnc {
#define GEN_PASS_DEF_OPTIMIZER
#include "passes/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;

namespace {

/// The function the pass adds.
constexpr StringLiteral kTrainStepName = "train_step";
/// The `nn.state` name of the step counter.
constexpr StringLiteral kStepStateName = "step";
/// The default name of the loss result.
constexpr StringLiteral kLossName = "loss";
/// Marks a hyperparameter an algorithm must be given (no torch default).
constexpr double kRequired = -1;

/// What an algorithm accepts: its numeric hyperparameters with torch's
/// defaults (kRequired where torch has none) and its flags.
struct AlgorithmSpec {
  OptimizerAlgorithm algorithm;
  llvm::StringMap<double> defaults;
  SmallVector<StringRef> flags;
};

/// The spec of the algorithm named `name`, or nothing.
std::optional<AlgorithmSpec> lookupAlgorithm(StringRef name) {
  // Momentum and Nesterov are SGD with momentum on; torch's SGD default
  // momentum of 0 would turn it off, so they default to 0.9.
  if (name == "sgd" || name == "momentum" || name == "nesterov")
    return AlgorithmSpec{OptimizerAlgorithm::Sgd,
                         {{"lr", kRequired},
                          {"momentum", name == "sgd" ? 0.0 : 0.9},
                          {"dampening", 0.0},
                          {"weight-decay", 0.0}},
                         {"nesterov", "maximize"}};
  if (name == "adagrad")
    return AlgorithmSpec{OptimizerAlgorithm::Adagrad,
                         {{"lr", 1e-2},
                          {"lr-decay", 0.0},
                          {"weight-decay", 0.0},
                          {"initial-accumulator-value", 0.0},
                          {"eps", 1e-10}},
                         {"maximize"}};
  if (name == "rmsprop")
    return AlgorithmSpec{OptimizerAlgorithm::Rmsprop,
                         {{"lr", 1e-2},
                          {"alpha", 0.99},
                          {"eps", 1e-8},
                          {"weight-decay", 0.0},
                          {"momentum", 0.0}},
                         {"centered", "maximize"}};
  if (name == "adam" || name == "adamw")
    return AlgorithmSpec{
        name == "adam" ? OptimizerAlgorithm::Adam : OptimizerAlgorithm::AdamW,
        {{"lr", 1e-3},
         {"beta1", 0.9},
         {"beta2", 0.999},
         {"eps", 1e-8},
         {"weight-decay", name == "adam" ? 0.0 : 1e-2}},
        {"amsgrad", "maximize"}};
  return std::nullopt;
}

/// Where a value of the gradient function's signature goes.
struct GradientSignature {
  /// Argument indices of the params, inputs and buffers, in argument order.
  SmallVector<unsigned> params, inputs, buffers;
  /// The name each argument carries.
  SmallVector<StringRef> argNames;
  FloatType elementType;
};

struct OptimizerPass : nnc::impl::OptimizerBase<OptimizerPass> {
  using OptimizerBase::OptimizerBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<OptimizerHyperparameters> hyper = settleHyperparameters(module);
    if (failed(hyper))
      return signalPassFailure();
    auto gradFunc = module.lookupSymbol<func::FuncOp>(function);
    if (!gradFunc || gradFunc.isExternal()) {
      module.emitError() << "nnc-optimizer: no function '@" << function
                         << "' with a body to build a train step from "
                            "(nnc-autodiff makes it)";
      return signalPassFailure();
    }
    if (module.lookupSymbol(kTrainStepName)) {
      module.emitError() << "nnc-optimizer: the module already has a '@"
                         << kTrainStepName << "'";
      return signalPassFailure();
    }
    FailureOr<GradientSignature> signature = readGradientSignature(gradFunc);
    if (failed(signature))
      return signalPassFailure();
    buildTrainStep(module, gradFunc, *signature, *hyper);
  }

  /// Applies torch's defaults to the options left unset and rejects options
  /// the algorithm does not take and values torch.optim rejects.
  FailureOr<OptimizerHyperparameters> settleHyperparameters(ModuleOp module) {
    auto error = [&]() {
      return module.emitError() << "nnc-optimizer: ";
    };
    std::optional<AlgorithmSpec> spec = lookupAlgorithm(algorithm);
    if (!spec)
      return error() << "unknown algorithm '" << algorithm
                     << "'; expected sgd, momentum, nesterov, adagrad, "
                        "rmsprop, adam or adamw";
    OptimizerHyperparameters hyper;
    hyper.algorithm = spec->algorithm;
    struct Numeric {
      StringRef name;
      double given;
      double *settled;
    };
    Numeric numerics[] = {
        {"lr", lr, &hyper.lr},
        {"momentum", momentum, &hyper.momentum},
        {"dampening", dampening, &hyper.dampening},
        {"weight-decay", weightDecay, &hyper.weightDecay},
        {"lr-decay", lrDecay, &hyper.lrDecay},
        {"initial-accumulator-value", initialAccumulatorValue,
         &hyper.initialAccumulatorValue},
        {"eps", eps, &hyper.eps},
        {"alpha", alpha, &hyper.alpha},
        {"beta1", beta1, &hyper.beta1},
        {"beta2", beta2, &hyper.beta2},
    };
    for (const Numeric &option : numerics) {
      auto found = spec->defaults.find(option.name);
      bool given = !std::isnan(option.given);
      if (given && found == spec->defaults.end())
        return error() << "option '" << option.name
                       << "' does not apply to algorithm '" << algorithm
                       << "'";
      if (found == spec->defaults.end())
        continue;
      if (!given && found->second == kRequired)
        return error() << "algorithm '" << algorithm << "' needs '"
                       << option.name
                       << "' (torch.optim has no default for it)";
      if (given && option.given < 0)
        return error() << "'" << option.name << "' must be >= 0, got "
                       << option.given;
      *option.settled = given ? option.given : found->second;
    }
    struct Flag {
      StringRef name;
      bool given;
      bool *settled;
    };
    Flag flags[] = {{"nesterov", nesterov, &hyper.nesterov},
                    {"maximize", maximize, &hyper.maximize},
                    {"centered", centered, &hyper.centered},
                    {"amsgrad", amsgrad, &hyper.amsgrad}};
    for (const Flag &flag : flags) {
      if (flag.given && !llvm::is_contained(spec->flags, flag.name))
        return error() << "option '" << flag.name
                       << "' does not apply to algorithm '" << algorithm
                       << "'";
      *flag.settled = flag.given;
    }
    if (algorithm == "nesterov")
      hyper.nesterov = true;
    if (hyper.beta1 >= 1 || hyper.beta2 >= 1)
      return error() << "betas must be in [0, 1), got beta1 = " << hyper.beta1
                     << ", beta2 = " << hyper.beta2;
    if (algorithm == "momentum" && hyper.momentum == 0)
      return error() << "algorithm 'momentum' needs a momentum above 0";
    if (hyper.nesterov && hyper.momentum == 0)
      return error() << "Nesterov momentum requires a momentum above 0";
    if (hyper.nesterov && hyper.dampening != 0)
      return error() << "Nesterov momentum requires zero dampening, got "
                     << hyper.dampening;
    return hyper;
  }

  /// Sorts the arguments of the gradient function and checks its results:
  /// the scalar loss, then one gradient per param with the param's type.
  FailureOr<GradientSignature> readGradientSignature(func::FuncOp func) {
    GradientSignature signature;
    std::string where = ("'@" + func.getSymName() + "'").str();
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      StringRef name;
      if (auto attr = func.getArgAttrOfType<StringAttr>(
              i, nn::NNDialect::kParamAttrName)) {
        signature.params.push_back(i);
        name = attr.getValue();
      } else if (auto attr = func.getArgAttrOfType<StringAttr>(
                     i, nn::NNDialect::kInputAttrName)) {
        signature.inputs.push_back(i);
        name = attr.getValue();
      } else if (auto attr = func.getArgAttrOfType<StringAttr>(
                     i, nn::NNDialect::kBufferAttrName)) {
        signature.buffers.push_back(i);
        name = attr.getValue();
      } else {
        return func.emitError()
               << "argument #" << i << " of " << where
               << " is not marked nn.param, nn.input or nn.buffer";
      }
      signature.argNames.push_back(name);
    }
    if (signature.params.empty())
      return func.emitError() << where << " has no nn.param argument to train";
    unsigned numParams = signature.params.size();
    if (func.getNumResults() < 1 + numParams)
      return func.emitError()
             << where << " returns " << func.getNumResults()
             << " values; expected the loss and one gradient for each of its "
             << numParams << " nn.param arguments";
    auto lossType = dyn_cast<RankedTensorType>(func.getResultTypes()[0]);
    if (!lossType || lossType.getRank() != 0 ||
        !isa<FloatType>(lossType.getElementType()))
      return func.emitError()
             << "the loss (result #0 of " << where
             << ") must be a scalar float tensor, got "
             << func.getResultTypes()[0];
    for (unsigned k = 0; k < numParams; ++k) {
      unsigned arg = signature.params[k];
      Type paramType = func.getArgument(arg).getType();
      Type gradType = func.getResultTypes()[1 + k];
      auto tensor = dyn_cast<RankedTensorType>(paramType);
      if (!tensor || !isa<FloatType>(tensor.getElementType()))
        return func.emitError() << "param '" << signature.argNames[arg]
                                << "' must be a float tensor, got "
                                << paramType;
      if (gradType != paramType)
        return func.emitError()
               << "result #" << 1 + k << " of " << where
               << " (the gradient of '" << signature.argNames[arg]
               << "') has type " << gradType << "; expected " << paramType;
      auto elementType = cast<FloatType>(tensor.getElementType());
      if (signature.elementType && signature.elementType != elementType)
        return func.emitError()
               << "params of different element types (" << signature.elementType
               << " and " << elementType << ") cannot share one train step";
      signature.elementType = elementType;
    }
    return signature;
  }

  /// Adds the public `@train_step` calling `gradFunc`.
  void buildTrainStep(ModuleOp module, func::FuncOp gradFunc,
                      const GradientSignature &signature,
                      const OptimizerHyperparameters &hyper) {
    MLIRContext *context = module.getContext();
    Location loc = gradFunc.getLoc();
    SmallVector<StringRef> slots = stateSlots(hyper);
    bool hasStep = needsStepCounter(hyper);
    auto scalarType = RankedTensorType::get({}, signature.elementType);
    auto argType = [&](unsigned i) {
      return gradFunc.getArgument(i).getType();
    };

    // Arguments: params, state (step first, then each param's slots),
    // inputs, buffers; each with its attribute.
    SmallVector<Type> argTypes;
    SmallVector<NamedAttribute> argAttrs;
    SmallVector<std::string> stateNames;
    auto addArg = [&](Type type, StringRef attr, StringRef name) {
      argTypes.push_back(type);
      argAttrs.push_back(NamedAttribute(StringAttr::get(context, attr),
                                        StringAttr::get(context, name)));
    };
    for (unsigned i : signature.params)
      addArg(argType(i), nn::NNDialect::kParamAttrName, signature.argNames[i]);
    unsigned firstState = argTypes.size();
    if (hasStep)
      stateNames.push_back(kStepStateName.str());
    for (unsigned i : signature.params)
      for (StringRef slot : slots)
        stateNames.push_back((signature.argNames[i] + "." + slot).str());
    for (unsigned s = 0; s < stateNames.size(); ++s) {
      bool isStep = hasStep && s == 0;
      addArg(isStep ? scalarType : argType(signature.params[(s - hasStep) /
                                                            slots.size()]),
             nn::NNDialect::kStateAttrName, stateNames[s]);
    }
    unsigned firstInput = argTypes.size();
    for (unsigned i : signature.inputs)
      addArg(argType(i), nn::NNDialect::kInputAttrName, signature.argNames[i]);
    unsigned firstBuffer = argTypes.size();
    for (unsigned i : signature.buffers)
      addArg(argType(i), nn::NNDialect::kBufferAttrName,
             signature.argNames[i]);

    // Results: params', state', aux (new buffers), loss.
    unsigned numParams = signature.params.size();
    auto gradResults = gradFunc.getResultTypes();
    SmallVector<Type> resultTypes;
    SmallVector<StringRef> resultNames;
    for (unsigned i : signature.params) {
      resultTypes.push_back(argType(i));
      resultNames.push_back(signature.argNames[i]);
    }
    for (unsigned s = 0; s < stateNames.size(); ++s) {
      resultTypes.push_back(argTypes[firstState + s]);
      resultNames.push_back(stateNames[s]);
    }
    for (unsigned r = 1 + numParams; r < gradResults.size(); ++r) {
      resultTypes.push_back(gradResults[r]);
      auto name = gradFunc.getResultAttrOfType<StringAttr>(
          r, nn::NNDialect::kOutputAttrName);
      resultNames.push_back(name ? name.getValue() : StringRef());
    }
    auto lossName = gradFunc.getResultAttrOfType<StringAttr>(
        0, nn::NNDialect::kOutputAttrName);
    resultTypes.push_back(gradResults[0]);
    resultNames.push_back(lossName ? lossName.getValue()
                                   : StringRef(kLossName));

    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    auto step = func::FuncOp::create(
        b, loc, kTrainStepName, FunctionType::get(context, argTypes,
                                                  resultTypes));
    for (unsigned i = 0; i < argAttrs.size(); ++i)
      step.setArgAttrs(i, ArrayRef<NamedAttribute>{argAttrs[i]});
    for (unsigned r = 0; r < resultNames.size(); ++r)
      if (!resultNames[r].empty())
        step.setResultAttr(r, nn::NNDialect::kOutputAttrName,
                           StringAttr::get(context, resultNames[r]));
    Block *body = step.addEntryBlock();
    b.setInsertionPointToStart(body);

    // The gradient function's operands, in its argument order.
    SmallVector<Value> callOperands(gradFunc.getNumArguments());
    for (auto [k, i] : llvm::enumerate(signature.params))
      callOperands[i] = body->getArgument(k);
    for (auto [k, i] : llvm::enumerate(signature.inputs))
      callOperands[i] = body->getArgument(firstInput + k);
    for (auto [k, i] : llvm::enumerate(signature.buffers))
      callOperands[i] = body->getArgument(firstBuffer + k);
    auto call = func::CallOp::create(b, loc, gradFunc, callOperands);

    Value stepCounter = hasStep ? body->getArgument(firstState) : Value();
    OptimizerStepBuilder update(b, loc, hyper, signature.elementType,
                                stepCounter);
    SmallVector<Value> newParams, newState;
    if (hasStep)
      newState.push_back(update.newStep());
    for (unsigned k = 0; k < numParams; ++k) {
      unsigned firstSlot = firstState + hasStep + k * slots.size();
      ValueRange state = body->getArguments().slice(firstSlot, slots.size());
      Value newParam;
      update.update(body->getArgument(k), call.getResult(1 + k), state,
                    newParam, newState);
      newParams.push_back(newParam);
    }
    SmallVector<Value> results = newParams;
    llvm::append_range(results, newState);
    llvm::append_range(results, call.getResults().drop_front(1 + numParams));
    results.push_back(call.getResult(0));
    func::ReturnOp::create(b, loc, results);
  }
};

} // namespace
