// What nnc-optimizer builds for each torch.optim algorithm, around the same
// gradient function. Each RUN line picks an algorithm and non-default
// hyperparameters; the checks follow torch 1.13's update formulas op by op.
//
// RUN: nnc-opt %s --nnc-optimizer="algorithm=sgd lr=0.1 weight-decay=0.01 maximize=true" | FileCheck %s --check-prefix=SGD
// RUN: nnc-opt %s --nnc-optimizer="algorithm=momentum lr=0.1 dampening=0.5" | FileCheck %s --check-prefix=MOMENTUM
// RUN: nnc-opt %s --nnc-optimizer="algorithm=nesterov lr=0.1" | FileCheck %s --check-prefix=NESTEROV
// RUN: nnc-opt %s --nnc-optimizer="algorithm=adagrad" | FileCheck %s --check-prefix=ADAGRAD
// RUN: nnc-opt %s --nnc-optimizer="algorithm=adagrad lr-decay=0.1 initial-accumulator-value=0.5" | FileCheck %s --check-prefix=ADAGRAD-DECAY
// RUN: nnc-opt %s --nnc-optimizer="algorithm=rmsprop" | FileCheck %s --check-prefix=RMSPROP
// RUN: nnc-opt %s --nnc-optimizer="algorithm=rmsprop momentum=0.5 centered=true" | FileCheck %s --check-prefix=RMSPROP-CENTERED
// RUN: nnc-opt %s --nnc-optimizer="algorithm=adam weight-decay=0.1" | FileCheck %s --check-prefix=ADAM
// RUN: nnc-opt %s --nnc-optimizer="algorithm=adamw amsgrad=true" | FileCheck %s --check-prefix=ADAMW
// RUN: nnc-opt %s --nnc-optimizer | FileCheck %s --check-prefix=DEFAULT

// The gradient function nnc-autodiff makes for sum(x * w): the loss, then
// d loss / d w = x. The input comes before the param: the train step puts
// params first and calls the gradient function in its own argument order.
func.func @loss_grad(%x: tensor<4xf32> {nn.input = "x"},
                     %w: tensor<4xf32> {nn.param = "w"})
    -> (tensor<f32> {nn.output = "loss"},
        tensor<4xf32> {nn.output = "w.grad"}) {
  %p = nn.mul %x, %w : tensor<4xf32>, tensor<4xf32>
  %l = nn.reduce_sum %p [] : tensor<4xf32>
  return %l, %x : tensor<f32>, tensor<4xf32>
}

// Plain SGD keeps no state: g = -grad + wd * w (maximize, weight decay),
// w' = w + (-lr) * g.
// SGD-LABEL: func.func @train_step(
// SGD-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// SGD-SAME:    %[[X:.*]]: tensor<4xf32> {nn.input = "x"})
// SGD-SAME:    -> (tensor<4xf32> {nn.output = "w"}, tensor<f32> {nn.output = "loss"})
// SGD:         %[[G:.*]]:2 = call @loss_grad(%[[X]], %[[W]])
// SGD:         %[[NEG:.*]] = nn.neg %[[G]]#1
// SGD:         %[[WD:.*]] = arith.constant dense<0.00999999977> : tensor<f32>
// SGD:         %[[DECAY:.*]] = nn.mul %[[WD]], %[[W]]
// SGD:         %[[D:.*]] = nn.add %[[NEG]], %[[DECAY]]
// SGD:         %[[LR:.*]] = arith.constant dense<-1.000000e-01> : tensor<f32>
// SGD:         %[[STEP:.*]] = nn.mul %[[LR]], %[[D]]
// SGD:         %[[NEW:.*]] = nn.add %[[W]], %[[STEP]]
// SGD:         return %[[NEW]], %[[G]]#0

// Momentum: a step counter and a momentum buffer. The buffer is
// buf * (momentum * notFirst) + (1 - dampening + dampening * isFirst) * g,
// which is torch's `buf = g` on the first step.
// MOMENTUM-LABEL: func.func @train_step(
// MOMENTUM-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// MOMENTUM-SAME:    %[[STEP:.*]]: tensor<f32> {nn.state = "step"},
// MOMENTUM-SAME:    %[[BUF:.*]]: tensor<4xf32> {nn.state = "w.momentum_buffer"},
// MOMENTUM-SAME:    %[[X:.*]]: tensor<4xf32> {nn.input = "x"})
// MOMENTUM-SAME:    -> (tensor<4xf32> {nn.output = "w"}, tensor<f32> {nn.output = "step"},
// MOMENTUM-SAME:        tensor<4xf32> {nn.output = "w.momentum_buffer"}, tensor<f32> {nn.output = "loss"})
// MOMENTUM:         %[[G:.*]]:2 = call @loss_grad(%[[X]], %[[W]])
// MOMENTUM:         %[[ONE:.*]] = arith.constant dense<1.000000e+00>
// MOMENTUM:         %[[NEXT:.*]] = nn.add %[[STEP]], %[[ONE]]
// MOMENTUM:         %[[NOTFIRST:.*]] = nn.minimum %[[STEP]], %[[ONE]]
// MOMENTUM:         %[[ISFIRST:.*]] = nn.sub %[[ONE]], %[[NOTFIRST]]
// MOMENTUM:         %[[M:.*]] = arith.constant dense<0.899999976>
// MOMENTUM:         %[[BUFSCALE:.*]] = nn.mul %[[M]], %[[NOTFIRST]]
// MOMENTUM:         %[[HALF:.*]] = arith.constant dense<5.000000e-01>
// MOMENTUM:         %[[T:.*]] = nn.mul %[[HALF]], %[[ISFIRST]]
// MOMENTUM:         %[[GSCALE:.*]] = nn.add %[[HALF]], %[[T]]
// MOMENTUM:         %[[SG:.*]] = nn.mul %[[GSCALE]], %[[G]]#1
// MOMENTUM:         %[[SB:.*]] = nn.mul %[[BUF]], %[[BUFSCALE]]
// MOMENTUM:         %[[NEWBUF:.*]] = nn.add %[[SB]], %[[SG]]
// MOMENTUM:         %[[LR:.*]] = arith.constant dense<-1.000000e-01>
// MOMENTUM:         %[[U:.*]] = nn.mul %[[LR]], %[[NEWBUF]]
// MOMENTUM:         %[[NEW:.*]] = nn.add %[[W]], %[[U]]
// MOMENTUM:         return %[[NEW]], %[[NEXT]], %[[NEWBUF]], %[[G]]#0

// Nesterov (momentum 0.9 by default, no dampening): the step uses
// g + momentum * buf.
// NESTEROV-LABEL: func.func @train_step(
// NESTEROV-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// NESTEROV-SAME:    %[[STEP:.*]]: tensor<f32> {nn.state = "step"},
// NESTEROV-SAME:    %[[BUF:.*]]: tensor<4xf32> {nn.state = "w.momentum_buffer"},
// NESTEROV:         %[[G:.*]]:2 = call @loss_grad
// NESTEROV:         %[[NOTFIRST:.*]] = nn.minimum %[[STEP]]
// NESTEROV:         %[[M:.*]] = arith.constant dense<0.899999976>
// NESTEROV:         %[[BUFSCALE:.*]] = nn.mul %[[M]], %[[NOTFIRST]]
// NESTEROV:         %[[SB:.*]] = nn.mul %[[BUF]], %[[BUFSCALE]]
// NESTEROV:         %[[NEWBUF:.*]] = nn.add %[[SB]], %[[G]]#1
// NESTEROV:         %[[MB:.*]] = nn.mul %[[M]], %[[NEWBUF]]
// NESTEROV:         %[[D:.*]] = nn.add %[[G]]#1, %[[MB]]
// NESTEROV:         %[[LR:.*]] = arith.constant dense<-1.000000e-01>
// NESTEROV:         %[[U:.*]] = nn.mul %[[LR]], %[[D]]
// NESTEROV:         nn.add %[[W]], %[[U]]

// Adagrad with torch's defaults (lr 1e-2, eps 1e-10) needs no step counter:
// sum' = sum + g * g, w' = w + (-lr * g) / (sqrt(sum') + eps).
// ADAGRAD-LABEL: func.func @train_step(
// ADAGRAD-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// ADAGRAD-SAME:    %[[SUM:.*]]: tensor<4xf32> {nn.state = "w.sum"},
// ADAGRAD-SAME:    %[[X:.*]]: tensor<4xf32> {nn.input = "x"})
// ADAGRAD:         %[[G:.*]]:2 = call @loss_grad
// ADAGRAD:         %[[SQ:.*]] = nn.mul %[[G]]#1, %[[G]]#1
// ADAGRAD:         %[[NEWSUM:.*]] = nn.add %[[SUM]], %[[SQ]]
// ADAGRAD:         %[[ROOT:.*]] = nn.sqrt %[[NEWSUM]]
// ADAGRAD:         %[[EPS:.*]] = arith.constant dense<1.000000e-10>
// ADAGRAD:         %[[STD:.*]] = nn.add %[[ROOT]], %[[EPS]]
// ADAGRAD:         %[[LR:.*]] = arith.constant dense<-0.00999999977>
// ADAGRAD:         %[[NUM:.*]] = nn.mul %[[LR]], %[[G]]#1
// ADAGRAD:         %[[Q:.*]] = nn.div %[[NUM]], %[[STD]]
// ADAGRAD:         %[[NEW:.*]] = nn.add %[[W]], %[[Q]]
// ADAGRAD:         return %[[NEW]], %[[NEWSUM]], %[[G]]#0

// Adagrad with a decaying learning rate lr / (1 + step * lr_decay) and an
// initial accumulator value added on the first step.
// ADAGRAD-DECAY-LABEL: func.func @train_step(
// ADAGRAD-DECAY-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// ADAGRAD-DECAY-SAME:    %[[STEP:.*]]: tensor<f32> {nn.state = "step"},
// ADAGRAD-DECAY-SAME:    %[[SUM:.*]]: tensor<4xf32> {nn.state = "w.sum"},
// ADAGRAD-DECAY:         %[[G:.*]]:2 = call @loss_grad
// ADAGRAD-DECAY:         %[[LR:.*]] = arith.constant dense<0.00999999977>
// ADAGRAD-DECAY:         %[[DECAY:.*]] = arith.constant dense<1.000000e-01>
// ADAGRAD-DECAY:         %[[T:.*]] = nn.mul %[[STEP]], %[[DECAY]]
// ADAGRAD-DECAY:         %[[DEN:.*]] = nn.add %{{.*}}, %[[T]]
// ADAGRAD-DECAY:         %[[CLR:.*]] = nn.div %[[LR]], %[[DEN]]
// ADAGRAD-DECAY:         %[[NEGCLR:.*]] = nn.neg %[[CLR]]
// ADAGRAD-DECAY:         %[[NOTFIRST:.*]] = nn.minimum %[[STEP]]
// ADAGRAD-DECAY:         %[[ISFIRST:.*]] = nn.sub %{{.*}}, %[[NOTFIRST]]
// ADAGRAD-DECAY:         %[[INIT:.*]] = arith.constant dense<5.000000e-01>
// ADAGRAD-DECAY:         %[[I:.*]] = nn.mul %[[ISFIRST]], %[[INIT]]
// ADAGRAD-DECAY:         %[[START:.*]] = nn.add %[[SUM]], %[[I]]
// ADAGRAD-DECAY:         %[[SQ:.*]] = nn.mul %[[G]]#1, %[[G]]#1
// ADAGRAD-DECAY:         %[[NEWSUM:.*]] = nn.add %[[START]], %[[SQ]]
// ADAGRAD-DECAY:         %[[NUM:.*]] = nn.mul %[[NEGCLR]], %[[G]]#1

// RMSprop with torch's defaults (lr 1e-2, alpha 0.99, eps 1e-8):
// sq' = sq * alpha + ((1 - alpha) * g) * g, w' = w + (-lr * g) / (sqrt(sq') + eps).
// RMSPROP-LABEL: func.func @train_step(
// RMSPROP-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// RMSPROP-SAME:    %[[SQ:.*]]: tensor<4xf32> {nn.state = "w.square_avg"},
// RMSPROP:         %[[G:.*]]:2 = call @loss_grad
// RMSPROP:         %[[ALPHA:.*]] = arith.constant dense<9.900000e-01>
// RMSPROP:         %[[A:.*]] = nn.mul %[[SQ]], %[[ALPHA]]
// RMSPROP:         %[[ONEMINUS:.*]] = arith.constant dense<0.00999999977>
// RMSPROP:         %[[B:.*]] = nn.mul %[[ONEMINUS]], %[[G]]#1
// RMSPROP:         %[[C:.*]] = nn.mul %[[B]], %[[G]]#1
// RMSPROP:         %[[NEWSQ:.*]] = nn.add %[[A]], %[[C]]
// RMSPROP:         %[[ROOT:.*]] = nn.sqrt %[[NEWSQ]]
// RMSPROP:         %[[EPS:.*]] = arith.constant dense<9.99999993E-9>
// RMSPROP:         %[[AVG:.*]] = nn.add %[[ROOT]], %[[EPS]]
// RMSPROP:         %[[LR:.*]] = arith.constant dense<-0.00999999977>
// RMSPROP:         %[[NUM:.*]] = nn.mul %[[LR]], %[[G]]#1
// RMSPROP:         %[[Q:.*]] = nn.div %[[NUM]], %[[AVG]]
// RMSPROP:         %[[NEW:.*]] = nn.add %[[W]], %[[Q]]
// RMSPROP:         return %[[NEW]], %[[NEWSQ]], %[[G]]#0

// Centered RMSprop with momentum: a gradient average centers the second
// moment, and the step goes through a momentum buffer.
// RMSPROP-CENTERED-LABEL: func.func @train_step(
// RMSPROP-CENTERED-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// RMSPROP-CENTERED-SAME:    %[[SQ:.*]]: tensor<4xf32> {nn.state = "w.square_avg"},
// RMSPROP-CENTERED-SAME:    %[[BUF:.*]]: tensor<4xf32> {nn.state = "w.momentum_buffer"},
// RMSPROP-CENTERED-SAME:    %[[GA:.*]]: tensor<4xf32> {nn.state = "w.grad_avg"},
// RMSPROP-CENTERED:         %[[G:.*]]:2 = call @loss_grad
// RMSPROP-CENTERED:         %[[NEWSQ:.*]] = nn.add
// RMSPROP-CENTERED:         %[[A:.*]] = nn.mul %[[GA]], %{{.*}}
// RMSPROP-CENTERED:         %[[B:.*]] = nn.mul %{{.*}}, %[[G]]#1
// RMSPROP-CENTERED:         %[[NEWGA:.*]] = nn.add %[[A]], %[[B]]
// RMSPROP-CENTERED:         %[[MINUS:.*]] = arith.constant dense<-1.000000e+00>
// RMSPROP-CENTERED:         %[[N:.*]] = nn.mul %[[MINUS]], %[[NEWGA]]
// RMSPROP-CENTERED:         %[[NN:.*]] = nn.mul %[[N]], %[[NEWGA]]
// RMSPROP-CENTERED:         %[[VAR:.*]] = nn.add %[[NEWSQ]], %[[NN]]
// RMSPROP-CENTERED:         %[[ROOT:.*]] = nn.sqrt %[[VAR]]
// RMSPROP-CENTERED:         %[[AVG:.*]] = nn.add %[[ROOT]], %{{.*}}
// RMSPROP-CENTERED:         %[[M:.*]] = arith.constant dense<5.000000e-01>
// RMSPROP-CENTERED:         %[[SB:.*]] = nn.mul %[[BUF]], %[[M]]
// RMSPROP-CENTERED:         %[[Q:.*]] = nn.div %[[G]]#1, %[[AVG]]
// RMSPROP-CENTERED:         %[[NEWBUF:.*]] = nn.add %[[SB]], %[[Q]]
// RMSPROP-CENTERED:         %[[U:.*]] = nn.mul %{{.*}}, %[[NEWBUF]]
// RMSPROP-CENTERED:         %[[NEW:.*]] = nn.add %[[W]], %[[U]]
// RMSPROP-CENTERED:         return %[[NEW]], %[[NEWSQ]], %[[NEWBUF]], %[[NEWGA]], %[[G]]#0

// Adam with L2 weight decay folded into the gradient, and bias correction
// from the step counter: w' = w + (-lr / (1 - b1^t) * m') /
// (sqrt(v') / sqrt(1 - b2^t) + eps).
// ADAM-LABEL: func.func @train_step(
// ADAM-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// ADAM-SAME:    %[[STEP:.*]]: tensor<f32> {nn.state = "step"},
// ADAM-SAME:    %[[M:.*]]: tensor<4xf32> {nn.state = "w.exp_avg"},
// ADAM-SAME:    %[[V:.*]]: tensor<4xf32> {nn.state = "w.exp_avg_sq"},
// ADAM-SAME:    %[[X:.*]]: tensor<4xf32> {nn.input = "x"})
// ADAM-SAME:    -> (tensor<4xf32> {nn.output = "w"}, tensor<f32> {nn.output = "step"},
// ADAM-SAME:        tensor<4xf32> {nn.output = "w.exp_avg"}, tensor<4xf32> {nn.output = "w.exp_avg_sq"},
// ADAM-SAME:        tensor<f32> {nn.output = "loss"})
// ADAM:         %[[G:.*]]:2 = call @loss_grad(%[[X]], %[[W]])
// ADAM:         %[[ONE:.*]] = arith.constant dense<1.000000e+00>
// ADAM:         %[[T:.*]] = nn.add %[[STEP]], %[[ONE]]
// ADAM:         %[[B1:.*]] = arith.constant dense<0.899999976>
// ADAM:         %[[P1:.*]] = nn.pow %[[B1]], %[[T]]
// ADAM:         %[[BC1:.*]] = nn.sub %[[ONE]], %[[P1]]
// ADAM:         %[[B2:.*]] = arith.constant dense<9.990000e-01>
// ADAM:         %[[P2:.*]] = nn.pow %[[B2]], %[[T]]
// ADAM:         %[[BC2:.*]] = nn.sub %[[ONE]], %[[P2]]
// ADAM:         %[[LR:.*]] = arith.constant dense<1.000000e-03>
// ADAM:         %[[SS:.*]] = nn.div %[[LR]], %[[BC1]]
// ADAM:         %[[NEGSS:.*]] = nn.neg %[[SS]]
// ADAM:         %[[BC2SQRT:.*]] = nn.sqrt %[[BC2]]
// ADAM:         %[[WD:.*]] = arith.constant dense<1.000000e-01>
// ADAM:         %[[DECAY:.*]] = nn.mul %[[WD]], %[[W]]
// ADAM:         %[[D:.*]] = nn.add %[[G]]#1, %[[DECAY]]
// ADAM:         %[[MA:.*]] = nn.mul %[[M]], %[[B1]]
// ADAM:         %[[MB:.*]] = nn.mul %{{.*}}, %[[D]]
// ADAM:         %[[NEWM:.*]] = nn.add %[[MA]], %[[MB]]
// ADAM:         %[[VA:.*]] = nn.mul %[[V]], %[[B2]]
// ADAM:         %[[VB:.*]] = nn.mul %{{.*}}, %[[D]]
// ADAM:         %[[VC:.*]] = nn.mul %[[VB]], %[[D]]
// ADAM:         %[[NEWV:.*]] = nn.add %[[VA]], %[[VC]]
// ADAM:         %[[ROOT:.*]] = nn.sqrt %[[NEWV]]
// ADAM:         %[[SCALED:.*]] = nn.div %[[ROOT]], %[[BC2SQRT]]
// ADAM:         %[[DENOM:.*]] = nn.add %[[SCALED]], %{{.*}}
// ADAM:         %[[NUM:.*]] = nn.mul %[[NEGSS]], %[[NEWM]]
// ADAM:         %[[Q:.*]] = nn.div %[[NUM]], %[[DENOM]]
// ADAM:         %[[NEW:.*]] = nn.add %[[W]], %[[Q]]
// ADAM:         return %[[NEW]], %[[T]], %[[NEWM]], %[[NEWV]], %[[G]]#0

// AdamW decays the weight itself by (1 - lr * weight_decay) = 1 - 1e-3 * 1e-2
// before the update; AMSGrad keeps the running maximum of v.
// ADAMW-LABEL: func.func @train_step(
// ADAMW-SAME:    %[[W:.*]]: tensor<4xf32> {nn.param = "w"},
// ADAMW-SAME:    %[[STEP:.*]]: tensor<f32> {nn.state = "step"},
// ADAMW-SAME:    %[[M:.*]]: tensor<4xf32> {nn.state = "w.exp_avg"},
// ADAMW-SAME:    %[[V:.*]]: tensor<4xf32> {nn.state = "w.exp_avg_sq"},
// ADAMW-SAME:    %[[VMAX:.*]]: tensor<4xf32> {nn.state = "w.max_exp_avg_sq"},
// ADAMW:         %[[G:.*]]:2 = call @loss_grad
// ADAMW:         %[[KEEP:.*]] = arith.constant dense<0.999989986>
// ADAMW:         %[[DECAYED:.*]] = nn.mul %[[W]], %[[KEEP]]
// ADAMW:         %[[NEWM:.*]] = nn.add
// ADAMW:         %[[NEWV:.*]] = nn.add
// ADAMW:         %[[NEWMAX:.*]] = nn.maximum %[[VMAX]], %[[NEWV]]
// ADAMW:         %[[ROOT:.*]] = nn.sqrt %[[NEWMAX]]
// ADAMW:         %[[NEW:.*]] = nn.add %[[DECAYED]], %{{.*}}
// ADAMW:         return %[[NEW]], %{{.*}}, %[[NEWM]], %[[NEWV]], %[[NEWMAX]], %[[G]]#0

// The default algorithm is Adam with torch's defaults.
// DEFAULT-LABEL: func.func @train_step(
// DEFAULT-SAME:    {nn.state = "w.exp_avg"}
// DEFAULT-NOT:     nn.maximum
// DEFAULT:         arith.constant dense<1.000000e-03>
