//===- test/runtime/not_a_model.cpp - A shared library that is no model ---===//
//
// Loads fine with dlopen but lacks the `nnc_compiled_model` symbol.
//
//===----------------------------------------------------------------------===//

extern "C" {
/// Something for the library to export.
int nncTestNotAModel = 1;
}
