//===- GradientOpInterface.h - Reverse-mode rules of ops --------*- C++ -*-===//

#ifndef NNC_IR_GRADIENTOPINTERFACE_H
#define NNC_IR_GRADIENTOPINTERFACE_H

#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/OpDefinition.h"

#include "ir/GradientOpInterface.h.inc"

#endif // NNC_IR_GRADIENTOPINTERFACE_H
