//===- BufferUses.cpp - Where a buffer is used within its block -----------===//

#include "passes/BufferUses.h"

#include "mlir/IR/Operation.h"

using namespace mlir;

namespace nnc {

FailureOr<SmallVector<Operation *>>
bufferUsesInBlock(Value buffer, Block *block, Operation *except) {
  SmallVector<Operation *> uses;
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (user == except)
        continue;
      Operation *inBlock = block->findAncestorOpInBlock(*user);
      if (!inBlock)
        return failure();
      // Whatever an op makes from the buffer may still reach it.
      llvm::append_range(worklist, user->getResults());
      uses.push_back(inBlock);
    }
  }
  return uses;
}

} // namespace nnc
