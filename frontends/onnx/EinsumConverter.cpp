//===- EinsumConverter.cpp - ONNX Einsum ----------------------------------===//
//
// Parses the Einsum equation (numpy's notation: letters, one `...` per term
// standing for broadcast dimensions aligned from the right, an optional
// `->` output; without it the output is the ellipsis dimensions followed by
// the letters used once, in ASCII order) and lowers it to nn ops:
//   1. a letter repeated within a term takes the diagonal (the operand times
//      an identity mask, summed over the second occurrence);
//   2. a letter in one operand only and not in the output is summed out;
//   3. operands combine left to right by nn.matmul: the letters both share
//      and still need (the output's, or a later operand's) are the batch,
//      the shared ones no longer needed are contracted, the rest stay as
//      the rows and the columns; extents of 1 broadcast against the other
//      operand's;
//   4. the result is transposed into the output's order.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/ConverterBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "llvm/ADT/StringExtras.h"

#include <onnx/onnx_pb.h>

#include <map>
#include <set>

namespace nnc::onnx_import {
namespace {

/// A dimension's label: a letter's code, or kEllipsis + i for the i-th
/// ellipsis dimension counted from the left of the widest ellipsis.
using Label = int64_t;
constexpr Label kEllipsis = 256;

/// The parsed equation: each operand's labels, and the output's.
struct Equation {
  std::vector<std::vector<Label>> operands;
  std::vector<Label> output;
};

/// Splits one term into letters and the ellipsis position; false when it
/// holds anything else or two ellipses.
bool parseTerm(llvm::StringRef term, std::vector<Label> &letters,
               std::optional<size_t> &ellipsis) {
  for (size_t i = 0; i < term.size();) {
    if (term.substr(i).starts_with("...")) {
      if (ellipsis)
        return false;
      ellipsis = letters.size();
      i += 3;
    } else if (llvm::isAlpha(term[i])) {
      letters.push_back(Label(term[i++]));
    } else {
      return false;
    }
  }
  return true;
}

mlir::FailureOr<Equation> parseEquation(NodeContext &context,
                                        llvm::StringRef text,
                                        llvm::ArrayRef<int64_t> ranks) {
  std::string compact;
  for (char c : text)
    if (c != ' ')
      compact.push_back(c);
  llvm::StringRef equation(compact);
  auto [inputs, output] = equation.split("->");
  bool explicitOutput = equation.contains("->");
  llvm::SmallVector<llvm::StringRef> terms;
  inputs.split(terms, ',');
  if (terms.size() != ranks.size())
    return context.fail("equation '" + text + "' has " +
                        llvm::Twine(terms.size()) + " input terms for " +
                        llvm::Twine(ranks.size()) + " inputs");
  Equation result;
  int64_t widest = 0;
  std::vector<std::vector<Label>> letters(terms.size());
  std::vector<std::optional<size_t>> ellipses(terms.size());
  for (size_t k = 0; k < terms.size(); ++k) {
    if (!parseTerm(terms[k], letters[k], ellipses[k]))
      return context.fail("equation '" + text + "': term '" + terms[k] +
                          "' is not letters with at most one '...'");
    int64_t extra = ranks[k] - int64_t(letters[k].size());
    if (extra < 0 || (extra > 0 && !ellipses[k]))
      return context.fail("equation '" + text + "': term '" + terms[k] +
                          "' does not match input " + llvm::Twine(k) +
                          " of rank " + llvm::Twine(ranks[k]));
    widest = std::max(widest, extra);
  }
  for (size_t k = 0; k < terms.size(); ++k) {
    std::vector<Label> labels = letters[k];
    if (ellipses[k]) {
      int64_t extra = ranks[k] - int64_t(letters[k].size());
      std::vector<Label> broadcast;
      for (int64_t i = 0; i < extra; ++i)
        broadcast.push_back(kEllipsis + widest - extra + i);
      labels.insert(labels.begin() + *ellipses[k], broadcast.begin(),
                    broadcast.end());
    }
    result.operands.push_back(labels);
  }
  if (explicitOutput) {
    std::vector<Label> outLetters;
    std::optional<size_t> outEllipsis;
    if (!parseTerm(output, outLetters, outEllipsis))
      return context.fail("equation '" + text + "': output '" + output +
                          "' is not letters with at most one '...'");
    result.output = outLetters;
    if (outEllipsis)
      for (int64_t i = widest - 1; i >= 0; --i)
        result.output.insert(result.output.begin() + *outEllipsis,
                             kEllipsis + i);
  } else {
    std::map<Label, int> uses;
    for (const std::vector<Label> &term : letters)
      for (Label label : term)
        ++uses[label];
    for (int64_t i = 0; i < widest; ++i)
      result.output.push_back(kEllipsis + i);
    for (auto [label, count] : uses)
      if (count == 1)
        result.output.push_back(label);
  }
  std::set<Label> seen, known;
  for (const std::vector<Label> &term : result.operands)
    known.insert(term.begin(), term.end());
  for (Label label : result.output) {
    if (!seen.insert(label).second || !known.count(label))
      return context.fail("equation '" + text +
                          "': the output repeats a letter or names one no "
                          "input has");
  }
  return result;
}

/// An operand under way: its value and one label per dimension.
struct Term {
  mlir::Value value;
  std::vector<Label> labels;
};

/// Takes the diagonal of every letter repeated within `term`.
mlir::LogicalResult takeDiagonals(NodeContext &context, Term &term) {
  for (size_t p = 0; p < term.labels.size(); ++p) {
    for (size_t q = p + 1; q < term.labels.size();) {
      if (term.labels[q] != term.labels[p]) {
        ++q;
        continue;
      }
      auto type = mlir::cast<mlir::RankedTensorType>(term.value.getType());
      int64_t n = type.getDimSize(p);
      if (type.getDimSize(q) != n)
        return context.fail("a repeated letter spans dimensions of extents " +
                            llvm::Twine(n) + " and " +
                            llvm::Twine(type.getDimSize(q)));
      llvm::SmallVector<int64_t> maskShape(type.getRank(), 1);
      maskShape[p] = maskShape[q] = n;
      auto maskType =
          mlir::RankedTensorType::get(maskShape, type.getElementType());
      mlir::OpBuilder &b = context.builder();
      mlir::Attribute zero = b.getFloatAttr(type.getElementType(), 0.0);
      mlir::Attribute one = b.getFloatAttr(type.getElementType(), 1.0);
      std::vector<mlir::Attribute> identity(n * n, zero);
      for (int64_t i = 0; i < n; ++i)
        identity[i * n + i] = one;
      mlir::Value mask = mlir::arith::ConstantOp::create(
          b, context.loc(), mlir::DenseElementsAttr::get(maskType, identity));
      mlir::FailureOr<mlir::Value> masked =
          binaryOp<nn::MulOp>(context, term.value, mask);
      if (mlir::failed(masked))
        return mlir::failure();
      mlir::FailureOr<mlir::Value> diagonal = reduce<nn::ReduceSumOp>(
          context, *masked, {int64_t(q)}, /*keepdim=*/false);
      if (mlir::failed(diagonal))
        return mlir::failure();
      term.value = *diagonal;
      term.labels.erase(term.labels.begin() + q);
    }
  }
  return mlir::success();
}

/// Sums out the dimensions of `term` whose labels `keep` rejects.
mlir::LogicalResult sumOut(NodeContext &context, Term &term,
                           llvm::function_ref<bool(Label)> keep) {
  llvm::SmallVector<int64_t> axes;
  std::vector<Label> kept;
  for (auto [axis, label] : llvm::enumerate(term.labels)) {
    if (keep(label))
      kept.push_back(label);
    else
      axes.push_back(axis);
  }
  if (axes.empty())
    return mlir::success();
  mlir::FailureOr<mlir::Value> sum =
      reduce<nn::ReduceSumOp>(context, term.value, axes, /*keepdim=*/false);
  if (mlir::failed(sum))
    return mlir::failure();
  term = {*sum, kept};
  return mlir::success();
}

/// `term` transposed so its labels run in `order`, then broadcast to
/// `extents` (one per label of `order`) and reshaped to `grouped`.
mlir::FailureOr<mlir::Value> arrange(NodeContext &context, const Term &term,
                                     llvm::ArrayRef<Label> order,
                                     const std::map<Label, int64_t> &extents,
                                     llvm::ArrayRef<int64_t> grouped) {
  llvm::SmallVector<int64_t> perm, shape;
  for (Label label : order) {
    perm.push_back(llvm::find(term.labels, label) - term.labels.begin());
    shape.push_back(extents.at(label));
  }
  mlir::FailureOr<mlir::Value> value = term.value;
  if (!llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    value = transposeBy(context, term.value, perm);
  if (mlir::succeeded(value) && shapeOf(*value) != llvm::ArrayRef(shape)) {
    mlir::OpBuilder &b = context.builder();
    value = context.createValue<nn::BroadcastToOp>(
        {*value}, {b.getNamedAttr("shape", b.getDenseI64ArrayAttr(shape))});
  }
  if (mlir::failed(value))
    return mlir::failure();
  return reshapeTo(context, *value, grouped);
}

/// The product of the extents of `labels`.
int64_t volume(llvm::ArrayRef<Label> labels,
               const std::map<Label, int64_t> &extents) {
  int64_t count = 1;
  for (Label label : labels)
    count *= extents.at(label);
  return count;
}

/// Contracts two terms by nn.matmul, keeping the labels in `needed`.
mlir::FailureOr<Term> contract(NodeContext &context, const Term &lhs,
                               const Term &rhs, const std::set<Label> &needed) {
  std::map<Label, int64_t> extents;
  for (const Term *term : {&lhs, &rhs})
    for (auto [axis, label] : llvm::enumerate(term->labels)) {
      int64_t extent = shapeOf(term->value)[axis];
      auto [it, inserted] = extents.emplace(label, extent);
      if (!inserted && it->second != extent) {
        if (it->second != 1 && extent != 1)
          return context.fail("a letter spans dimensions of extents " +
                              llvm::Twine(it->second) + " and " +
                              llvm::Twine(extent));
        it->second = std::max(it->second, extent);
      }
    }
  std::vector<Label> batch, rows, inner, columns;
  for (Label label : lhs.labels) {
    bool shared = llvm::is_contained(rhs.labels, label);
    (shared ? (needed.count(label) ? batch : inner) : rows).push_back(label);
  }
  for (Label label : rhs.labels)
    if (!llvm::is_contained(lhs.labels, label))
      columns.push_back(label);
  int64_t b = volume(batch, extents), m = volume(rows, extents),
          k = volume(inner, extents), n = volume(columns, extents);
  auto concat = [](std::vector<Label> a, llvm::ArrayRef<Label> c) {
    a.insert(a.end(), c.begin(), c.end());
    return a;
  };
  mlir::FailureOr<mlir::Value> left = arrange(
      context, lhs, concat(concat(batch, rows), inner), extents, {b, m, k});
  mlir::FailureOr<mlir::Value> right = arrange(
      context, rhs, concat(concat(batch, inner), columns), extents, {b, k, n});
  mlir::FailureOr<mlir::Value> product =
      binaryOp<nn::MatmulOp>(context, left, right);
  if (mlir::failed(product))
    return mlir::failure();
  std::vector<Label> labels = concat(concat(batch, rows), columns);
  llvm::SmallVector<int64_t> shape;
  for (Label label : labels)
    shape.push_back(extents.at(label));
  mlir::FailureOr<mlir::Value> result = reshapeTo(context, *product, shape);
  if (mlir::failed(result))
    return mlir::failure();
  return Term{*result, labels};
}

mlir::LogicalResult convertEinsum(NodeContext &context) {
  std::vector<Term> terms;
  llvm::SmallVector<int64_t> ranks;
  for (size_t i = 0; i < context.numInputs(); ++i) {
    auto input = context.tensorInput(i);
    if (mlir::failed(input))
      return mlir::failure();
    if (!mlir::isa<mlir::FloatType>(input->second.getElementType()))
      return context.fail("input " + llvm::Twine(i) +
                          " is not a float tensor (nnc's Einsum takes floats)");
    terms.push_back({input->first, {}});
    ranks.push_back(input->second.getRank());
  }
  if (terms.empty())
    return context.fail("Einsum needs at least one input");
  mlir::FailureOr<Equation> equation =
      parseEquation(context, context.stringAttribute("equation", ""), ranks);
  if (mlir::failed(equation))
    return mlir::failure();
  for (size_t k = 0; k < terms.size(); ++k) {
    terms[k].labels = equation->operands[k];
    if (mlir::failed(takeDiagonals(context, terms[k])))
      return mlir::failure();
  }
  // The labels still needed once operands [0, k] are combined.
  auto neededAfter = [&](size_t k) {
    std::set<Label> needed(equation->output.begin(), equation->output.end());
    for (size_t j = k + 1; j < terms.size(); ++j)
      needed.insert(terms[j].labels.begin(), terms[j].labels.end());
    return needed;
  };
  auto othersUse = [&](size_t k, Label label) {
    for (size_t j = 0; j < terms.size(); ++j)
      if (j != k && llvm::is_contained(terms[j].labels, label))
        return true;
    return llvm::is_contained(equation->output, label);
  };
  for (size_t k = 0; k < terms.size(); ++k)
    if (mlir::failed(sumOut(context, terms[k],
                            [&](Label label) { return othersUse(k, label); })))
      return mlir::failure();
  Term result = terms[0];
  for (size_t k = 1; k < terms.size(); ++k) {
    mlir::FailureOr<Term> combined =
        contract(context, result, terms[k], neededAfter(k));
    if (mlir::failed(combined))
      return mlir::failure();
    result = *combined;
  }
  std::set<Label> wanted(equation->output.begin(), equation->output.end());
  if (mlir::failed(sumOut(context, result,
                          [&](Label label) { return wanted.count(label); })))
    return mlir::failure();
  llvm::SmallVector<int64_t> perm;
  for (Label label : equation->output)
    perm.push_back(llvm::find(result.labels, label) - result.labels.begin());
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return context.setOutputs({result.value});
  return bindOutputs(context, {transposeBy(context, result.value, perm)});
}

} // namespace

void registerEinsumConverters(ConverterRegistry &registry) {
  registry.add("Einsum", convertEinsum);
}

} // namespace nnc::onnx_import
