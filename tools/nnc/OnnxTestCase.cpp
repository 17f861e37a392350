//===- OnnxTestCase.cpp - One ONNX backend test case ----------------------===//
//
// Import -> compile to a shared library in-process (codegen's compileModel,
// as `nnc compile --emit=lib`) -> load with the runtime -> run each data set
// -> compare each output (and with --grad each gradient). Every step that
// fails ends the case with a one-line reason that starts with the step:
// "import: ", "compile: ", "load: ", "run: ", or names the output.
//
//===----------------------------------------------------------------------===//

#include "tools/nnc/OnnxTestCase.h"
#include "frontends/onnx/OnnxImporter.h"
#include "tools/Registration.h"
#include "tools/nnc/OnnxTensorData.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <sstream>
#include <unistd.h>

namespace nnc {
namespace {

/// The tensors of one test_data_set_N folder.
struct DataSet {
  std::string name;
  /// input_K.pb for K = 0, 1, ... as far as the files go.
  std::vector<onnx::TensorProto> inputs;
  /// output_K.pb for every graph output.
  std::vector<onnx::TensorProto> outputs;
};

OnnxTestResult failed(std::string reason) {
  return {OnnxTestResult::Outcome::Fail, std::move(reason)};
}

/// The test_data_set_N folders of `caseDir`, by N.
std::vector<std::pair<int, std::string>>
dataSetFolders(const std::string &caseDir) {
  std::vector<std::pair<int, std::string>> folders;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(caseDir, ec), end; it != end && !ec;
       it.increment(ec)) {
    llvm::StringRef name = llvm::sys::path::filename(it->path());
    int number = 0;
    if (name.consume_front("test_data_set_") && !name.getAsInteger(10, number))
      folders.emplace_back(number, it->path());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

/// Reads the inputs present and all `numOutputs` outputs of a data set.
bool readDataSet(const std::string &folder, size_t numOutputs, DataSet *out,
                 std::string *error) {
  out->name = llvm::sys::path::filename(folder).str();
  for (size_t k = 0;; ++k) {
    std::string path = folder + "/input_" + std::to_string(k) + ".pb";
    if (!llvm::sys::fs::exists(path))
      break;
    if (!readTensorFile(path, &out->inputs.emplace_back(), error))
      return false;
  }
  for (size_t k = 0; k < numOutputs; ++k)
    if (!readTensorFile(folder + "/output_" + std::to_string(k) + ".pb",
                        &out->outputs.emplace_back(), error))
      return false;
  return true;
}

/// Sends stderr (where compileModel reports) to a file while it lives.
class StderrCapture {
public:
  explicit StderrCapture(std::string path) : path_(std::move(path)) {
    llvm::errs().flush();
    saved_ = dup(2);
    int file = open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (file >= 0) {
      dup2(file, 2);
      close(file);
    }
  }
  ~StderrCapture() {
    llvm::errs().flush();
    if (saved_ >= 0) {
      dup2(saved_, 2);
      close(saved_);
    }
  }
  /// The text after "error: " on the first line that has it, else the
  /// first non-empty line.
  std::string firstError() const {
    llvm::errs().flush();
    std::ifstream file(path_);
    std::string line, first;
    while (std::getline(file, line)) {
      size_t at = line.find("error: ");
      if (at != std::string::npos)
        return line.substr(at + 7);
      if (first.empty())
        first = line;
    }
    return first.empty() ? "failed without a message" : first;
  }

private:
  std::string path_;
  int saved_ = -1;
};

/// A shape as "[2, 3]".
std::string formatDims(llvm::ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

/// Frees a loaded model.
struct ModelDeleter {
  void operator()(nnc_model *model) const { nnc_model_free(model); }
};

/// Run outputs the runtime allocated, released on destruction.
struct RunOutputs {
  std::vector<nnc_tensor> tensors;
  ~RunOutputs() {
    for (nnc_tensor &tensor : tensors)
      nnc_tensor_release(&tensor);
  }
};

} // namespace

OnnxTestResult runOnnxTestCase(const std::string &caseDir,
                               const std::string &workDir,
                               const OnnxTestOptions &options) {
  if (!llvm::sys::fs::is_directory(caseDir))
    return failed("no such folder '" + caseDir + "'");
  std::string modelPath = caseDir + "/model.onnx";
  std::ifstream modelFile(modelPath, std::ios::binary);
  if (!modelFile)
    return failed("no model.onnx in '" + caseDir + "'");
  std::stringstream modelBytes;
  modelBytes << modelFile.rdbuf();
  onnx::ModelProto model;
  if (!model.ParseFromString(modelBytes.str()))
    return failed("import: model.onnx does not parse (truncated or corrupt)");

  // Input K is the K-th graph input that is not an initializer.
  llvm::StringMap<size_t> inputIndex, outputIndex;
  std::vector<std::string> inputNames;
  {
    llvm::StringMap<bool> initializers;
    for (const onnx::TensorProto &initializer : model.graph().initializer())
      initializers[initializer.name()] = true;
    for (const onnx::ValueInfoProto &input : model.graph().input())
      if (!initializers.count(input.name())) {
        inputIndex[input.name()] = inputNames.size();
        inputNames.push_back(input.name());
      }
  }
  const auto &graphOutputs = model.graph().output();
  for (int k = 0; k < graphOutputs.size(); ++k)
    outputIndex[graphOutputs[k].name()] = k;

  std::vector<DataSet> dataSets;
  for (const auto &[number, folder] : dataSetFolders(caseDir)) {
    std::string error;
    if (!readDataSet(folder, graphOutputs.size(), &dataSets.emplace_back(),
                     &error))
      return failed(error);
  }
  if (dataSets.empty())
    return failed("no test_data_set_* folder in '" + caseDir + "'");

  // Shapes and values for import come from data set 0.
  onnx_import::ImportOptions importOptions;
  const DataSet &first = dataSets.front();
  for (size_t k = 0; k < first.inputs.size() && k < inputNames.size(); ++k) {
    const onnx::TensorProto &tensor = first.inputs[k];
    importOptions.inputShapes[inputNames[k]] =
        std::vector<int64_t>(tensor.dims().begin(), tensor.dims().end());
    importOptions.inputValues[inputNames[k]] = &tensor;
  }

  mlir::DialectRegistry registry;
  registerAllNncDialectsAndPasses(registry);
  mlir::MLIRContext context(registry);
  context.disableMultithreading();
  std::string weightsPath = workDir + "/model.safetensors";
  std::string error;
  onnx_import::ImportReport report;
  mlir::OwningOpRef<mlir::ModuleOp> module = onnx_import::importOnnxModel(
      context, modelPath, weightsPath, &error, importOptions, &report);
  if (!module)
    return failed("import: " + error);

  for (const std::string &name : report.constantInputs) {
    size_t k = inputIndex.lookup(name);
    HostTensor reference;
    if (!toHostTensor(first.inputs[k], &reference, &error))
      return failed(first.name + "/input_" + std::to_string(k) +
                    ".pb: " + error);
    for (const DataSet &dataSet : llvm::ArrayRef(dataSets).drop_front()) {
      HostTensor other;
      if (k >= dataSet.inputs.size() ||
          !toHostTensor(dataSet.inputs[k], &other, &error) ||
          !other.sameAs(reference))
        return failed(
            "input '" + name + "' is taken as an import-time constant, but " +
            dataSet.name + " gives it another value than " + first.name);
    }
  }

  std::string gradsDir = caseDir + "/grads";
  bool gradient = options.gradient && llvm::sys::fs::is_directory(gradsDir);
  llvm::StringMap<std::string> gradFiles; // "<name>.grad" -> its file
  if (gradient) {
    auto forward = module->lookupSymbol<mlir::func::FuncOp>("forward");
    auto loss = forward && forward.getNumResults()
                    ? mlir::dyn_cast<mlir::RankedTensorType>(
                          forward.getResultTypes()[0])
                    : nullptr;
    if (!loss)
      return failed("--grad: the model has no tensor output 0");
    if (loss.getRank() != 0)
      return failed("--grad: output 0 '" + graphOutputs[0].name() +
                    "' has shape " + formatDims(loss.getShape()) +
                    ", not a scalar");
    std::error_code ec;
    for (llvm::sys::fs::directory_iterator it(gradsDir, ec), end;
         it != end && !ec; it.increment(ec))
      if (llvm::sys::path::extension(it->path()) == ".pb")
        gradFiles[(llvm::sys::path::stem(it->path()) + ".grad").str()] =
            it->path();
  }

  std::string sourcePath = workDir + "/model.mlir";
  {
    std::error_code ec;
    llvm::raw_fd_ostream source(sourcePath, ec);
    if (ec)
      return failed("cannot write '" + sourcePath + "': " + ec.message());
    module->print(source);
  }
  CompileOptions compile;
  compile.input = sourcePath;
  compile.output = workDir + "/model.so";
  compile.emit = Emit::Lib;
  compile.target = options.target;
  compile.entry = "forward";
  compile.gradient = gradient;
  if (llvm::sys::fs::exists(weightsPath))
    compile.weights = weightsPath;
  {
    StderrCapture capture(workDir + "/stderr.txt");
    if (mlir::failed(compileModel(context, compile)))
      return failed("compile: " + capture.firstError());
  }

  nnc_model *loaded = nullptr;
  nnc_status loadStatus =
      nnc_model_load(compile.output.c_str(), nullptr, &loaded);
  if (loadStatus == NNC_ERROR_DEVICE)
    return {OnnxTestResult::Outcome::Skip,
            std::string("no GPU: ") + nnc_last_error()};
  if (loadStatus != NNC_OK)
    return failed(std::string("load: ") + nnc_last_error());
  std::unique_ptr<nnc_model, ModelDeleter> compiled(loaded);

  // Which graph input feeds each model input, which graph output or
  // gradient file each model output is checked against.
  size_t numInputs = nnc_model_num_inputs(loaded);
  size_t numOutputs = nnc_model_num_outputs(loaded);
  std::vector<size_t> feeds;
  for (size_t i = 0; i < numInputs; ++i) {
    nnc_tensor_info info;
    nnc_model_input_info(loaded, i, &info);
    auto found = inputIndex.find(info.name);
    if (found == inputIndex.end())
      return failed(std::string("the compiled model takes input '") +
                    info.name + "', which is no graph input");
    feeds.push_back(found->second);
  }
  std::vector<std::string> outputNames;
  llvm::StringMap<bool> produced;
  for (size_t j = 0; j < numOutputs; ++j) {
    nnc_tensor_info info;
    nnc_model_output_info(loaded, j, &info);
    outputNames.push_back(info.name);
    produced[info.name] = true;
  }
  for (const onnx::ValueInfoProto &output : graphOutputs)
    if (!produced.count(output.name()))
      return failed("graph output '" + output.name() +
                    "' is not an output of the compiled model");
  for (const auto &entry : gradFiles)
    if (!produced.count(entry.getKey()))
      return failed("grads/" +
                    llvm::sys::path::filename(entry.getValue()).str() +
                    ": the initializer got no gradient (it is no parameter "
                    "of the imported model)");

  for (const auto &[setIndex, dataSet] : llvm::enumerate(dataSets)) {
    std::vector<HostTensor> inputs(numInputs);
    std::vector<nnc_tensor> inputViews;
    for (size_t i = 0; i < numInputs; ++i) {
      size_t k = feeds[i];
      if (k >= dataSet.inputs.size())
        return failed(dataSet.name + " has no input_" + std::to_string(k) +
                      ".pb for input '" + inputNames[k] + "'");
      if (!toHostTensor(dataSet.inputs[k], &inputs[i], &error))
        return failed(dataSet.name + "/input_" + std::to_string(k) +
                      ".pb: " + error);
      inputViews.push_back(inputs[i].tensor());
    }
    RunOutputs outputs;
    outputs.tensors.assign(numOutputs, nnc_tensor{});
    nnc_status status =
        nnc_model_run(loaded, inputViews.data(), inputViews.size(),
                      outputs.tensors.data(), numOutputs);
    if (status == NNC_ERROR_DEVICE)
      return {OnnxTestResult::Outcome::Skip,
              std::string("no GPU: ") + nnc_last_error()};
    if (status != NNC_OK)
      return failed(std::string("run: ") + nnc_last_error());
    for (size_t j = 0; j < numOutputs; ++j) {
      const std::string &name = outputNames[j];
      auto graphOutput = outputIndex.find(name);
      auto gradFile = gradFiles.find(name);
      HostTensor want;
      std::string what;
      if (graphOutput != outputIndex.end()) {
        size_t k = graphOutput->second;
        if (!toHostTensor(dataSet.outputs[k], &want, &error))
          return failed(dataSet.name + "/output_" + std::to_string(k) +
                        ".pb: " + error);
        what = "output '" + name + "' (" + dataSet.name + ")";
      } else if (gradFile != gradFiles.end() && setIndex == 0) {
        onnx::TensorProto proto;
        if (!readTensorFile(gradFile->getValue(), &proto, &error) ||
            !toHostTensor(proto, &want, &error))
          return failed("grads: " + error);
        what = "gradient '" + name + "' (" + dataSet.name + ")";
      } else {
        continue;
      }
      std::string mismatch =
          compareTensors(outputs.tensors[j], want.tensor(), options.tolerance);
      if (!mismatch.empty())
        return failed(what + ": " + mismatch);
    }
  }
  return {OnnxTestResult::Outcome::Pass, ""};
}

} // namespace nnc
