//===- NodeConverter.h - What an ONNX op converter sees ---------*- C++ -*-===//
//
// The interface between the importer core (OnnxImporter.cpp: value table,
// node dispatch, errors) and the converters, one file per op family. A
// converter gets a NodeContext for one node: its inputs as nn values or as
// data known at import time, its attributes with the ONNX defaults the
// converter passes, the model's opset, and a way to fail with a message
// that names the node. The ConverterRegistry maps op types to converters.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTENDS_ONNX_NODECONVERTER_H
#define NNC_FRONTENDS_ONNX_NODECONVERTER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace onnx {
class NodeProto;
class AttributeProto;
class TensorProto;
} // namespace onnx

namespace nnc::onnx_import {

/// A tensor whose contents are known at import time: an initializer, the
/// output of a Constant node or a folded node (ConstantFolding.cpp). Its
/// ONNX element type is kept exactly: floating-point data (FLOAT, DOUBLE,
/// FLOAT16, BFLOAT16) is held in `floats` as double, which represents every
/// such value exactly; integer and BOOL data in `ints` as int64 (UINT64 as its
/// bit pattern). `isFloat` says which of the two vectors holds the data.
struct ConstantTensor {
  std::vector<int64_t> shape;
  bool isFloat = true;
  /// onnx::TensorProto::DataType of the elements.
  int32_t elementType = 1; // FLOAT
  std::vector<double> floats;
  std::vector<int64_t> ints;

  /// A tensor of `type` (an integer or BOOL type) holding `values`.
  static ConstantTensor ofInts(std::vector<int64_t> shape,
                               std::vector<int64_t> values,
                               int32_t type = 7 /* INT64 */);
  /// A tensor of `type` (a floating-point type) holding `values`, each
  /// rounded to that type.
  static ConstantTensor ofFloats(std::vector<int64_t> shape,
                                 std::vector<double> values,
                                 int32_t type = 1 /* FLOAT */);
  int64_t numElements() const;
  /// Element `index` (row-major) as a double / an int64, whichever vector
  /// holds the data.
  double floatAt(int64_t index) const;
  int64_t intAt(int64_t index) const;
  /// Rounds (floats) or wraps (integers, BOOL to 0/1) every element to what
  /// `elementType` can hold, as a cast to that type does.
  void roundToElementType();
  /// The MLIR element type: f32, f64, f16, bf16, signless iN (unsigned
  /// types widened: UINT8/UINT16 to i32, UINT32 to i64) or i1 for BOOL.
  mlir::Type mlirElementType(mlir::Builder &builder) const;
  /// The contents as an attribute of a tensor of `mlirElementType`.
  mlir::DenseElementsAttr toAttribute(mlir::Builder &builder) const;
};

/// Whether ONNX element type `type` is one nnc keeps in a ConstantTensor,
/// and whether it is a floating-point one.
bool isSupportedElementType(int32_t type);
bool isFloatElementType(int32_t type);
/// ONNX's name for element type `type` (TensorProto.DataType).
std::string elementTypeName(int32_t type);

/// The most elements a tensor computed at import time (a folded constant,
/// an index table) may have: real models need far fewer, and a bigger one
/// is the sign of a corrupt model that would exhaust memory.
constexpr int64_t kMaxImportTimeElements = int64_t(1) << 24;

/// `value` truncated toward zero to an int64, saturating at int64's range,
/// NaN giving 0 (a plain conversion of such values is undefined in C++).
int64_t truncateToInt64(double value);

/// The number of elements of `shape`, or nullopt when the product of its
/// non-zero extents overflows int64 (so no partial product of a shape that
/// passes can overflow either). The importer keeps every tensor's shape
/// within this bound.
std::optional<int64_t> checkedElementCount(llvm::ArrayRef<int64_t> shape);
/// The number of elements of `shape`, whose count the caller knows to fit
/// (a shape the importer built, or one checkedElementCount passed).
int64_t elementCount(llvm::ArrayRef<int64_t> shape);
/// The row-major strides (in elements) of `shape`.
std::vector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

/// Decodes `proto` (raw or typed fields, or external data in a file beside
/// the model: `modelFolder` is that folder, empty when there is none);
/// false with `*error` set for an element type nnc does not take, a
/// negative extent, an element count past int64 (checkedElementCount), a
/// size mismatch or unreadable external data.
bool decodeTensor(const onnx::TensorProto &proto, ConstantTensor *out,
                  std::string *error, const std::string &modelFolder = "");

class GraphImporter;

/// One node being converted.
class NodeContext {
public:
  /// `index` is the node's position in the graph, which names an unnamed
  /// node in errors.
  NodeContext(GraphImporter &importer, const onnx::NodeProto &node,
              size_t index, int64_t opset);

  mlir::OpBuilder &builder();
  mlir::Location loc();
  /// The default-domain opset the model imports.
  int64_t opset() const { return opset_; }
  const onnx::NodeProto &node() const { return node_; }

  /// Whether input `index` is given (present and not the empty name).
  bool hasInput(size_t index) const;
  size_t numInputs() const;
  /// Input `index` as an nn value; a missing input or one no earlier node,
  /// initializer or graph input produces is an error naming it.
  mlir::FailureOr<mlir::Value> input(size_t index);
  /// Input `index` as a ranked tensor value with its type.
  mlir::FailureOr<std::pair<mlir::Value, mlir::RankedTensorType>>
  tensorInput(size_t index);
  /// Input `index` when its contents are known at import time (an
  /// initializer, a Constant's output, or a graph input bound to a value by
  /// ImportOptions::inputValues), else an error.
  mlir::FailureOr<const ConstantTensor *> constantInput(size_t index);

  /// Input `index`'s contents when they are known at import time, else
  /// null (no error).
  const ConstantTensor *knownInput(size_t index) const;
  /// Input `index`'s element type (a known tensor's mlirElementType, else
  /// that of the value bound to the name), or null when the input is absent
  /// or nothing has produced it yet.
  mlir::Type inputElementType(size_t index) const;
  /// Whether `constantInput(index)` would succeed (a known tensor or a
  /// bound graph input), without reading it.
  bool isKnownAtImport(size_t index) const;
  /// `knownInput` unless the input is a floating-point initializer: those are
  /// the model's parameters, which must stay arguments (a gradient is taken
  /// with respect to them), so nodes that read them are not folded.
  const ConstantTensor *foldableInput(size_t index) const;

  /// The attribute `name`, or null.
  const onnx::AttributeProto *attribute(llvm::StringRef name) const;
  int64_t intAttribute(llvm::StringRef name, int64_t fallback) const;
  float floatAttribute(llvm::StringRef name, float fallback) const;
  std::string stringAttribute(llvm::StringRef name,
                              llvm::StringRef fallback) const;
  std::optional<std::vector<int64_t>> intsAttribute(llvm::StringRef name) const;

  /// Records `message`, prefixed with the node's name (or `#index` when it
  /// has none), op type and opset, as the import error; returns failure.
  mlir::LogicalResult fail(const llvm::Twine &message);
  /// Fails naming `what` when a tensor or table of `shape` that the
  /// importer computes would have more than kMaxImportTimeElements elements
  /// (or more than fit in 64 bits).
  mlir::LogicalResult checkImportTimeSize(llvm::ArrayRef<int64_t> shape,
                                          const llvm::Twine &what);

  /// Binds the node's outputs, in order, to `values` (the node must have as
  /// many outputs, or fewer where trailing optional outputs are unused).
  mlir::LogicalResult setOutputs(llvm::ArrayRef<mlir::Value> values);
  /// Binds output `index` (when the node uses it) to a tensor known at
  /// import time.
  void setConstantOutput(ConstantTensor tensor, size_t index = 0);
  /// Binds output 0 to whatever input 0 is (value or constant): Identity.
  mlir::LogicalResult forwardInput();

  /// Builds an `OpTy` (an op that infers its result types) from `operands`
  /// and `attributes`; a failed type inference or verification becomes the
  /// import error (with the diagnostic's text), never an abort.
  template <typename OpTy>
  mlir::FailureOr<mlir::Operation *>
  create(mlir::ValueRange operands,
         llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    mlir::MLIRContext *context = builder().getContext();
    std::string diagnostic;
    mlir::ScopedDiagnosticHandler capture(context, [&](mlir::Diagnostic &d) {
      if (diagnostic.empty())
        diagnostic = d.str();
      return mlir::success();
    });
    mlir::DictionaryAttr dictionary =
        mlir::DictionaryAttr::get(context, attributes);
    typename OpTy::Properties properties;
    if constexpr (!std::is_same_v<typename OpTy::Properties,
                                  mlir::EmptyProperties>) {
      if (mlir::failed(OpTy::setPropertiesFromAttr(
              properties, dictionary, [&] { return mlir::emitError(loc()); })))
        return fail(diagnostic);
    }
    llvm::SmallVector<mlir::Type> types;
    if (mlir::failed(OpTy::inferReturnTypes(
            context, loc(), operands, dictionary,
            mlir::OpaqueProperties(&properties), {}, types)))
      return fail(diagnostic);
    return finishCreate(OpTy::getOperationName(), operands, dictionary, types,
                        diagnostic);
  }
  /// `create` for a single-result op: its result.
  template <typename OpTy>
  mlir::FailureOr<mlir::Value>
  createValue(mlir::ValueRange operands,
              llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
    mlir::FailureOr<mlir::Operation *> op = create<OpTy>(operands, attributes);
    if (mlir::failed(op))
      return mlir::failure();
    return (*op)->getResult(0);
  }

  /// Normalizes `axis` (negative counts from the end) for `rank`, failing
  /// with a message naming `what` when it is out of range.
  mlir::FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                         llvm::StringRef what);

private:
  /// Inserts the op whose types were inferred and verifies it; diagnostics
  /// land in `diagnostic` (which the caller's handler fills).
  mlir::FailureOr<mlir::Operation *>
  finishCreate(llvm::StringRef name, mlir::ValueRange operands,
               mlir::DictionaryAttr attributes, mlir::TypeRange types,
               std::string &diagnostic);

  GraphImporter &importer_;
  const onnx::NodeProto &node_;
  size_t index_;
  int64_t opset_;
};

/// Converts one node: builds nn ops and binds every used output.
using NodeConverter = std::function<mlir::LogicalResult(NodeContext &)>;

/// Op type (default domain) -> converter.
class ConverterRegistry {
public:
  /// A registry with every converter family registered.
  ConverterRegistry();
  void add(llvm::StringRef opType, NodeConverter converter);
  /// The converter for `opType`, or null.
  const NodeConverter *find(llvm::StringRef opType) const;

private:
  llvm::StringMap<NodeConverter> converters_;
};

/// Import-time constant folding (ConstantFolding.cpp): when the node's
/// result is known at import time (Shape of any value, or an op with a
/// folder whose inputs are all foldable constants) binds its outputs to
/// constants and returns true; false when the node must be converted (also
/// when it is `convertible` and elementwise with a result over
/// kMaxImportTimeElements); failure (reported) on bad input.
mlir::FailureOr<bool> foldNode(NodeContext &context, bool convertible);

/// Computes the node with its folder, reading every input through
/// `constantInput` (so bound graph inputs count): the converter of the ops
/// that exist only at import time (ConstantOfShape, Range, NonZero).
mlir::LogicalResult computeAtImport(NodeContext &context);

// The families, one file each.
void registerElementwiseConverters(ConverterRegistry &registry);
void registerLinearConverters(ConverterRegistry &registry);
void registerShapeConverters(ConverterRegistry &registry);
void registerConvolutionConverters(ConverterRegistry &registry);
void registerRecurrentConverters(ConverterRegistry &registry);
void registerPoolingConverters(ConverterRegistry &registry);
void registerIndexConverters(ConverterRegistry &registry);
void registerResizeConverters(ConverterRegistry &registry);
// onnx-reduce's families.
void registerReductionConverters(ConverterRegistry &registry);
void registerSoftmaxConverters(ConverterRegistry &registry);
void registerNormalizationConverters(ConverterRegistry &registry);
void registerEinsumConverters(ConverterRegistry &registry);
void registerLossConverters(ConverterRegistry &registry);
// onnx-elementwise families.
void registerActivationConverters(ConverterRegistry &registry);
void registerLogicalConverters(ConverterRegistry &registry);

} // namespace nnc::onnx_import

#endif // NNC_FRONTENDS_ONNX_NODECONVERTER_H
