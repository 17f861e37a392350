//===- ModelImage.cpp - The image global of a compiled model -------------===//

#include "codegen/ModelImage.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/Error.h"

namespace nnc {

/// Must match NNC_MODEL_ABI_VERSION in runtime/include/nnc/model_abi.h.
static constexpr uint32_t kModelAbiVersion = 2;

/// `void entry(void **args)` calling `_mlir_ciface_<entry>(args[0], ...)`.
static llvm::Function *buildPackedEntry(llvm::Module &module,
                                        llvm::Function *ciface,
                                        llvm::StringRef name) {
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  auto *type =
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), {ptr}, false);
  auto *entry = llvm::Function::Create(
      type, llvm::GlobalValue::InternalLinkage, name, module);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(context, "entry", entry));
  llvm::SmallVector<llvm::Value *> args;
  for (unsigned i = 0; i < ciface->arg_size(); ++i) {
    llvm::Value *slot = b.CreateConstInBoundsGEP1_64(ptr, entry->getArg(0), i);
    args.push_back(b.CreateLoad(ptr, slot));
  }
  b.CreateCall(ciface, args);
  b.CreateRetVoid();
  return entry;
}

/// A private constant byte array holding `bytes`.
static llvm::GlobalVariable *addBytes(llvm::Module &module,
                                      llvm::StringRef name,
                                      llvm::StringRef bytes, bool addNull,
                                      unsigned alignment) {
  llvm::Constant *data = llvm::ConstantDataArray::getString(
      module.getContext(), bytes, addNull);
  auto *global = new llvm::GlobalVariable(
      module, data->getType(), /*isConstant=*/true,
      llvm::GlobalValue::PrivateLinkage, data, name);
  global->setAlignment(llvm::Align(alignment));
  return global;
}

llvm::Error addModelImage(llvm::Module &module, const ModelSignature &signature,
                          const MemoryPlanStats &memory, llvm::StringRef target,
                          llvm::StringRef symbol,
                          std::optional<llvm::StringRef> weights) {
  std::string cifaceName = "_mlir_ciface_" + signature.entry;
  llvm::Function *ciface = module.getFunction(cifaceName);
  if (!ciface)
    return llvm::createStringError("lowered module has no function '" +
                                   cifaceName + "'");
  if (ciface->arg_size() != signature.slots.size())
    return llvm::createStringError(
        "entry '" + signature.entry + "' takes " +
        std::to_string(ciface->arg_size()) + " arguments after lowering, " +
        "expected " + std::to_string(signature.slots.size()));

  llvm::LLVMContext &context = module.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  llvm::Type *i64 = llvm::Type::getInt64Ty(context);

  llvm::Function *entry =
      buildPackedEntry(module, ciface, (symbol + "_entry").str());
  // The prepare function of an entry with derived weights takes each param
  // and buffer, then each derived tensor.
  size_t derivedCount =
      llvm::count_if(signature.slots, [](const TensorSlot &slot) {
        return slot.role == TensorSlot::Role::Derived;
      });
  llvm::Constant *prepare =
      llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(context));
  if (derivedCount > 0) {
    std::string prepareName = cifaceName + "_prepare";
    llvm::Function *prepareCiface = module.getFunction(prepareName);
    size_t weightCount =
        llvm::count_if(signature.slots, [](const TensorSlot &slot) {
          return slot.role == TensorSlot::Role::Param ||
                 slot.role == TensorSlot::Role::Buffer;
        });
    if (!prepareCiface ||
        prepareCiface->arg_size() != weightCount + derivedCount)
      return llvm::createStringError(
          "entry '" + signature.entry +
          "' reads derived weights but the lowered module has no function '" +
          prepareName + "' taking its weights and them");
    prepare =
        buildPackedEntry(module, prepareCiface, (symbol + "_prepare").str());
  }
  llvm::GlobalVariable *metadata =
      addBytes(module, (symbol + "_metadata").str(),
               signature.metadata(target, memory), /*addNull=*/true, 1);
  llvm::Constant *weightsPtr = llvm::ConstantPointerNull::get(
      llvm::PointerType::getUnqual(context));
  uint64_t weightsSize = 0;
  if (weights) {
    weightsPtr = addBytes(module, (symbol + "_weights").str(), *weights,
                          /*addNull=*/false, 64);
    weightsSize = weights->size();
  }

  auto *imageType =
      llvm::StructType::get(context, {i32, ptr, ptr, ptr, i64, ptr});
  llvm::Constant *image = llvm::ConstantStruct::get(
      imageType,
      {llvm::ConstantInt::get(i32, kModelAbiVersion), metadata, entry,
       weightsPtr, llvm::ConstantInt::get(i64, weightsSize), prepare});
  if (module.getNamedValue(symbol))
    return llvm::createStringError("symbol '" + symbol.str() +
                                   "' is already defined by the model");
  // The image is the model's only export: two models linked into one
  // program must not clash on `forward` or on their kernels' globals.
  // LLVM's own globals stay as they are: internalized, llvm.global_ctors
  // (which loads a GPU model's kernels at startup) would be dropped.
  for (llvm::GlobalValue &value : module.global_values())
    if (!value.isDeclaration() && !value.hasLocalLinkage() &&
        !value.getName().starts_with("llvm."))
      value.setLinkage(llvm::GlobalValue::InternalLinkage);
  new llvm::GlobalVariable(module, imageType, /*isConstant=*/true,
                           llvm::GlobalValue::ExternalLinkage, image, symbol);
  return llvm::Error::success();
}

} // namespace nnc
