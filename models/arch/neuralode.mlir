// [neuralode] A continuous-depth block (Chen et al. 2018): the state z of a
// batch of 4 two-dimensional points follows dz/dt = f(z) for t in [0, 1],
// with f an MLP (2 -> 16 tanh -> 2), solved three ways:
//   @rk4     fixed-step classic Runge-Kutta (8 steps of h = 1/8) in an
//            scf.for;
//   @dopri   adaptive Dormand-Prince 5(4) in an scf.while: the embedded
//            4th-order solution estimates the error, a step is accepted
//            when its RMS error relative to atol + rtol |z| (both 1e-5) is
//            at most 1, and the next step is h * clamp(0.9 err^(-1/5),
//            0.2, 10) (the last one cut to end at t = 1);
//   @adjoint the gradients of L = mse(z(1), target) by the adjoint method:
//            the augmented state [z, a = dL/dz, g] is integrated backward
//            in time from t = 1 (a = dL/dz(1), g = 0) to t = 0 with the same
//            RK4 steps, da/dt = -a df/dz and dg/dt = -a df/dtheta, the
//            vector-Jacobian products by nn.grad inside the loop body
//            (@augmented). It keeps one state per step, not one per step
//            taken: its memory does not grow with the number of steps.
// @forward returns all three (and the numbers of accepted and rejected
// Dormand-Prince steps); @loss is mse(z(1), target) through @rk4, whose
// compiled gradient (--grad) is backpropagation through the solver.
// The step count of @rk4 and @adjoint (and h) is given by @forward and
// @loss (the constants marked "steps"); test/arch/neuralode/
// check_adjoint_memory.py changes them to measure peak memory.
// Weights: neuralode.safetensors (test/arch/neuralode/make_golden.py).

// f(z) = tanh(z W1^T + b1) W2^T + b2.
func.func private @dynamics(%z: tensor<4x2xf32>, %w1: tensor<16x2xf32>,
    %b1: tensor<16xf32>, %w2: tensor<2x16xf32>, %b2: tensor<2xf32>)
    -> tensor<4x2xf32> {
  %w1_t = nn.transpose %w1 [1, 0] : tensor<16x2xf32>
  %w2_t = nn.transpose %w2 [1, 0] : tensor<2x16xf32>
  %zw = nn.matmul %z, %w1_t : tensor<4x2xf32>, tensor<2x16xf32>
  %pre = nn.add %zw, %b1 : tensor<4x16xf32>, tensor<16xf32>
  %act = nn.tanh %pre : tensor<4x16xf32>
  %hw = nn.matmul %act, %w2_t : tensor<4x16xf32>, tensor<16x2xf32>
  %f = nn.add %hw, %b2 : tensor<4x2xf32>, tensor<2xf32>
  return %f : tensor<4x2xf32>
}

// <a, f(z)>: its gradient is the vector-Jacobian product a df/d(z, theta).
func.func private @a_dot_f(%z: tensor<4x2xf32>, %w1: tensor<16x2xf32>,
    %b1: tensor<16xf32>, %w2: tensor<2x16xf32>, %b2: tensor<2xf32>,
    %a: tensor<4x2xf32>) -> tensor<f32> {
  %f = func.call @dynamics(%z, %w1, %b1, %w2, %b2)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>) -> tensor<4x2xf32>
  %af = nn.mul %a, %f : tensor<4x2xf32>, tensor<4x2xf32>
  %s = nn.reduce_sum %af [] : tensor<4x2xf32>
  return %s : tensor<f32>
}

// z(1) by fixed-step RK4 from z(0) = %z0 (%steps steps of %h).
func.func private @rk4(%z0: tensor<4x2xf32>, %w1: tensor<16x2xf32>,
    %b1: tensor<16xf32>, %w2: tensor<2x16xf32>, %b2: tensor<2xf32>,
    %steps: index, %h: tensor<f32>) -> tensor<4x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %half = arith.constant dense<0.5> : tensor<f32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %sixth = arith.constant dense<0.16666666666666666> : tensor<f32>
  %h2 = nn.mul %h, %half : tensor<f32>, tensor<f32>
  %h6 = nn.mul %h, %sixth : tensor<f32>, tensor<f32>
  %z1 = scf.for %i = %c0 to %steps step %c1 iter_args(%z = %z0) -> tensor<4x2xf32> {
    %k1 = func.call @dynamics(%z, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    %d1 = nn.mul %k1, %h2 : tensor<4x2xf32>, tensor<f32>
    %y2 = nn.add %z, %d1 : tensor<4x2xf32>, tensor<4x2xf32>
    %k2 = func.call @dynamics(%y2, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    %d2 = nn.mul %k2, %h2 : tensor<4x2xf32>, tensor<f32>
    %y3 = nn.add %z, %d2 : tensor<4x2xf32>, tensor<4x2xf32>
    %k3 = func.call @dynamics(%y3, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    %d3 = nn.mul %k3, %h : tensor<4x2xf32>, tensor<f32>
    %y4 = nn.add %z, %d3 : tensor<4x2xf32>, tensor<4x2xf32>
    %k4 = func.call @dynamics(%y4, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    %k23 = nn.add %k2, %k3 : tensor<4x2xf32>, tensor<4x2xf32>
    %k23x2 = nn.mul %k23, %two : tensor<4x2xf32>, tensor<f32>
    %k14 = nn.add %k1, %k4 : tensor<4x2xf32>, tensor<4x2xf32>
    %k = nn.add %k14, %k23x2 : tensor<4x2xf32>, tensor<4x2xf32>
    %dz = nn.mul %k, %h6 : tensor<4x2xf32>, tensor<f32>
    %z_next = nn.add %z, %dz : tensor<4x2xf32>, tensor<4x2xf32>
    scf.yield %z_next : tensor<4x2xf32>
  }
  return %z1 : tensor<4x2xf32>
}

// The adjoint system in reversed time s = 1 - t on the flat augmented state
// [z (8), a (8), g_W1 (32), g_b1 (16), g_W2 (32), g_b2 (2)]:
// d/ds [z, a, g] = [-f(z), a df/dz, a df/dtheta].
func.func private @augmented(%s: tensor<98xf32>, %w1: tensor<16x2xf32>,
    %b1: tensor<16xf32>, %w2: tensor<2x16xf32>, %b2: tensor<2xf32>)
    -> tensor<98xf32> {
  %z_flat = nn.slice %s [0] to [8] by [1] : tensor<98xf32>
  %a_flat = nn.slice %s [8] to [16] by [1] : tensor<98xf32>
  %z = nn.reshape %z_flat [4, 2] : tensor<8xf32>
  %a = nn.reshape %a_flat [4, 2] : tensor<8xf32>
  %f = func.call @dynamics(%z, %w1, %b1, %w2, %b2)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>) -> tensor<4x2xf32>
  %neg_f = nn.neg %f : tensor<4x2xf32>
  %vz, %vw1, %vb1, %vw2, %vb2 = nn.grad @a_dot_f(%z, %w1, %b1, %w2, %b2, %a)
      wrt [0, 1, 2, 3, 4]
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>, tensor<4x2xf32>)
      -> (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
          tensor<2xf32>)
  %dz = nn.reshape %neg_f [8] : tensor<4x2xf32>
  %da = nn.reshape %vz [8] : tensor<4x2xf32>
  %dw1 = nn.reshape %vw1 [32] : tensor<16x2xf32>
  %dw2 = nn.reshape %vw2 [32] : tensor<2x16xf32>
  %ds = nn.concat %dz, %da, %dw1, %vb1, %dw2, %vb2 axis 0
      : tensor<8xf32>, tensor<8xf32>, tensor<32xf32>, tensor<16xf32>,
        tensor<32xf32>, tensor<2xf32>
  return %ds : tensor<98xf32>
}

// dL/dz(0) and dL/dtheta for L = mse(z(1), target) by the adjoint method:
// RK4 forward to z(1) keeping no intermediate state, then %steps RK4 steps
// of the augmented system back to t = 0.
func.func private @adjoint(%z0: tensor<4x2xf32>, %target: tensor<4x2xf32>,
    %w1: tensor<16x2xf32>, %b1: tensor<16xf32>, %w2: tensor<2x16xf32>,
    %b2: tensor<2xf32>, %steps: index, %h: tensor<f32>)
    -> (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
        tensor<2xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %half = arith.constant dense<0.5> : tensor<f32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %sixth = arith.constant dense<0.16666666666666666> : tensor<f32>
  %mse_scale = arith.constant dense<0.25> : tensor<f32>
  %zeros = arith.constant dense<0.0> : tensor<82xf32>
  %z1 = func.call @rk4(%z0, %w1, %b1, %w2, %b2, %steps, %h)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>, index, tensor<f32>) -> tensor<4x2xf32>
  // a(1) = dL/dz(1) = 2 (z(1) - target) / 8.
  %err = nn.sub %z1, %target : tensor<4x2xf32>, tensor<4x2xf32>
  %a1 = nn.mul %err, %mse_scale : tensor<4x2xf32>, tensor<f32>
  %z1_flat = nn.reshape %z1 [8] : tensor<4x2xf32>
  %a1_flat = nn.reshape %a1 [8] : tensor<4x2xf32>
  %s1 = nn.concat %z1_flat, %a1_flat, %zeros axis 0
      : tensor<8xf32>, tensor<8xf32>, tensor<82xf32>
  %h2 = nn.mul %h, %half : tensor<f32>, tensor<f32>
  %h6 = nn.mul %h, %sixth : tensor<f32>, tensor<f32>
  %s0 = scf.for %i = %c0 to %steps step %c1 iter_args(%s = %s1) -> tensor<98xf32> {
    %k1 = func.call @augmented(%s, %w1, %b1, %w2, %b2)
        : (tensor<98xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<98xf32>
    %d1 = nn.mul %k1, %h2 : tensor<98xf32>, tensor<f32>
    %y2 = nn.add %s, %d1 : tensor<98xf32>, tensor<98xf32>
    %k2 = func.call @augmented(%y2, %w1, %b1, %w2, %b2)
        : (tensor<98xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<98xf32>
    %d2 = nn.mul %k2, %h2 : tensor<98xf32>, tensor<f32>
    %y3 = nn.add %s, %d2 : tensor<98xf32>, tensor<98xf32>
    %k3 = func.call @augmented(%y3, %w1, %b1, %w2, %b2)
        : (tensor<98xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<98xf32>
    %d3 = nn.mul %k3, %h : tensor<98xf32>, tensor<f32>
    %y4 = nn.add %s, %d3 : tensor<98xf32>, tensor<98xf32>
    %k4 = func.call @augmented(%y4, %w1, %b1, %w2, %b2)
        : (tensor<98xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<98xf32>
    %k23 = nn.add %k2, %k3 : tensor<98xf32>, tensor<98xf32>
    %k23x2 = nn.mul %k23, %two : tensor<98xf32>, tensor<f32>
    %k14 = nn.add %k1, %k4 : tensor<98xf32>, tensor<98xf32>
    %k = nn.add %k14, %k23x2 : tensor<98xf32>, tensor<98xf32>
    %ds = nn.mul %k, %h6 : tensor<98xf32>, tensor<f32>
    %s_next = nn.add %s, %ds : tensor<98xf32>, tensor<98xf32>
    scf.yield %s_next : tensor<98xf32>
  }
  %gz_flat = nn.slice %s0 [8] to [16] by [1] : tensor<98xf32>
  %gw1_flat = nn.slice %s0 [16] to [48] by [1] : tensor<98xf32>
  %gb1 = nn.slice %s0 [48] to [64] by [1] : tensor<98xf32>
  %gw2_flat = nn.slice %s0 [64] to [96] by [1] : tensor<98xf32>
  %gb2 = nn.slice %s0 [96] to [98] by [1] : tensor<98xf32>
  %gz = nn.reshape %gz_flat [4, 2] : tensor<8xf32>
  %gw1 = nn.reshape %gw1_flat [16, 2] : tensor<32xf32>
  %gw2 = nn.reshape %gw2_flat [2, 16] : tensor<32xf32>
  return %gz, %gw1, %gb1, %gw2, %gb2 : tensor<4x2xf32>, tensor<16x2xf32>,
      tensor<16xf32>, tensor<2x16xf32>, tensor<2xf32>
}

// z(1) by adaptive Dormand-Prince 5(4), with the numbers of accepted and
// rejected steps.
func.func private @dopri(%z0: tensor<4x2xf32>, %w1: tensor<16x2xf32>,
    %b1: tensor<16xf32>, %w2: tensor<2x16xf32>, %b2: tensor<2xf32>)
    -> (tensor<4x2xf32>, tensor<f32>, tensor<f32>) {
  %t0 = arith.constant dense<0.0> : tensor<f32>
  %t1 = arith.constant dense<1.0> : tensor<f32>
  %t_end = arith.constant dense<0.99999> : tensor<f32>
  %h0 = arith.constant dense<1.0> : tensor<f32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %tol = arith.constant dense<1.0e-5> : tensor<f32>
  %safety = arith.constant dense<0.9> : tensor<f32>
  %order = arith.constant dense<-0.2> : tensor<f32>
  %min_factor = arith.constant dense<0.2> : tensor<f32>
  %max_factor = arith.constant dense<10.0> : tensor<f32>
  // The Butcher tableau's rows a_ij and the error weights b_i - b*_i.
  %a21 = arith.constant dense<0.2> : tensor<f32>
  %a31 = arith.constant dense<0.075> : tensor<f32>
  %a32 = arith.constant dense<0.225> : tensor<f32>
  %a41 = arith.constant dense<0.97777777777777777> : tensor<f32>
  %a42 = arith.constant dense<-3.7333333333333333> : tensor<f32>
  %a43 = arith.constant dense<3.5555555555555556> : tensor<f32>
  %a51 = arith.constant dense<2.9525986892242036> : tensor<f32>
  %a52 = arith.constant dense<-11.595793324188386> : tensor<f32>
  %a53 = arith.constant dense<9.8228928516994361> : tensor<f32>
  %a54 = arith.constant dense<-0.29080932784636488> : tensor<f32>
  %a61 = arith.constant dense<2.8462752525252525> : tensor<f32>
  %a62 = arith.constant dense<-10.757575757575758> : tensor<f32>
  %a63 = arith.constant dense<8.9064227177434725> : tensor<f32>
  %a64 = arith.constant dense<0.27840909090909091> : tensor<f32>
  %a65 = arith.constant dense<-0.27353130360205832> : tensor<f32>
  %a71 = arith.constant dense<0.091145833333333333> : tensor<f32>
  %a73 = arith.constant dense<0.44923629829290206> : tensor<f32>
  %a74 = arith.constant dense<0.65104166666666667> : tensor<f32>
  %a75 = arith.constant dense<-0.32237617924528302> : tensor<f32>
  %a76 = arith.constant dense<0.13095238095238095> : tensor<f32>
  %e1 = arith.constant dense<0.0012326388888888889> : tensor<f32>
  %e3 = arith.constant dense<-0.0042527702905061394> : tensor<f32>
  %e4 = arith.constant dense<0.036979166666666667> : tensor<f32>
  %e5 = arith.constant dense<-0.05086379716981132> : tensor<f32>
  %e6 = arith.constant dense<0.041904761904761905> : tensor<f32>
  %e7 = arith.constant dense<-0.025> : tensor<f32>
  %z1, %t_final, %h_final, %accepted, %rejected = scf.while (%z = %z0, %t = %t0,
      %h = %h0, %acc = %zero, %rej = %zero)
      : (tensor<4x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>)
      -> (tensor<4x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>) {
    %going = nn.compare lt, %t, %t_end : tensor<f32>, tensor<f32>
    %go = tensor.extract %going[] : tensor<i1>
    scf.condition(%go) %z, %t, %h, %acc, %rej
        : tensor<4x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>
  } do {
  ^bb0(%z: tensor<4x2xf32>, %t: tensor<f32>, %h_try: tensor<f32>,
       %acc: tensor<f32>, %rej: tensor<f32>):
    %left = nn.sub %t1, %t : tensor<f32>, tensor<f32>
    %h = nn.minimum %h_try, %left : tensor<f32>, tensor<f32>
    %k1 = func.call @dynamics(%z, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Stage 2.
    %s2 = nn.mul %k1, %a21 : tensor<4x2xf32>, tensor<f32>
    %d2 = nn.mul %s2, %h : tensor<4x2xf32>, tensor<f32>
    %y2 = nn.add %z, %d2 : tensor<4x2xf32>, tensor<4x2xf32>
    %k2 = func.call @dynamics(%y2, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Stage 3.
    %s31 = nn.mul %k1, %a31 : tensor<4x2xf32>, tensor<f32>
    %s32 = nn.mul %k2, %a32 : tensor<4x2xf32>, tensor<f32>
    %s3 = nn.add %s31, %s32 : tensor<4x2xf32>, tensor<4x2xf32>
    %d3 = nn.mul %s3, %h : tensor<4x2xf32>, tensor<f32>
    %y3 = nn.add %z, %d3 : tensor<4x2xf32>, tensor<4x2xf32>
    %k3 = func.call @dynamics(%y3, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Stage 4.
    %s41 = nn.mul %k1, %a41 : tensor<4x2xf32>, tensor<f32>
    %s42 = nn.mul %k2, %a42 : tensor<4x2xf32>, tensor<f32>
    %s43 = nn.mul %k3, %a43 : tensor<4x2xf32>, tensor<f32>
    %s4a = nn.add %s41, %s42 : tensor<4x2xf32>, tensor<4x2xf32>
    %s4 = nn.add %s4a, %s43 : tensor<4x2xf32>, tensor<4x2xf32>
    %d4 = nn.mul %s4, %h : tensor<4x2xf32>, tensor<f32>
    %y4 = nn.add %z, %d4 : tensor<4x2xf32>, tensor<4x2xf32>
    %k4 = func.call @dynamics(%y4, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Stage 5.
    %s51 = nn.mul %k1, %a51 : tensor<4x2xf32>, tensor<f32>
    %s52 = nn.mul %k2, %a52 : tensor<4x2xf32>, tensor<f32>
    %s53 = nn.mul %k3, %a53 : tensor<4x2xf32>, tensor<f32>
    %s54 = nn.mul %k4, %a54 : tensor<4x2xf32>, tensor<f32>
    %s5a = nn.add %s51, %s52 : tensor<4x2xf32>, tensor<4x2xf32>
    %s5b = nn.add %s5a, %s53 : tensor<4x2xf32>, tensor<4x2xf32>
    %s5 = nn.add %s5b, %s54 : tensor<4x2xf32>, tensor<4x2xf32>
    %d5 = nn.mul %s5, %h : tensor<4x2xf32>, tensor<f32>
    %y5 = nn.add %z, %d5 : tensor<4x2xf32>, tensor<4x2xf32>
    %k5 = func.call @dynamics(%y5, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Stage 6.
    %s61 = nn.mul %k1, %a61 : tensor<4x2xf32>, tensor<f32>
    %s62 = nn.mul %k2, %a62 : tensor<4x2xf32>, tensor<f32>
    %s63 = nn.mul %k3, %a63 : tensor<4x2xf32>, tensor<f32>
    %s64 = nn.mul %k4, %a64 : tensor<4x2xf32>, tensor<f32>
    %s65 = nn.mul %k5, %a65 : tensor<4x2xf32>, tensor<f32>
    %s6a = nn.add %s61, %s62 : tensor<4x2xf32>, tensor<4x2xf32>
    %s6b = nn.add %s6a, %s63 : tensor<4x2xf32>, tensor<4x2xf32>
    %s6c = nn.add %s6b, %s64 : tensor<4x2xf32>, tensor<4x2xf32>
    %s6 = nn.add %s6c, %s65 : tensor<4x2xf32>, tensor<4x2xf32>
    %d6 = nn.mul %s6, %h : tensor<4x2xf32>, tensor<f32>
    %y6 = nn.add %z, %d6 : tensor<4x2xf32>, tensor<4x2xf32>
    %k6 = func.call @dynamics(%y6, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // The 5th-order solution and k7 = f(it).
    %s71 = nn.mul %k1, %a71 : tensor<4x2xf32>, tensor<f32>
    %s73 = nn.mul %k3, %a73 : tensor<4x2xf32>, tensor<f32>
    %s74 = nn.mul %k4, %a74 : tensor<4x2xf32>, tensor<f32>
    %s75 = nn.mul %k5, %a75 : tensor<4x2xf32>, tensor<f32>
    %s76 = nn.mul %k6, %a76 : tensor<4x2xf32>, tensor<f32>
    %s7a = nn.add %s71, %s73 : tensor<4x2xf32>, tensor<4x2xf32>
    %s7b = nn.add %s7a, %s74 : tensor<4x2xf32>, tensor<4x2xf32>
    %s7c = nn.add %s7b, %s75 : tensor<4x2xf32>, tensor<4x2xf32>
    %s7 = nn.add %s7c, %s76 : tensor<4x2xf32>, tensor<4x2xf32>
    %d7 = nn.mul %s7, %h : tensor<4x2xf32>, tensor<f32>
    %y_next = nn.add %z, %d7 : tensor<4x2xf32>, tensor<4x2xf32>
    %k7 = func.call @dynamics(%y_next, %w1, %b1, %w2, %b2)
        : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
           tensor<2xf32>) -> tensor<4x2xf32>
    // Error estimate: h sum (b_i - b*_i) k_i, relative to atol + rtol |z|.
    %r1 = nn.mul %k1, %e1 : tensor<4x2xf32>, tensor<f32>
    %r3 = nn.mul %k3, %e3 : tensor<4x2xf32>, tensor<f32>
    %r4 = nn.mul %k4, %e4 : tensor<4x2xf32>, tensor<f32>
    %r5 = nn.mul %k5, %e5 : tensor<4x2xf32>, tensor<f32>
    %r6 = nn.mul %k6, %e6 : tensor<4x2xf32>, tensor<f32>
    %r7 = nn.mul %k7, %e7 : tensor<4x2xf32>, tensor<f32>
    %ra = nn.add %r1, %r3 : tensor<4x2xf32>, tensor<4x2xf32>
    %rb = nn.add %ra, %r4 : tensor<4x2xf32>, tensor<4x2xf32>
    %rc = nn.add %rb, %r5 : tensor<4x2xf32>, tensor<4x2xf32>
    %rd = nn.add %rc, %r6 : tensor<4x2xf32>, tensor<4x2xf32>
    %re = nn.add %rd, %r7 : tensor<4x2xf32>, tensor<4x2xf32>
    %err_vec = nn.mul %re, %h : tensor<4x2xf32>, tensor<f32>
    %abs_z = nn.abs %z : tensor<4x2xf32>
    %abs_y = nn.abs %y_next : tensor<4x2xf32>
    %abs_max = nn.maximum %abs_z, %abs_y : tensor<4x2xf32>, tensor<4x2xf32>
    %rel = nn.mul %abs_max, %tol : tensor<4x2xf32>, tensor<f32>
    %scale = nn.add %rel, %tol : tensor<4x2xf32>, tensor<f32>
    %ratio = nn.div %err_vec, %scale : tensor<4x2xf32>, tensor<4x2xf32>
    %ratio2 = nn.mul %ratio, %ratio : tensor<4x2xf32>, tensor<4x2xf32>
    %mean2 = nn.reduce_mean %ratio2 [] : tensor<4x2xf32>
    %err = nn.sqrt %mean2 : tensor<f32>
    // Accept or reject; the next step size either way.
    %accept = nn.compare le, %err, %one : tensor<f32>, tensor<f32>
    %z_new = nn.select %accept, %y_next, %z : tensor<i1>, tensor<4x2xf32>, tensor<4x2xf32>
    %t_step = nn.add %t, %h : tensor<f32>, tensor<f32>
    %t_new = nn.select %accept, %t_step, %t : tensor<i1>, tensor<f32>, tensor<f32>
    %acc_step = nn.select %accept, %one, %zero : tensor<i1>, tensor<f32>, tensor<f32>
    %rej_step = nn.sub %one, %acc_step : tensor<f32>, tensor<f32>
    %acc_new = nn.add %acc, %acc_step : tensor<f32>, tensor<f32>
    %rej_new = nn.add %rej, %rej_step : tensor<f32>, tensor<f32>
    %grow = nn.pow %err, %order : tensor<f32>, tensor<f32>
    %factor_raw = nn.mul %grow, %safety : tensor<f32>, tensor<f32>
    %factor_low = nn.maximum %factor_raw, %min_factor : tensor<f32>, tensor<f32>
    %factor = nn.minimum %factor_low, %max_factor : tensor<f32>, tensor<f32>
    %h_new = nn.mul %h, %factor : tensor<f32>, tensor<f32>
    scf.yield %z_new, %t_new, %h_new, %acc_new, %rej_new
        : tensor<4x2xf32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>
  }
  return %z1, %accepted, %rejected : tensor<4x2xf32>, tensor<f32>, tensor<f32>
}

func.func @forward(%z0: tensor<4x2xf32> {nn.input = "z0"},
    %target: tensor<4x2xf32> {nn.input = "target"},
    %w1: tensor<16x2xf32> {nn.param = "dynamics.fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "dynamics.fc1.bias"},
    %w2: tensor<2x16xf32> {nn.param = "dynamics.fc2.weight"},
    %b2: tensor<2xf32> {nn.param = "dynamics.fc2.bias"})
    -> (tensor<4x2xf32> {nn.output = "z1_rk4"},
        tensor<4x2xf32> {nn.output = "z1_dopri"},
        tensor<f32> {nn.output = "dopri_accepted"},
        tensor<f32> {nn.output = "dopri_rejected"},
        tensor<4x2xf32> {nn.output = "adjoint.z0"},
        tensor<16x2xf32> {nn.output = "adjoint.dynamics.fc1.weight"},
        tensor<16xf32> {nn.output = "adjoint.dynamics.fc1.bias"},
        tensor<2x16xf32> {nn.output = "adjoint.dynamics.fc2.weight"},
        tensor<2xf32> {nn.output = "adjoint.dynamics.fc2.bias"}) {
  %steps = arith.constant 8 : index  // steps
  %h = arith.constant dense<0.125> : tensor<f32>  // steps
  %z1 = func.call @rk4(%z0, %w1, %b1, %w2, %b2, %steps, %h)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>, index, tensor<f32>) -> tensor<4x2xf32>
  %z1_dopri, %accepted, %rejected = func.call @dopri(%z0, %w1, %b1, %w2, %b2)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>) -> (tensor<4x2xf32>, tensor<f32>, tensor<f32>)
  %gz, %gw1, %gb1, %gw2, %gb2 = func.call @adjoint(%z0, %target, %w1, %b1,
      %w2, %b2, %steps, %h)
      : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>,
         tensor<2x16xf32>, tensor<2xf32>, index, tensor<f32>)
      -> (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
          tensor<2xf32>)
  return %z1, %z1_dopri, %accepted, %rejected, %gz, %gw1, %gb1, %gw2, %gb2
      : tensor<4x2xf32>, tensor<4x2xf32>, tensor<f32>, tensor<f32>,
        tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
        tensor<2xf32>
}

// mse(z(1), target) with z(1) by RK4: its compiled gradient is
// backpropagation through the solver's steps.
func.func @loss(%z0: tensor<4x2xf32> {nn.input = "z0"},
    %target: tensor<4x2xf32> {nn.input = "target"},
    %w1: tensor<16x2xf32> {nn.param = "dynamics.fc1.weight"},
    %b1: tensor<16xf32> {nn.param = "dynamics.fc1.bias"},
    %w2: tensor<2x16xf32> {nn.param = "dynamics.fc2.weight"},
    %b2: tensor<2xf32> {nn.param = "dynamics.fc2.bias"})
    -> (tensor<f32> {nn.output = "loss"}) {
  %steps = arith.constant 8 : index  // steps
  %h = arith.constant dense<0.125> : tensor<f32>  // steps
  %z1 = func.call @rk4(%z0, %w1, %b1, %w2, %b2, %steps, %h)
      : (tensor<4x2xf32>, tensor<16x2xf32>, tensor<16xf32>, tensor<2x16xf32>,
         tensor<2xf32>, index, tensor<f32>) -> tensor<4x2xf32>
  %l = nn.mse_loss %z1, %target : tensor<4x2xf32>, tensor<4x2xf32>
  return %l : tensor<f32>
}
