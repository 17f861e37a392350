// nnc-optimizer's option errors: an unknown algorithm, a hyperparameter the
// algorithm does not take, a missing one without a torch default, and the
// values torch.optim rejects.
//
// The unknown algorithm, as a diagnostic on the module:
// RUN: nnc-opt %s --verify-diagnostics --nnc-optimizer="algorithm=lbfgs"
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=adam momentum=0.9" 2>&1 | FileCheck %s --check-prefix=NOT-TAKEN
// NOT-TAKEN: error: nnc-optimizer: option 'momentum' does not apply to algorithm 'adam'
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=rmsprop amsgrad=true" 2>&1 | FileCheck %s --check-prefix=FLAG-NOT-TAKEN
// FLAG-NOT-TAKEN: error: nnc-optimizer: option 'amsgrad' does not apply to algorithm 'rmsprop'
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=sgd" 2>&1 | FileCheck %s --check-prefix=NO-LR
// NO-LR: error: nnc-optimizer: algorithm 'sgd' needs 'lr' (torch.optim has no default for it)
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=adagrad lr=-0.1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: nnc-optimizer: 'lr' must be >= 0, got -1.000000e-01
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=adamw beta2=1" 2>&1 | FileCheck %s --check-prefix=BETA
// BETA: error: nnc-optimizer: betas must be in [0, 1), got beta1 = 9.000000e-01, beta2 = 1.000000e+00
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=momentum lr=0.1 momentum=0" 2>&1 | FileCheck %s --check-prefix=NO-MOMENTUM
// NO-MOMENTUM: error: nnc-optimizer: algorithm 'momentum' needs a momentum above 0
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=nesterov lr=0.1 dampening=0.1" 2>&1 | FileCheck %s --check-prefix=DAMPENING
// DAMPENING: error: nnc-optimizer: Nesterov momentum requires zero dampening, got 1.000000e-01
//
// RUN: not nnc-opt %s --nnc-optimizer="algorithm=sgd lr=0.1 nesterov=true" 2>&1 | FileCheck %s --check-prefix=NESTEROV-NO-MOMENTUM
// NESTEROV-NO-MOMENTUM: error: nnc-optimizer: Nesterov momentum requires a momentum above 0

// expected-error @+1 {{nnc-optimizer: unknown algorithm 'lbfgs'; expected sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw}}
module {
  func.func @loss_grad(%w: tensor<4xf32> {nn.param = "w"})
      -> (tensor<f32>, tensor<4xf32>) {
    %l = nn.reduce_sum %w [] : tensor<4xf32>
    return %l, %w : tensor<f32>, tensor<4xf32>
  }
}
