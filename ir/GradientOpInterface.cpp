//===- GradientOpInterface.cpp - Reverse-mode rules of ops ----------------===//

#include "ir/GradientOpInterface.h"

#include "ir/GradientOpInterface.cpp.inc"
