//===- OnnxImporter.cpp - The ONNX importer core --------------------------===//
//
// Parses the ModelProto (protobuf), checks the opset, turns graph inputs and
// initializers into the arguments of @forward, walks the nodes in order
// through the converter registry with a value table from ONNX names to nn
// values (or to data known at import time, which includes graph inputs bound
// by ImportOptions), and returns the graph outputs. Every problem becomes one
// error message naming what is wrong.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/AttentionRecognition.h"
#include "frontends/onnx/OnnxImporter.h"
#include "frontends/onnx/NodeConverter.h"
#include "frontends/onnx/SafetensorsWriter.h"
#include "frontends/onnx/SchemaTypeCheck.h"

#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <onnx/onnx_pb.h>

#include <fstream>
#include <limits>
#include <sstream>

namespace nnc::onnx_import {

/// The ONNX opsets (default domain) whose operator semantics nnc follows.
/// Converters handle the older forms of their ops (attributes that became
/// inputs, one-way broadcasting) or refuse them with an error.
static constexpr int64_t kMinOpset = 1, kMaxOpset = 18;

/// How errors name the node at `index`: 'name', or #index when unnamed.
static std::string nodeName(const onnx::NodeProto &node, size_t index) {
  return node.name().empty() ? "#" + std::to_string(index)
                             : "'" + node.name() + "'";
}

/// The state of one import: the function being built and the value table.
class GraphImporter {
public:
  GraphImporter(mlir::MLIRContext &context, const ImportOptions &options,
                std::string *error)
      : builder(&context), options(options), error(error) {}

  mlir::OwningOpRef<mlir::ModuleOp> run(const onnx::ModelProto &model,
                                        const std::string &weightsPath);

  /// The value `name` stands for, materializing known data on first use:
  /// an initializer becomes an `nn.param` argument, a Constant's output an
  /// arith.constant.
  mlir::FailureOr<mlir::Value> lookup(const std::string &name,
                                      NodeContext *user);
  /// The import-time contents of `name`: a known tensor, or a graph input
  /// bound in ImportOptions::inputValues (decoded on first use and recorded
  /// in `constantInputs`); else an error for `user`.
  mlir::FailureOr<const ConstantTensor *> constant(const std::string &name,
                                                   NodeContext &user);

  /// Records which node produces each value and fails on a node without
  /// outputs or a value produced twice (by two nodes, or by a node and a
  /// graph input or initializer).
  mlir::LogicalResult findProducers(const onnx::GraphProto &graph,
                                    int64_t opset);

  mlir::LogicalResult fail(const llvm::Twine &message) {
    if (error->empty())
      *error = message.str();
    return mlir::failure();
  }

  mlir::OpBuilder builder;
  const ImportOptions &options;
  std::string *error;
  llvm::StringMap<mlir::Value> values;
  llvm::StringMap<ConstantTensor> constants;
  llvm::StringSet<> initializers;
  /// Graph inputs (not initializers) and the decoded bound values of those
  /// a converter read as constants, in the order they were first read.
  llvm::StringSet<> graphInputs;
  llvm::StringMap<ConstantTensor> boundInputs;
  std::vector<std::string> constantInputs;
  /// The graph's nodes, and which of them produces each value (by index).
  const onnx::GraphProto *graph = nullptr;
  llvm::StringMap<size_t> producers;
  /// The index of the node being converted.
  size_t currentNode = 0;
  mlir::Block *entry = nullptr;
  /// Names of the arguments in order, and whether each is an input.
  std::vector<std::pair<std::string, bool>> arguments;
  /// Initializers that became parameters, in argument order.
  std::vector<std::pair<std::string, const ConstantTensor *>> parameters;
  mlir::Location location = builder.getUnknownLoc();
  /// The folder holding the model, where external data files are.
  std::string modelFolder;
};

//===----------------------------------------------------------------------===//
// NodeContext
//===----------------------------------------------------------------------===//

NodeContext::NodeContext(GraphImporter &importer, const onnx::NodeProto &node,
                         size_t index, int64_t opset)
    : importer_(importer), node_(node), index_(index), opset_(opset) {}

mlir::OpBuilder &NodeContext::builder() { return importer_.builder; }

mlir::Location NodeContext::loc() { return importer_.location; }

bool NodeContext::hasInput(size_t index) const {
  return index < size_t(node_.input_size()) && !node_.input(index).empty();
}

size_t NodeContext::numInputs() const { return node_.input_size(); }

mlir::FailureOr<mlir::Value> NodeContext::input(size_t index) {
  if (!hasInput(index))
    return fail("input " + llvm::Twine(index) + " is missing");
  return importer_.lookup(node_.input(index), this);
}

mlir::FailureOr<std::pair<mlir::Value, mlir::RankedTensorType>>
NodeContext::tensorInput(size_t index) {
  mlir::FailureOr<mlir::Value> value = input(index);
  if (mlir::failed(value))
    return mlir::failure();
  auto type = mlir::dyn_cast<mlir::RankedTensorType>(value->getType());
  if (!type)
    return fail("input '" + node_.input(index) + "' is not a ranked tensor");
  return std::make_pair(*value, type);
}

mlir::FailureOr<const ConstantTensor *>
NodeContext::constantInput(size_t index) {
  if (!hasInput(index))
    return fail("input " + llvm::Twine(index) + " is missing");
  return importer_.constant(node_.input(index), *this);
}

const ConstantTensor *NodeContext::knownInput(size_t index) const {
  if (!hasInput(index))
    return nullptr;
  auto found = importer_.constants.find(node_.input(index));
  return found == importer_.constants.end() ? nullptr : &found->second;
}

mlir::Type NodeContext::inputElementType(size_t index) const {
  if (!hasInput(index))
    return nullptr;
  const std::string &name = node_.input(index);
  if (const ConstantTensor *tensor = knownInput(index))
    return tensor->mlirElementType(importer_.builder);
  auto found = importer_.values.find(name);
  if (found == importer_.values.end())
    return nullptr;
  return mlir::getElementTypeOrSelf(found->second.getType());
}

bool NodeContext::isKnownAtImport(size_t index) const {
  if (!hasInput(index))
    return false;
  const std::string &name = node_.input(index);
  return importer_.constants.count(name) || importer_.boundInputs.count(name) ||
         (importer_.graphInputs.contains(name) &&
          importer_.options.inputValues.count(name));
}

const ConstantTensor *NodeContext::foldableInput(size_t index) const {
  const ConstantTensor *tensor = knownInput(index);
  if (!tensor ||
      (tensor->isFloat && importer_.initializers.contains(node_.input(index))))
    return nullptr;
  return tensor;
}

const onnx::AttributeProto *NodeContext::attribute(llvm::StringRef name) const {
  for (const onnx::AttributeProto &attribute : node_.attribute())
    if (attribute.name() == name)
      return &attribute;
  return nullptr;
}

int64_t NodeContext::intAttribute(llvm::StringRef name,
                                  int64_t fallback) const {
  const onnx::AttributeProto *found = attribute(name);
  return found ? found->i() : fallback;
}

float NodeContext::floatAttribute(llvm::StringRef name, float fallback) const {
  const onnx::AttributeProto *found = attribute(name);
  return found ? found->f() : fallback;
}

std::string NodeContext::stringAttribute(llvm::StringRef name,
                                         llvm::StringRef fallback) const {
  const onnx::AttributeProto *found = attribute(name);
  return found ? found->s() : fallback.str();
}

std::optional<std::vector<int64_t>>
NodeContext::intsAttribute(llvm::StringRef name) const {
  const onnx::AttributeProto *found = attribute(name);
  if (!found)
    return std::nullopt;
  return std::vector<int64_t>(found->ints().begin(), found->ints().end());
}

mlir::LogicalResult
NodeContext::checkImportTimeSize(llvm::ArrayRef<int64_t> shape,
                                 const llvm::Twine &what) {
  std::optional<int64_t> count = checkedElementCount(shape);
  if (!count)
    return fail(what + " would have more elements than fit in 64 bits");
  if (*count > kMaxImportTimeElements)
    return fail(what + " would have " + llvm::Twine(*count) +
                " elements, more than the " +
                llvm::Twine(kMaxImportTimeElements) +
                " nnc computes at import time");
  return mlir::success();
}

mlir::LogicalResult NodeContext::fail(const llvm::Twine &message) {
  return importer_.fail("node " + nodeName(node_, index_) + " (" +
                        node_.op_type() + ", opset " + llvm::Twine(opset_) +
                        "): " + message);
}

mlir::LogicalResult
NodeContext::setOutputs(llvm::ArrayRef<mlir::Value> values) {
  if (size_t(node_.output_size()) > values.size()) {
    for (size_t i = values.size(); i < size_t(node_.output_size()); ++i)
      if (!node_.output(i).empty())
        return fail("output " + llvm::Twine(i) + " ('" + node_.output(i) +
                    "') is not supported");
  }
  for (size_t i = 0; i < size_t(node_.output_size()); ++i)
    if (!node_.output(i).empty())
      importer_.values[node_.output(i)] = values[i];
  return mlir::success();
}

void NodeContext::setConstantOutput(ConstantTensor tensor, size_t index) {
  if (index < size_t(node_.output_size()) && !node_.output(index).empty())
    importer_.constants[node_.output(index)] = std::move(tensor);
}

mlir::LogicalResult NodeContext::forwardInput() {
  if (!hasInput(0))
    return fail("input 0 is missing");
  const std::string &name = node_.input(0);
  auto constant = importer_.constants.find(name);
  if (constant != importer_.constants.end() &&
      !importer_.initializers.contains(name)) {
    setConstantOutput(constant->second);
    return mlir::success();
  }
  mlir::FailureOr<mlir::Value> value = input(0);
  if (mlir::failed(value))
    return mlir::failure();
  return setOutputs({*value});
}

mlir::FailureOr<int64_t> NodeContext::normalizeAxis(int64_t axis, int64_t rank,
                                                    llvm::StringRef what) {
  if (axis < -rank || axis >= rank)
    return fail(what + " " + llvm::Twine(axis) + " is out of range for rank " +
                llvm::Twine(rank));
  return axis < 0 ? axis + rank : axis;
}

mlir::FailureOr<mlir::Operation *>
NodeContext::finishCreate(llvm::StringRef name, mlir::ValueRange operands,
                          mlir::DictionaryAttr attributes,
                          mlir::TypeRange types, std::string &diagnostic) {
  for (mlir::Type type : types) {
    auto shaped = mlir::dyn_cast<mlir::ShapedType>(type);
    if (!shaped || !shaped.hasStaticShape() ||
        checkedElementCount(shaped.getShape()))
      continue;
    std::string text;
    llvm::raw_string_ostream(text) << type;
    return fail("the result " + text +
                " would have more elements than fit in 64 bits");
  }
  mlir::OperationState state(loc(), name);
  state.addOperands(operands);
  state.addAttributes(attributes.getValue());
  state.addTypes(types);
  mlir::Operation *op = builder().create(state);
  if (mlir::failed(mlir::verify(op))) {
    op->erase();
    return fail(diagnostic);
  }
  return op;
}

//===----------------------------------------------------------------------===//
// ConverterRegistry
//===----------------------------------------------------------------------===//

ConverterRegistry::ConverterRegistry() {
  registerElementwiseConverters(*this);
  registerLinearConverters(*this);
  registerShapeConverters(*this);
  registerConvolutionConverters(*this);
  registerRecurrentConverters(*this);
  registerPoolingConverters(*this);
  registerIndexConverters(*this);
  registerResizeConverters(*this);
  registerReductionConverters(*this);
  registerSoftmaxConverters(*this);
  registerNormalizationConverters(*this);
  registerEinsumConverters(*this);
  registerLossConverters(*this);
  registerActivationConverters(*this);
  registerLogicalConverters(*this);
}

void ConverterRegistry::add(llvm::StringRef opType, NodeConverter converter) {
  converters_[opType] = std::move(converter);
}

const NodeConverter *ConverterRegistry::find(llvm::StringRef opType) const {
  auto found = converters_.find(opType);
  return found == converters_.end() ? nullptr : &found->second;
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

mlir::FailureOr<mlir::Value> GraphImporter::lookup(const std::string &name,
                                                   NodeContext *user) {
  auto found = values.find(name);
  if (found != values.end())
    return found->second;
  auto constant = constants.find(name);
  if (constant == constants.end()) {
    std::string message = "input '" + name +
                          "' is not produced by any earlier node, "
                          "initializer or graph input";
    auto producer = producers.find(name);
    if (user && producer != producers.end())
      message =
          producer->second == currentNode
              ? "input '" + name + "' is the node's own output (a cycle)"
              : "input '" + name + "' is produced by node " +
                    nodeName(graph->node(producer->second), producer->second) +
                    " later in the graph (a cycle, or nodes out of "
                    "topological order)";
    return user ? user->fail(message) : fail(message);
  }
  const ConstantTensor &tensor = constant->second;
  mlir::Value value;
  if (initializers.contains(name) && tensor.isFloat) {
    auto type = mlir::RankedTensorType::get(tensor.shape,
                                            tensor.mlirElementType(builder));
    value = entry->addArgument(type, builder.getUnknownLoc());
    arguments.emplace_back(name, false);
    parameters.emplace_back(name, &tensor);
  } else {
    // Integer and BOOL data is not trainable: it stays a constant.
    mlir::OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(entry);
    value = mlir::arith::ConstantOp::create(builder, builder.getUnknownLoc(),
                                            tensor.toAttribute(builder));
  }
  values[name] = value;
  return value;
}

mlir::LogicalResult GraphImporter::findProducers(const onnx::GraphProto &graph,
                                                 int64_t opset) {
  this->graph = &graph;
  llvm::StringSet<> declaredInputs;
  for (const onnx::ValueInfoProto &info : graph.input())
    declaredInputs.insert(info.name());
  for (const auto &[index, node] : llvm::enumerate(graph.node())) {
    // Every ONNX op has an output; converters bind output 0 unchecked.
    if (node.output_size() == 0)
      return NodeContext(*this, node, index, opset)
          .fail("the node has no outputs");
    for (const std::string &output : node.output()) {
      if (output.empty())
        continue;
      auto [previous, inserted] = producers.try_emplace(output, index);
      std::string already;
      if (!inserted)
        already =
            "node " + nodeName(graph.node(previous->second), previous->second);
      else if (initializers.contains(output))
        already = "an initializer";
      else if (declaredInputs.contains(output))
        already = "a graph input";
      if (!already.empty()) {
        NodeContext context(*this, node, index, opset);
        return context.fail("output '" + output + "' is already produced by " +
                            already);
      }
    }
  }
  return mlir::success();
}

mlir::FailureOr<const ConstantTensor *>
GraphImporter::constant(const std::string &name, NodeContext &user) {
  auto found = constants.find(name);
  if (found != constants.end())
    return &found->second;
  auto decoded = boundInputs.find(name);
  if (decoded != boundInputs.end())
    return &decoded->second;
  if (!graphInputs.contains(name))
    return user.fail("input '" + name +
                     "' must be known at import time (an initializer or a "
                     "Constant)");
  auto bound = options.inputValues.find(name);
  if (bound == options.inputValues.end())
    return user.fail("input '" + name +
                     "' is a graph input, but nnc needs its value at import "
                     "time (make it an initializer, or bind its value as "
                     "`nnc test-onnx` does)");
  ConstantTensor tensor;
  std::string message;
  if (!decodeTensor(*bound->second, &tensor, &message))
    return user.fail("the value bound to graph input '" + name +
                     "': " + message);
  constantInputs.push_back(name);
  return &(boundInputs[name] = std::move(tensor));
}

/// The element type nnc gives ONNX element type `type` at the graph's
/// boundary (see importOnnxModel), or null when it has none.
static mlir::Type boundaryElementType(int type, mlir::Builder &builder) {
  switch (type) {
  case onnx::TensorProto::FLOAT:
    return builder.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return builder.getF64Type();
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT8:
    return builder.getI32Type();
  case onnx::TensorProto::INT64:
    return builder.getI64Type();
  case onnx::TensorProto::INT8:
    return builder.getI8Type();
  case onnx::TensorProto::BOOL:
    return builder.getI1Type();
  default:
    return nullptr;
  }
}

static constexpr const char *kBoundaryTypes =
    "float, double, int32, int64, int8, uint8 (as i32) and bool";

/// The static type of graph input `info` (its shape from
/// ImportOptions::inputShapes when given there), or an error naming it.
static mlir::FailureOr<mlir::RankedTensorType>
inputType(GraphImporter &importer, const onnx::ValueInfoProto &info) {
  const std::string &name = info.name();
  if (name.empty())
    return importer.fail("a graph input has an empty name");
  if (importer.graphInputs.contains(name))
    return importer.fail("graph input '" + name + "' is listed twice");
  if (!info.type().has_tensor_type())
    return importer.fail("graph input '" + name + "' is not a tensor");
  const onnx::TypeProto::Tensor &tensor = info.type().tensor_type();
  mlir::Type element =
      boundaryElementType(tensor.elem_type(), importer.builder);
  if (!element)
    return importer.fail("graph input '" + name + "' has element type " +
                         elementTypeName(tensor.elem_type()) +
                         ", which nnc does not support (" + kBoundaryTypes +
                         ")");
  auto given = importer.options.inputShapes.find(name);
  if (given != importer.options.inputShapes.end()) {
    const std::vector<int64_t> &shape = given->second;
    for (int64_t extent : shape)
      if (extent < 0)
        return importer.fail("the shape given for graph input '" + name +
                             "' has a negative extent");
    if (tensor.has_shape()) {
      const auto &dims = tensor.shape().dim();
      if (size_t(dims.size()) != shape.size())
        return importer.fail("the shape given for graph input '" + name +
                             "' has rank " + llvm::Twine(shape.size()) +
                             ", the model's has rank " +
                             llvm::Twine(dims.size()));
      for (const auto &[index, dim] : llvm::enumerate(dims))
        if (dim.has_dim_value() && dim.dim_value() != shape[index])
          return importer.fail("the shape given for graph input '" + name +
                               "' has extent " + llvm::Twine(shape[index]) +
                               " in dimension " + llvm::Twine(index) +
                               ", the model's has " +
                               llvm::Twine(dim.dim_value()));
    }
    if (!checkedElementCount(shape))
      return importer.fail("the shape given for graph input '" + name +
                           "' has more elements than fit in 64 bits");
    return mlir::RankedTensorType::get(shape, element);
  }
  if (!tensor.has_shape())
    return importer.fail("graph input '" + name +
                         "' has no shape; nnc needs static shapes");
  std::vector<int64_t> shape;
  for (const auto &[index, dim] : llvm::enumerate(tensor.shape().dim())) {
    if (!dim.has_dim_value() || dim.dim_value() < 0)
      return importer.fail(
          "graph input '" + name + "' has a dynamic dimension " +
          llvm::Twine(index) +
          (dim.has_dim_param() ? " ('" + dim.dim_param() + "')" : "") +
          "; nnc needs static shapes (export with fixed sizes)");
    shape.push_back(dim.dim_value());
  }
  if (!checkedElementCount(shape))
    return importer.fail("graph input '" + name +
                         "' has more elements than fit in 64 bits");
  return mlir::RankedTensorType::get(shape, element);
}

/// Checks that `value` has the element type graph output `info` declares
/// (when it declares one).
static mlir::LogicalResult checkOutputType(GraphImporter &importer,
                                           const onnx::ValueInfoProto &info,
                                           mlir::Value value) {
  if (!info.type().has_tensor_type() ||
      info.type().tensor_type().elem_type() == onnx::TensorProto::UNDEFINED)
    return mlir::success();
  int declared = info.type().tensor_type().elem_type();
  mlir::Type element = boundaryElementType(declared, importer.builder);
  if (!element)
    return importer.fail("graph output '" + info.name() +
                         "' has element type " + elementTypeName(declared) +
                         ", which nnc does not support (" + kBoundaryTypes +
                         ")");
  mlir::Type computed = mlir::getElementTypeOrSelf(value.getType());
  if (computed == element)
    return mlir::success();
  std::string computedName;
  llvm::raw_string_ostream(computedName) << computed;
  return importer.fail("graph output '" + info.name() + "' is declared " +
                       elementTypeName(declared) + " but the import computes " +
                       computedName);
}

mlir::OwningOpRef<mlir::ModuleOp>
GraphImporter::run(const onnx::ModelProto &model,
                   const std::string &weightsPath) {
  int64_t opset = -1;
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      opset = set.version();
  if (opset < 0) {
    (void)fail("the model imports no default-domain opset");
    return nullptr;
  }
  if (opset < kMinOpset || opset > kMaxOpset) {
    (void)fail("opset " + llvm::Twine(opset) +
               " is not supported (nnc handles " + llvm::Twine(kMinOpset) +
               " to " + llvm::Twine(kMaxOpset) + ")");
    return nullptr;
  }
  const onnx::GraphProto &graph = model.graph();

  mlir::MLIRContext *context = builder.getContext();
  context->loadDialect<nn::NNDialect, mlir::func::FuncDialect,
                       mlir::arith::ArithDialect>();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::ModuleOp::create(builder.getUnknownLoc());
  builder.setInsertionPointToEnd(module->getBody());
  auto function =
      mlir::func::FuncOp::create(builder, builder.getUnknownLoc(), "forward",
                                 builder.getFunctionType({}, {}));
  entry = function.addEntryBlock();
  builder.setInsertionPointToEnd(entry);

  for (const onnx::TensorProto &initializer : graph.initializer()) {
    ConstantTensor tensor;
    std::string message;
    if (!decodeTensor(initializer, &tensor, &message, modelFolder)) {
      (void)fail("initializer: " + message);
      return nullptr;
    }
    constants[initializer.name()] = std::move(tensor);
    initializers.insert(initializer.name());
  }
  for (const onnx::ValueInfoProto &info : graph.input()) {
    if (initializers.contains(info.name()))
      continue;
    mlir::FailureOr<mlir::RankedTensorType> type = inputType(*this, info);
    if (mlir::failed(type))
      return nullptr;
    values[info.name()] = entry->addArgument(*type, builder.getUnknownLoc());
    arguments.emplace_back(info.name(), true);
    graphInputs.insert(info.name());
  }

  if (mlir::failed(findProducers(graph, opset)))
    return nullptr;
  ConverterRegistry registry;
  for (const auto &[index, node] : llvm::enumerate(graph.node())) {
    currentNode = index;
    NodeContext nodeContext(*this, node, index, opset);
    location = mlir::NameLoc::get(builder.getStringAttr(
        node.name().empty() ? node.op_type() : node.name()));
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      (void)nodeContext.fail("op '" + node.op_type() + "' of domain '" +
                             node.domain() +
                             "' is not supported (nnc takes the default "
                             "domain 'ai.onnx' only)");
      return nullptr;
    }
    if (mlir::failed(checkInputsAgainstSchema(nodeContext)))
      return nullptr;
    const NodeConverter *converter = registry.find(node.op_type());
    mlir::FailureOr<bool> folded = foldNode(nodeContext, converter != nullptr);
    if (mlir::failed(folded))
      return nullptr;
    if (!*folded && !converter) {
      (void)nodeContext.fail("unsupported op '" + node.op_type() + "'");
      return nullptr;
    }
    if (!*folded && mlir::failed((*converter)(nodeContext)))
      return nullptr;
  }

  llvm::SmallVector<mlir::Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    if (!values.contains(output.name()) && !constants.contains(output.name())) {
      (void)fail("graph output '" + output.name() +
                 "' is not produced by any node, initializer or graph input");
      return nullptr;
    }
    mlir::FailureOr<mlir::Value> value = lookup(output.name(), nullptr);
    if (mlir::failed(value)) {
      *error = "graph output '" + output.name() + "': " + *error;
      return nullptr;
    }
    if (mlir::failed(checkOutputType(*this, output, *value)))
      return nullptr;
    results.push_back(*value);
  }
  mlir::func::ReturnOp::create(builder, builder.getUnknownLoc(), results);
  // A graph input read only as an import-time constant is no argument.
  for (size_t index = arguments.size(); index-- > 0;) {
    const auto &[name, isInput] = arguments[index];
    if (isInput && boundInputs.count(name) &&
        entry->getArgument(index).use_empty()) {
      entry->eraseArgument(index);
      arguments.erase(arguments.begin() + index);
    }
  }
  function.setType(builder.getFunctionType(
      entry->getArgumentTypes(), mlir::ValueRange(results).getTypes()));
  for (const auto &[index, argument] : llvm::enumerate(arguments))
    function.setArgAttr(index, argument.second ? "nn.input" : "nn.param",
                        builder.getStringAttr(argument.first));
  for (const auto &[index, output] : llvm::enumerate(graph.output()))
    function.setResultAttr(index, "nn.output",
                           builder.getStringAttr(output.name()));

  if (!parameters.empty() && !weightsPath.empty()) {
    std::string message;
    if (!writeSafetensors(weightsPath, parameters, &message)) {
      (void)fail(message);
      return nullptr;
    }
  }
  return module;
}

/// `message` with control characters (which names read from the file may
/// hold) written as \xNN, so that an error stays one line.
static std::string escapeControlCharacters(llvm::StringRef message) {
  std::string escaped;
  for (unsigned char c : message) {
    if (c >= 0x20 && c != 0x7f) {
      escaped += char(c);
      continue;
    }
    const char *digits = "0123456789ABCDEF";
    escaped += {'\\', 'x', digits[c >> 4], digits[c & 15]};
  }
  return escaped;
}

mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModelFromBytes(mlir::MLIRContext &context, llvm::StringRef bytes,
                         const std::string &sourceName,
                         const std::string &modelFolder,
                         const std::string &weightsPath, std::string *error,
                         const ImportOptions &options, ImportReport *report) {
  error->clear();
  onnx::ModelProto model;
  if (bytes.size() > size_t(std::numeric_limits<int>::max()) ||
      !model.ParseFromArray(bytes.data(), int(bytes.size()))) {
    *error = "'" + sourceName + "' is not a valid ONNX model (the protobuf " +
             "does not parse: truncated or corrupt)";
    return nullptr;
  }
  if (!model.has_graph()) {
    *error = "'" + sourceName + "' holds no graph";
    return nullptr;
  }
  GraphImporter importer(context, options, error);
  importer.modelFolder = modelFolder;
  mlir::OwningOpRef<mlir::ModuleOp> module = importer.run(model, weightsPath);
  if (!module) {
    *error = escapeControlCharacters(*error);
    return nullptr;
  }
  if (mlir::failed(mlir::verify(*module))) {
    *error = "the imported module does not verify";
    return nullptr;
  }
  recognizeAttention(*module);
  if (report) {
    report->inputs.clear();
    for (const auto &[name, isInput] : importer.arguments)
      if (isInput)
        report->inputs.push_back(name);
    report->constantInputs = importer.constantInputs;
  }
  return module;
}

mlir::OwningOpRef<mlir::ModuleOp>
importOnnxModel(mlir::MLIRContext &context, const std::string &modelPath,
                const std::string &weightsPath, std::string *error,
                const ImportOptions &options, ImportReport *report) {
  error->clear();
  std::ifstream file(modelPath, std::ios::binary);
  if (!file) {
    *error = "cannot open '" + modelPath + "'";
    return nullptr;
  }
  std::stringstream bytes;
  bytes << file.rdbuf();
  std::string modelFolder = llvm::sys::path::parent_path(modelPath).str();
  return importOnnxModelFromBytes(context, bytes.str(), modelPath,
                                  modelFolder.empty() ? "." : modelFolder,
                                  weightsPath, error, options, report);
}

} // namespace nnc::onnx_import
