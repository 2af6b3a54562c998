// FastLoss property tests — what is claimed, and how tightly.
//
// Cases (Harness/Cases.cs): every built-in in Loss — L1, Mse, SmoothL1, Huber, BinaryCrossEntropyWithLogits,
// SigmoidFocal, each in float and double — and the formulas of MyLosses.cs compiled by the generator in this project:
// LogCosh (float), Custom (double, two hyperparameters), WeightedSquare (float, three operands), GenericMix (T.Exp/Log/
// Sqrt/Pow/Tanh/Clamp/Max/Min and ?:, float and double), SigmoidMix (LossMath.Sigmoid/Softplus/LogSigmoid, float and
// double), BlockLocals (locals in a block body, float), LogCoshStable (hand-written gradient, float and double).
//
// Running: FsCheck 3 with a fixed seed, FASTLOSS_FSCHECK_SEED ("seed" or "seed,gamma") or Runner.DefaultSeed; 100 tests
// per property (FASTLOSS_FSCHECK_MAXTEST raises it); lengths 0..2000 biased to small. A failure names the seed to
// replay and shows the shrunk counterexample as C# literals. CI runs the suite under the default ISA (AVX-512),
// DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0 and DOTNET_EnableHWIntrinsic=0.
//
// | # | Property (file)                                   | Bound                                                     |
// |---|---------------------------------------------------|-----------------------------------------------------------|
// | 1 | per-element kernel == formula method              | see the table below; NaN exactly where the reference is   |
// |   | (KernelVsReferenceProperties), values incl. ±0,   | NaN; an infinity matches only itself (or a MaxValue       |
// |   | subnormals, huge, ±∞, NaN; hand-written gradient  | within the ulp budget)                                    |
// |   | kernels vs their method                           |                                                           |
// | 2 | Vector128/256/512 overloads of each operator      | bit for bit in every lane (NaN payloads aside, −0 ≠ +0),  |
// |   | struct == its scalar overload                     | Loss, Gradient, Hessian, LossAndGradient (both outputs)    |
// |   | (EngineDifferentialProperties)                    |                                                           |
// | 3 | gradient, Hessian kernels (two tests) vs central  | |k − fd| ≤ rtol·|fd| + atol + R + E + 32·ε_T·S             |
// |   | finite differences of the loss in double          | rtol 1e-6 / 1e-5, atol 1e-9 / 1e-7 (gradient / Hessian);  |
// |   | (DerivativeProperties)                            | R: rounding of the quotient, E: Richardson estimate of     |
// |   |                                                   | its truncation, S: the case's term scale. Skips kinks and |
// |   |                                                   | the formula's overflow range; ≥ half the elements checked |
// | 4 | NameWithGradient == Name + NameGradient           | bit for bit (value and every gradient element), Mean, Sum |
// |   | (ReductionProperties)                             |                                                           |
// | 5 | Mean == Sum / n as computed; Sum ≈ Σ per-element  | Mean: bit for bit. Sum: (24 + 2⌈log2(n+1)⌉)·ε_T·Σ|l_i|     |
// |   | losses summed in double (ReductionProperties)     | (NaN/±∞ elements: the same NaN/∞; no bound when Σ|l_i|    |
// |   |                                                   | exceeds MaxValue/2, where partial sums may overflow)      |
// | 6 | driver hygiene: every length 0..257 × offsets     | written values == operator scalar × (1/n or 1) bit for    |
// |   | 0..3, sentinels around the destination; reduction | bit; sentinels untouched; same reduction bits at every    |
// |   | address-independent; empty: Mean NaN, Sum +0      | offset. ArgumentException naming the destination (partial |
// |   | (DriverHygieneTests); in place; partial overlap,  | overlap, short) or the operand (length), before writing;  |
// |   | short destination, operand length, NaN hyper-     | ArgumentOutOfRangeException naming a NaN hyperparameter   |
// |   | parameter (DriverArgumentTests)                   |                                                           |
// | 7 | new NameLoss(h…) == static methods, through       | bit for bit; properties echo h; parameterless ctor ==     |
// |   | ILoss<T> where it applies (ObjectFormProperties)  | declared defaults; NaN rejected by the constructor        |
//
// Domains (Harness/Gens.cs): extreme values for properties 1, 2, 4, 6, 7; moderate finite ones (|v| ≲ 1e3) for 3 and
// most of 5. BCE and focal targets stay probabilities (plus ±0, NaN, ±∞ and −1, −0.5, 1.5, 2): for a target t far
// outside [0, 1], q = 1 − p_t = p − t(2p − 1) multiplies one ulp of σ by |t|, and no per-element bound can hold.
// Hyperparameters stay in their declared ranges; one element in five sits on a kink (input == target, or |d| == δ).
//
// Property 1 bounds (Harness/Domains.cs). ε_T = 2^-23 (float) or 2^-52 (double); d = input − target. A kernel value k
// passes against the reference r when ulpDistance(k, r) ≤ N, or |k − r| ≤ N·ulp(r) + A. The exact cases hold because
// their kernels are the formula's own + − * / abs max min select sequence; the transcendental bounds are what the
// deterministic VectorMath polynomials must meet (today's VectorMath is a scalar stand-in, so they pass with 0 ulp).
//
// | Formula                          | N (ulp) | A (absolute)                                                        |
// |----------------------------------|---------|---------------------------------------------------------------------|
// | L1, Mse, SmoothL1, Huber, Custom,| 0       | 0 — exact: equal as numbers (−0 == +0), NaN iff NaN                  |
// | WeightedSquare, BlockLocals      |         |                                                                     |
// | LogCosh                          | 4       | 4ε (log of a value within ulps of 1)                                 |
// | LogCoshStable (loss)             | 4       | 4ε (cancels to ≈ d²/2 near 0)                                        |
// | LogCoshStable (gradient, tanh)   | 4       | 0                                                                   |
// | BinaryCrossEntropyWithLogits     | 4       | 4ε·(1 + |(1−t)x| + |x|)                                              |
// | SigmoidFocal                     | 8       | |α_t|·(|ce|·E_q + 8ε·(1 + |(1−t)x| + |x|)), E_q = γ·max(1,q)^(γ−1)·δq |
// |                                  |         | for γ ≥ 1, δq^γ for γ < 1, δq = 8ε·(|t| + |1−t|), q = 1 − p_t         |
// | GenericMix                       | 8       | 8ε·(33 + |d| + ⅛|min(x, t)|)                                         |
// | SigmoidMix                       | 4       | 8ε·(2 + |x|(1 + |t|) + |x| + |t|)                                     |
namespace FastLoss.PropertyTests;
