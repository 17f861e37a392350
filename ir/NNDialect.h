//===- NNDialect.h - The nn dialect -----------------------------*- C++ -*-===//

#ifndef NNC_IR_NNDIALECT_H
#define NNC_IR_NNDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "ir/NNDialect.h.inc"

#endif // NNC_IR_NNDIALECT_H
