//===- ModelImage.h - The image global of a compiled model ------*- C++ -*-===//
//
// Adds to a translated LLVM module everything runtime/include/nnc/model_abi.h
// promises: the metadata text, a packed entry `void (void **args)` that
// forwards to the entry's C interface, the embedded weights, and the one
// exported global of type `nnc_model_image` tying them together.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_MODELIMAGE_H
#define NNC_CODEGEN_MODELIMAGE_H

#include "codegen/ModelSignature.h"

#include "llvm/IR/Module.h"

#include <optional>

namespace nnc {

/// Adds the image global `symbol` to `module`. `weights` is the safetensors
/// file content to embed, or nothing for a model reading its weights at
/// load time; `memory` is the memory plan of the entry, for the metadata.
llvm::Error addModelImage(llvm::Module &module, const ModelSignature &signature,
                          const MemoryPlanStats &memory, llvm::StringRef target,
                          llvm::StringRef symbol,
                          std::optional<llvm::StringRef> weights);

} // namespace nnc

#endif // NNC_CODEGEN_MODELIMAGE_H
