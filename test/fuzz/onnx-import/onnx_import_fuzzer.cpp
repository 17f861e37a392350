//===- onnx_import_fuzzer.cpp - libFuzzer target for the ONNX importer ----===//
//
// Feeds each input to the ONNX importer as the bytes of a model file and
// imports it into a fresh MLIRContext. Any outcome but a verified module or
// a one-line error is a finding: a crash or sanitizer report (the importer
// is built with AddressSanitizer and UndefinedBehaviorSanitizer), an empty
// or multi-line error, a diagnostic that escapes the importer (it must turn
// every problem into its error string), or a module that does not verify.
//
//===----------------------------------------------------------------------===//

#include "frontends/onnx/OnnxImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

/// Reports a finding with `what` and `detail`, then aborts (libFuzzer saves
/// the input as a crash).
[[noreturn]] static void finding(const char *what, const std::string &detail) {
  std::fprintf(stderr, "onnx-import-fuzzer: %s: %s\n", what, detail.c_str());
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext context(mlir::MLIRContext::Threading::DISABLED);
  std::string escaped;
  mlir::ScopedDiagnosticHandler catchEscaped(
      &context, [&](mlir::Diagnostic &diagnostic) {
        if (escaped.empty())
          escaped = diagnostic.str();
        return mlir::success();
      });

  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      nnc::onnx_import::importOnnxModelFromBytes(
          context, llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz input", /*modelFolder=*/"", /*weightsPath=*/"", &error);
  if (!escaped.empty())
    finding("a diagnostic escaped the importer", escaped);
  if (!module) {
    if (error.empty())
      finding("the import failed without an error", "");
    if (error.find('\n') != std::string::npos)
      finding("the error is not one line", error);
    return 0;
  }
  if (mlir::failed(mlir::verify(*module)))
    finding("the imported module does not verify", escaped);
  return 0;
}
