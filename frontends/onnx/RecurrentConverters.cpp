//===- RecurrentConverters.cpp - ONNX RNN, GRU and LSTM -------------------===//
//
// The three recurrent layers of ONNX, built from nn ops so that the autodiff
// pass differentiates them: per direction, the input projection of every
// step is one matmul before the recurrence, then one nn.scan over time runs
// the cell (the recurrent matmul, the gates, the state update).
//
// ONNX's conventions: W is [D, G*H, I], R is [D, G*H, H], B is [D, 2*G*H]
// (Wb then Rb), with the gates stacked in the order i (RNN), z r h (GRU) or
// i o f c (LSTM); D is 2 for `bidirectional`, whose direction 0 runs forward
// and direction 1 in reverse. With `layout = 0` X is [T, B, I], Y is
// [T, D, B, H] and the states are [D, B, H]; with `layout = 1` X is
// [B, T, I], Y is [B, T, D, H] and the states are [B, D, H].
//
// `sequence_lens` gives each batch entry its own length L: steps at and past
// L leave the state unchanged and output zeros, and the reverse direction
// starts at step L - 1 of each entry. The reverse direction reads its inputs
// through a gather that maps step s to L - 1 - s (s < L) or leaves it alone
// (s >= L); the same map, an involution, puts its outputs back in place.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/NodeConverter.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <onnx/onnx_pb.h>

#include <array>

namespace nnc::onnx_import {
namespace {

/// Which of the three layers a node is: the number of gates G and the
/// activation functions each direction takes (f; f, g; f, g, h).
enum class Cell { Rnn, Gru, Lstm };

int64_t gateCount(Cell cell) {
  return cell == Cell::Rnn ? 1 : cell == Cell::Gru ? 3 : 4;
}

/// One activation function of the `activations` attribute with its alpha and
/// beta (the attribute's values where the function takes them, else the
/// defaults of the ONNX op of the same name).
struct Activation {
  std::string name;
  float alpha = 0, beta = 0;
};

/// The defaults (alpha, beta) of the activations that take parameters, or
/// nullopt for a name ONNX's recurrent ops do not know.
std::optional<std::pair<int, std::pair<float, float>>>
activationParameters(llvm::StringRef name) {
  // first: how many of alpha, beta the function reads.
  if (name == "Sigmoid" || name == "Tanh" || name == "Relu" ||
      name == "Softsign" || name == "Softplus")
    return std::make_pair(0, std::make_pair(0.f, 0.f));
  if (name == "LeakyRelu")
    return std::make_pair(1, std::make_pair(0.01f, 0.f));
  if (name == "ThresholdedRelu" || name == "Elu")
    return std::make_pair(1, std::make_pair(1.f, 0.f));
  if (name == "ScaledTanh")
    return std::make_pair(2, std::make_pair(1.f, 1.f));
  if (name == "HardSigmoid")
    return std::make_pair(2, std::make_pair(0.2f, 0.5f));
  if (name == "Affine")
    return std::make_pair(2, std::make_pair(1.f, 0.f));
  return std::nullopt;
}

/// Builds the nn ops of one recurrent node; every shape is checked before
/// the first op is built, so the ops themselves cannot fail.
class RecurrentBuilder {
public:
  RecurrentBuilder(NodeContext &context, Cell cell)
      : context_(context), cell_(cell), b_(context.loc(), context.builder()) {}

  mlir::LogicalResult convert();

private:
  mlir::LogicalResult readAttributes();
  mlir::LogicalResult readInputs();

  mlir::RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return mlir::RankedTensorType::get(shape, b_.getF32Type());
  }
  mlir::Value constant(llvm::ArrayRef<int64_t> shape,
                       llvm::ArrayRef<float> values) {
    return mlir::arith::ConstantOp::create(
        b_, mlir::DenseElementsAttr::get(tensorType(shape), values));
  }
  mlir::Value scalar(float value) { return constant({}, {value}); }
  mlir::Value reshape(mlir::Value value, llvm::ArrayRef<int64_t> shape) {
    return nn::ReshapeOp::create(b_, value, shape);
  }
  mlir::Value transpose(mlir::Value value, llvm::ArrayRef<int64_t> perm) {
    return nn::TransposeOp::create(b_, value, perm);
  }
  /// Entries [begin, end) of the last axis of a [rows..., n] value.
  mlir::Value columns(mlir::Value value, int64_t begin, int64_t end);
  /// Entry `d` of the leading axis of a [D, rest...] value, as [rest...].
  mlir::Value direction(mlir::Value value, int64_t d);
  mlir::Value add(mlir::Value lhs, mlir::Value rhs) {
    return nn::AddOp::create(b_, lhs, rhs);
  }
  mlir::Value mul(mlir::Value lhs, mlir::Value rhs) {
    return nn::MulOp::create(b_, lhs, rhs);
  }
  mlir::Value matmul(mlir::Value lhs, mlir::Value rhs) {
    return nn::MatmulOp::create(b_, lhs, rhs);
  }
  mlir::Value activate(const Activation &activation, mlir::Value value);
  /// `activation` of the gate pre-activation `value`, clipped first when
  /// the node has a `clip` attribute.
  mlir::Value gate(const Activation &activation, mlir::Value value);

  /// The per-step sequence positions that direction `reverse` reads, as the
  /// flattened [T * B] row index of each (step, batch entry); null for the
  /// forward direction.
  mlir::Value reverseIndex();
  /// Reorders the [T, B, n] `steps` by `index` (see reverseIndex).
  mlir::Value reorder(mlir::Value steps, mlir::Value index);

  /// Runs direction `d` over `projected` ([T, B, G*H], reordered for the
  /// reverse direction): the step outputs [T, B, H] and the final states
  /// ([B, H] each: h, and c for the LSTM).
  struct DirectionResult {
    mlir::Value outputs, hidden, cell;
  };
  DirectionResult scanDirection(int64_t d, mlir::Value projected,
                                mlir::Value initialHidden,
                                mlir::Value initialCell);
  /// The cell: the next (h, c) from the carried ones and this step's
  /// projected input; c is null for RNN and GRU.
  std::pair<mlir::Value, mlir::Value>
  step(int64_t d, mlir::Value hidden, mlir::Value cell, mlir::Value projected);

  NodeContext &context_;
  Cell cell_;
  mlir::ImplicitLocOpBuilder b_;

  // Attributes.
  int64_t directions_ = 1, hiddenSize_ = 0, layout_ = 0;
  bool reverseOnly_ = false, inputForget_ = false, linearBeforeReset_ = false;
  std::optional<float> clip_;
  /// Per direction, the cell's activations in the order f, g, h.
  std::vector<std::vector<Activation>> activations_;

  // Inputs (time-major) and sizes.
  int64_t steps_ = 0, batch_ = 0, inputSize_ = 0;
  mlir::Value x_, w_, r_, bias_, peepholes_, initialH_, initialC_;
  /// Each batch entry's length as f32 [B], or null when all are T.
  mlir::Value lengths_;
  /// Per direction: R^T of each part the cell multiplies h by, and for GRU
  /// with linear_before_reset, Rb of the h gate.
  std::vector<mlir::Value> recurrentT_, hiddenGateBias_;
  /// Per direction, the LSTM peepholes [H] of the i, o and f gates.
  std::vector<std::array<mlir::Value, 3>> peepholeParts_;
  /// [T, B, 1]: 1 at the steps inside each entry's length, else 0; null
  /// without sequence_lens.
  mlir::Value mask_;
};

mlir::LogicalResult RecurrentBuilder::readAttributes() {
  std::string direction = context_.stringAttribute("direction", "forward");
  if (direction == "bidirectional")
    directions_ = 2;
  else if (direction == "reverse")
    reverseOnly_ = true;
  else if (direction != "forward")
    return context_.fail("unknown direction '" + direction + "'");
  layout_ = context_.intAttribute("layout", 0);
  if (layout_ != 0 && layout_ != 1)
    return context_.fail("layout must be 0 or 1, got " + llvm::Twine(layout_));
  hiddenSize_ = context_.intAttribute("hidden_size", 0);
  if (const onnx::AttributeProto *clip = context_.attribute("clip")) {
    if (!(clip->f() > 0))
      return context_.fail("clip must be positive");
    clip_ = clip->f();
  }
  if (cell_ == Cell::Lstm)
    inputForget_ = context_.intAttribute("input_forget", 0) != 0;
  if (cell_ == Cell::Gru)
    linearBeforeReset_ = context_.intAttribute("linear_before_reset", 0) != 0;

  std::vector<std::string> defaults =
      cell_ == Cell::Rnn ? std::vector<std::string>{"Tanh"}
      : cell_ == Cell::Gru
          ? std::vector<std::string>{"Sigmoid", "Tanh"}
          : std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"};
  size_t perDirection = defaults.size();
  std::vector<std::string> names;
  if (const onnx::AttributeProto *list = context_.attribute("activations"))
    names.assign(list->strings().begin(), list->strings().end());
  if (names.empty())
    for (int64_t d = 0; d < directions_; ++d)
      names.insert(names.end(), defaults.begin(), defaults.end());
  // A bidirectional node naming one direction's functions uses them for
  // both (as ONNX Runtime does).
  if (names.size() == perDirection && directions_ == 2) {
    std::vector<std::string> forward = names;
    names.insert(names.end(), forward.begin(), forward.end());
  }
  if (names.size() != perDirection * directions_)
    return context_.fail("activations must name " +
                         llvm::Twine(perDirection * directions_) +
                         " functions (" + llvm::Twine(perDirection) +
                         " per direction), got " + llvm::Twine(names.size()));
  auto floats = [&](llvm::StringRef name) {
    std::vector<float> values;
    if (const onnx::AttributeProto *list = context_.attribute(name))
      values.assign(list->floats().begin(), list->floats().end());
    return values;
  };
  std::vector<float> alphas = floats("activation_alpha"),
                     betas = floats("activation_beta");
  size_t nextAlpha = 0, nextBeta = 0;
  activations_.assign(directions_, {});
  for (auto [index, name] : llvm::enumerate(names)) {
    auto parameters = activationParameters(name);
    if (!parameters)
      return context_.fail("activation '" + name + "' is not supported");
    Activation activation{name, parameters->second.first,
                          parameters->second.second};
    if (parameters->first >= 1 && nextAlpha < alphas.size())
      activation.alpha = alphas[nextAlpha++];
    if (parameters->first >= 2 && nextBeta < betas.size())
      activation.beta = betas[nextBeta++];
    activations_[index / perDirection].push_back(activation);
  }
  return mlir::success();
}

mlir::LogicalResult RecurrentBuilder::readInputs() {
  auto x = context_.tensorInput(0);
  auto w = context_.tensorInput(1);
  auto r = context_.tensorInput(2);
  if (mlir::failed(x) || mlir::failed(w) || mlir::failed(r))
    return mlir::failure();
  if (!x->second.getElementType().isF32())
    return context_.fail("X must be a float32 tensor");
  if (x->second.getRank() != 3)
    return context_.fail(layout_ ? "X must be [batch, steps, inputs]"
                                 : "X must be [steps, batch, inputs]");
  steps_ = x->second.getDimSize(layout_ ? 1 : 0);
  batch_ = x->second.getDimSize(layout_ ? 0 : 1);
  inputSize_ = x->second.getDimSize(2);
  int64_t gates = gateCount(cell_);
  if (hiddenSize_ <= 0)
    hiddenSize_ = r->second.getRank() == 3 ? r->second.getDimSize(2) : 0;
  int64_t h = hiddenSize_;
  auto expect = [&](mlir::RankedTensorType type, llvm::ArrayRef<int64_t> shape,
                    llvm::StringRef what) -> mlir::LogicalResult {
    if (!type.getElementType().isF32())
      return context_.fail(what + " must be a float32 tensor, as X is");
    if (type.getShape() == shape)
      return mlir::success();
    std::string want;
    llvm::raw_string_ostream os(want);
    llvm::interleave(shape, os, "x");
    return context_.fail(what + " must be " + want + " for hidden_size " +
                         llvm::Twine(h) + " and " + llvm::Twine(directions_) +
                         " direction(s)");
  };
  if (mlir::failed(
          expect(w->second, {directions_, gates * h, inputSize_}, "W")) ||
      mlir::failed(expect(r->second, {directions_, gates * h, h}, "R")))
    return mlir::failure();
  x_ = layout_ ? transpose(x->first, {1, 0, 2}) : x->first;
  w_ = w->first;
  r_ = r->first;
  auto optional = [&](size_t index, llvm::ArrayRef<int64_t> shape,
                      llvm::StringRef what,
                      mlir::Value *out) -> mlir::LogicalResult {
    if (!context_.hasInput(index))
      return mlir::success();
    auto value = context_.tensorInput(index);
    if (mlir::failed(value) || mlir::failed(expect(value->second, shape, what)))
      return mlir::failure();
    *out = value->first;
    return mlir::success();
  };
  llvm::SmallVector<int64_t> stateShape =
      layout_ ? llvm::SmallVector<int64_t>{batch_, directions_, h}
              : llvm::SmallVector<int64_t>{directions_, batch_, h};
  if (mlir::failed(optional(3, {directions_, 2 * gates * h}, "B", &bias_)) ||
      mlir::failed(optional(5, stateShape, "initial_h", &initialH_)))
    return mlir::failure();
  if (cell_ == Cell::Lstm &&
      (mlir::failed(optional(6, stateShape, "initial_c", &initialC_)) ||
       mlir::failed(optional(7, {directions_, 3 * h}, "P", &peepholes_))))
    return mlir::failure();
  if (layout_ && initialH_)
    initialH_ = transpose(initialH_, {1, 0, 2});
  if (layout_ && initialC_)
    initialC_ = transpose(initialC_, {1, 0, 2});

  if (context_.hasInput(4)) {
    if (context_.isKnownAtImport(4)) {
      mlir::FailureOr<const ConstantTensor *> lengths =
          context_.constantInput(4);
      if (mlir::failed(lengths))
        return mlir::failure();
      const ConstantTensor &tensor = **lengths;
      if (tensor.isFloat || tensor.shape != std::vector<int64_t>{batch_})
        return context_.fail("sequence_lens must be an integer tensor of " +
                             llvm::Twine(batch_) + " lengths");
      std::vector<float> values;
      for (int64_t length : tensor.ints) {
        if (length < 0 || length > steps_)
          return context_.fail("sequence_lens holds " + llvm::Twine(length) +
                               ", outside [0, " + llvm::Twine(steps_) + "]");
        values.push_back(float(length));
      }
      lengths_ = constant({batch_}, values);
    } else {
      auto lengths = context_.tensorInput(4);
      if (mlir::failed(lengths))
        return mlir::failure();
      if (lengths->second.getShape() != llvm::ArrayRef<int64_t>{batch_} ||
          !lengths->second.getElementType().isSignlessInteger())
        return context_.fail("sequence_lens must be an integer tensor of " +
                             llvm::Twine(batch_) + " lengths");
      lengths_ = nn::CastOp::create(b_, tensorType({batch_}), lengths->first);
    }
  }
  return mlir::success();
}

mlir::Value RecurrentBuilder::columns(mlir::Value value, int64_t begin,
                                      int64_t end) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  llvm::SmallVector<int64_t> starts(type.getRank(), 0);
  llvm::SmallVector<int64_t> limits(type.getShape());
  starts.back() = begin;
  limits.back() = end;
  return nn::SliceOp::create(b_, value, starts, limits, nullptr);
}

mlir::Value RecurrentBuilder::direction(mlir::Value value, int64_t d) {
  auto type = mlir::cast<mlir::RankedTensorType>(value.getType());
  llvm::SmallVector<int64_t> starts(type.getRank(), 0);
  llvm::SmallVector<int64_t> limits(type.getShape());
  starts.front() = d;
  limits.front() = d + 1;
  mlir::Value slice = nn::SliceOp::create(b_, value, starts, limits, nullptr);
  return reshape(slice, type.getShape().drop_front());
}

mlir::Value RecurrentBuilder::activate(const Activation &activation,
                                       mlir::Value x) {
  llvm::StringRef name = activation.name;
  float alpha = activation.alpha, beta = activation.beta;
  if (name == "Sigmoid")
    return nn::SigmoidOp::create(b_, x);
  if (name == "Tanh")
    return nn::TanhOp::create(b_, x);
  if (name == "Relu")
    return nn::ReluOp::create(b_, x);
  if (name == "LeakyRelu")
    return nn::LeakyReluOp::create(b_, x, b_.getF64FloatAttr(alpha));
  if (name == "Elu")
    return nn::EluOp::create(b_, x, b_.getF64FloatAttr(alpha));
  if (name == "Softplus")
    return nn::SoftplusOp::create(b_, x, b_.getF64FloatAttr(1.0),
                                  b_.getF64FloatAttr(20.0));
  if (name == "Softsign")
    return nn::DivOp::create(
        b_, x, add(scalar(1), mlir::Value(nn::AbsOp::create(b_, x))));
  if (name == "ThresholdedRelu") {
    mlir::Value above =
        nn::CompareOp::create(b_, nn::ComparePredicate::gt, x, scalar(alpha));
    return nn::SelectOp::create(b_, above, x, scalar(0));
  }
  if (name == "ScaledTanh")
    return mul(scalar(alpha),
               nn::TanhOp::create(b_, mul(scalar(beta), x)).getResult());
  mlir::Value affine = add(mul(scalar(alpha), x), scalar(beta));
  if (name == "HardSigmoid")
    return nn::MaximumOp::create(b_, scalar(0),
                                 nn::MinimumOp::create(b_, scalar(1), affine));
  return affine; // Affine
}

mlir::Value RecurrentBuilder::gate(const Activation &activation,
                                   mlir::Value value) {
  if (clip_)
    value = nn::MaximumOp::create(
        b_, scalar(-*clip_), nn::MinimumOp::create(b_, scalar(*clip_), value));
  return activate(activation, value);
}

mlir::Value RecurrentBuilder::reverseIndex() {
  // Row s * B + b of the flattened [T * B, n] steps holds step s of entry b.
  std::vector<float> stepOf(steps_);
  std::vector<float> entryOf(batch_);
  for (int64_t s = 0; s < steps_; ++s)
    stepOf[s] = float(s);
  for (int64_t e = 0; e < batch_; ++e)
    entryOf[e] = float(e);
  mlir::Value steps = constant({steps_, 1}, stepOf);
  mlir::Value source;
  if (lengths_) {
    // L - 1 - s inside the length, s past it.
    mlir::Value inside =
        nn::CompareOp::create(b_, nn::ComparePredicate::lt, steps, lengths_);
    mlir::Value mirrored = nn::SubOp::create(
        b_, nn::SubOp::create(b_, lengths_, scalar(1)), steps);
    source = nn::SelectOp::create(b_, inside, mirrored, steps);
  } else {
    source = nn::SubOp::create(b_, scalar(float(steps_ - 1)), steps);
  }
  mlir::Value rows =
      add(mul(source, scalar(float(batch_))), constant({batch_}, entryOf));
  auto indexType =
      mlir::RankedTensorType::get({steps_, batch_}, b_.getI64Type());
  return nn::CastOp::create(b_, indexType, rows);
}

mlir::Value RecurrentBuilder::reorder(mlir::Value steps, mlir::Value index) {
  int64_t width =
      mlir::cast<mlir::RankedTensorType>(steps.getType()).getDimSize(2);
  mlir::Value rows = reshape(steps, {steps_ * batch_, width});
  return nn::GatherOp::create(b_, rows, index, b_.getI64IntegerAttr(0));
}

std::pair<mlir::Value, mlir::Value>
RecurrentBuilder::step(int64_t d, mlir::Value hidden, mlir::Value cell,
                       mlir::Value projected) {
  int64_t h = hiddenSize_;
  const std::vector<Activation> &f = activations_[d];
  if (cell_ == Cell::Rnn) {
    mlir::Value z = add(projected, matmul(hidden, recurrentT_[d]));
    return {gate(f[0], z), nullptr};
  }
  if (cell_ == Cell::Gru) {
    // recurrentT_[d] is [H, 3H]: Rz^T, Rr^T, Rh^T side by side.
    mlir::Value rT = recurrentT_[d];
    mlir::Value zr = add(columns(projected, 0, 2 * h),
                         matmul(hidden, columns(rT, 0, 2 * h)));
    mlir::Value update = gate(f[0], columns(zr, 0, h));
    mlir::Value reset = gate(f[0], columns(zr, h, 2 * h));
    mlir::Value rhT = columns(rT, 2 * h, 3 * h);
    mlir::Value recurrent;
    if (linearBeforeReset_) {
      mlir::Value linear = matmul(hidden, rhT);
      if (hiddenGateBias_[d])
        linear = add(linear, hiddenGateBias_[d]);
      recurrent = mul(reset, linear);
    } else {
      recurrent = matmul(mul(reset, hidden), rhT);
    }
    mlir::Value candidate =
        gate(f[1], add(columns(projected, 2 * h, 3 * h), recurrent));
    // (1 - z) * candidate + z * h
    mlir::Value kept = mul(update, hidden);
    mlir::Value written =
        mul(nn::SubOp::create(b_, scalar(1), update).getResult(), candidate);
    return {add(written, kept), nullptr};
  }
  // LSTM, gates i o f c.
  mlir::Value z = add(projected, matmul(hidden, recurrentT_[d]));
  auto withPeephole = [&](mlir::Value preactivation, int64_t part,
                          mlir::Value state) {
    if (!peepholes_)
      return preactivation;
    return add(preactivation, mul(peepholeParts_[d][part], state));
  };
  mlir::Value input = gate(f[0], withPeephole(columns(z, 0, h), 0, cell));
  mlir::Value forget =
      inputForget_
          ? mlir::Value(nn::SubOp::create(b_, scalar(1), input))
          : gate(f[0], withPeephole(columns(z, 2 * h, 3 * h), 2, cell));
  mlir::Value candidate = gate(f[1], columns(z, 3 * h, 4 * h));
  mlir::Value nextCell = add(mul(forget, cell), mul(input, candidate));
  mlir::Value output =
      gate(f[0], withPeephole(columns(z, h, 2 * h), 1, nextCell));
  return {mul(output, activate(f[2], nextCell)), nextCell};
}

RecurrentBuilder::DirectionResult
RecurrentBuilder::scanDirection(int64_t d, mlir::Value projected,
                                mlir::Value initialHidden,
                                mlir::Value initialCell) {
  int64_t h = hiddenSize_;
  mlir::RankedTensorType stateType = tensorType({batch_, h});
  llvm::SmallVector<mlir::Value> inits{initialHidden};
  if (initialCell)
    inits.push_back(initialCell);
  llvm::SmallVector<mlir::Value> sequences{projected};
  if (mask_)
    sequences.push_back(mask_);
  llvm::SmallVector<mlir::Type> finals(inits.size(), stateType);
  auto scan = nn::ScanOp::create(
      b_, finals, mlir::TypeRange{tensorType({steps_, batch_, h})}, inits,
      sequences);
  llvm::SmallVector<mlir::Type> argumentTypes(finals);
  llvm::SmallVector<mlir::Location> locations;
  argumentTypes.push_back(tensorType(
      {batch_,
       mlir::cast<mlir::RankedTensorType>(projected.getType()).getDimSize(2)}));
  if (mask_)
    argumentTypes.push_back(tensorType({batch_, 1}));
  locations.assign(argumentTypes.size(), b_.getLoc());
  mlir::Block *body =
      b_.createBlock(&scan.getBody(), {}, argumentTypes, locations);
  {
    mlir::OpBuilder::InsertionGuard guard(b_);
    b_.setInsertionPointToStart(body);
    mlir::Value hidden = body->getArgument(0);
    mlir::Value cell = initialCell ? body->getArgument(1) : mlir::Value();
    mlir::Value input = body->getArgument(inits.size());
    auto [nextHidden, nextCell] = step(d, hidden, cell, input);
    mlir::Value output = nextHidden;
    if (mask_) {
      // Past an entry's length the state stays and the output is zero.
      mlir::Value inside = nn::CompareOp::create(
          b_, nn::ComparePredicate::gt, body->getArgument(inits.size() + 1),
          scalar(0.5f));
      output = nn::SelectOp::create(b_, inside, nextHidden, scalar(0));
      nextHidden = nn::SelectOp::create(b_, inside, nextHidden, hidden);
      if (nextCell)
        nextCell = nn::SelectOp::create(b_, inside, nextCell, cell);
    }
    llvm::SmallVector<mlir::Value> yielded{nextHidden};
    if (nextCell)
      yielded.push_back(nextCell);
    yielded.push_back(output);
    nn::YieldOp::create(b_, yielded);
  }
  b_.setInsertionPointAfter(scan);
  return {scan.getOutputs()[0], scan.getFinals()[0],
          initialCell ? scan.getFinals()[1] : mlir::Value()};
}

mlir::LogicalResult RecurrentBuilder::convert() {
  if (mlir::failed(readAttributes()) || mlir::failed(readInputs()))
    return mlir::failure();
  int64_t h = hiddenSize_, gates = gateCount(cell_);
  if (lengths_) {
    std::vector<float> stepOf(steps_);
    for (int64_t s = 0; s < steps_; ++s)
      stepOf[s] = float(s);
    mlir::Value inside = nn::CompareOp::create(
        b_, nn::ComparePredicate::lt, constant({steps_, 1}, stepOf), lengths_);
    mask_ =
        reshape(nn::CastOp::create(b_, tensorType({steps_, batch_}), inside),
                {steps_, batch_, 1});
  }
  mlir::Value index;
  llvm::SmallVector<mlir::Value> outputs, hiddens, cells;
  for (int64_t d = 0; d < directions_; ++d) {
    bool reverse = reverseOnly_ || d == 1;
    if (reverse && !index)
      index = reverseIndex();
    // The input projection of every step, with both biases folded in (but
    // the h gate's Rb for GRU with linear_before_reset, which the reset
    // gate scales).
    mlir::Value wT = transpose(direction(w_, d), {1, 0});
    mlir::Value projected = matmul(x_, wT);
    hiddenGateBias_.push_back(nullptr);
    if (bias_) {
      mlir::Value both = direction(bias_, d);
      mlir::Value inputBias = columns(both, 0, gates * h);
      mlir::Value recurrentBias = columns(both, gates * h, 2 * gates * h);
      if (cell_ == Cell::Gru && linearBeforeReset_) {
        hiddenGateBias_.back() = columns(recurrentBias, 2 * h, 3 * h);
        recurrentBias = nn::ConcatOp::create(
            b_,
            mlir::ValueRange{columns(recurrentBias, 0, 2 * h),
                             constant({h}, std::vector<float>(h, 0))},
            b_.getI64IntegerAttr(0));
      }
      projected = add(projected, add(inputBias, recurrentBias));
    }
    recurrentT_.push_back(transpose(direction(r_, d), {1, 0}));
    if (peepholes_) {
      mlir::Value peephole = direction(peepholes_, d); // [3H]: Pi, Po, Pf
      peepholeParts_.push_back({columns(peephole, 0, h),
                                columns(peephole, h, 2 * h),
                                columns(peephole, 2 * h, 3 * h)});
    }
    if (reverse)
      projected = reorder(projected, index);
    mlir::Value zeros =
        constant({batch_, h}, std::vector<float>(batch_ * h, 0));
    mlir::Value initialHidden = initialH_ ? direction(initialH_, d) : zeros;
    mlir::Value initialCell;
    if (cell_ == Cell::Lstm)
      initialCell = initialC_ ? direction(initialC_, d) : zeros;
    DirectionResult result =
        scanDirection(d, projected, initialHidden, initialCell);
    mlir::Value stepOutputs = result.outputs;
    if (reverse)
      stepOutputs = reorder(stepOutputs, index);
    outputs.push_back(reshape(stepOutputs, {steps_, 1, batch_, h}));
    hiddens.push_back(reshape(result.hidden, {1, batch_, h}));
    if (result.cell)
      cells.push_back(reshape(result.cell, {1, batch_, h}));
  }
  auto join = [&](llvm::ArrayRef<mlir::Value> parts,
                  int64_t axis) -> mlir::Value {
    if (parts.size() == 1)
      return parts.front();
    return nn::ConcatOp::create(b_, parts, b_.getI64IntegerAttr(axis));
  };
  mlir::Value y = join(outputs, 1), yH = join(hiddens, 0);
  mlir::Value yC = cells.empty() ? mlir::Value() : join(cells, 0);
  if (layout_) {
    y = transpose(y, {2, 0, 1, 3});
    yH = transpose(yH, {1, 0, 2});
    if (yC)
      yC = transpose(yC, {1, 0, 2});
  }
  llvm::SmallVector<mlir::Value, 3> results{y, yH};
  if (yC)
    results.push_back(yC);
  return context_.setOutputs(results);
}

} // namespace

void registerRecurrentConverters(ConverterRegistry &registry) {
  registry.add("RNN", [](NodeContext &context) {
    return RecurrentBuilder(context, Cell::Rnn).convert();
  });
  registry.add("GRU", [](NodeContext &context) {
    return RecurrentBuilder(context, Cell::Gru).convert();
  });
  registry.add("LSTM", [](NodeContext &context) {
    return RecurrentBuilder(context, Cell::Lstm).convert();
  });
}

} // namespace nnc::onnx_import
