namespace FastLoss.PropertyTests.Harness;

/// <summary>
/// Hyperparameter ranges, accuracy bounds and derivative-check helpers shared by the case table. Every bound here is
/// one row of the table at the top of Properties.cs.
/// </summary>
public static class Domains
{
    private const double Inf = double.PositiveInfinity;

    public static readonly HyperSpec Delta = new(1, [0.5, 2], 1e-2, 1e2, true, [1e-30, 1e-45, 1e30, Inf]);
    public static readonly HyperSpec Beta = new(1, [0, 0.5], 1e-2, 1e2, true, [1e-30, 1e30, Inf]);
    public static readonly HyperSpec Alpha = new(0.25, [-1, 0, 1, 0.5], 0, 1, false, [-0.0, 2, -1e30]);
    public static readonly HyperSpec Gamma = new(2, [0, 0.5, 1, 3], 0, 4, false, [10, 1e-30]);
    public static readonly HyperSpec Param = new(0, [1, -1], -5, 5, false, [1e300, -1e300, Inf, -Inf]);
    public static readonly HyperSpec Power = new(1.5, [1, 2, 4], 1, 4, false, []);
    public static readonly HyperSpec Scale = new(2, [0, 1], 0, 10, false, [1e30, Inf]);

    public static CaseDomain Target(params HyperSpec[] h) => new(1, OperandKind.General, OperandKind.General, h);

    public static CaseDomain Probability(params HyperSpec[] h) => new(1, OperandKind.Probability, OperandKind.General, h);

    public static CaseDomain TargetAndWeight() => new(2, OperandKind.General, OperandKind.Weight, []);

    // ---- accuracy bounds (kernel vs the formula method) -------------------------------------------------------

    /// <summary>log(cosh d): ≤ 4 ulp, plus 4ε absolute (log of a value within ulps of 1 turns relative error into absolute).</summary>
    public static Bound LogCosh(double eps) => new(4, (_, _, _, _) => 4 * eps, "≤ 4 ulp + 4ε");

    /// <summary>(1−t)x − log σ(x): ≤ 4 ulp, plus 4ε·(1 + |(1−t)x| + |x|) for cancellation between the two terms.</summary>
    public static Bound Bce(double eps) => new(4, (x, t, _, _) => 4 * eps * (1 + Math.Abs((1 - t) * x) + Math.Abs(x)), "≤ 4 ulp + 4ε·(1 + |(1−t)x| + |x|)");

    /// <summary>
    /// Focal: ≤ 8 ulp, plus |α_t|·(|ce|·E_q + 8ε·(1 + |(1−t)x| + |x|)), where E_q is how far q^γ moves when q = 1 − p_t
    /// moves by δq = 8ε·(|t| + |1−t|): γ·max(1, q)^(γ−1)·δq for γ ≥ 1, δq^γ for γ &lt; 1 (q^γ is not Lipschitz at 0).
    /// </summary>
    public static Bound Focal(double eps) => new(8, (x, t, _, h) =>
    {
        double alpha = h[0], gamma = h[1];
        double at = alpha >= 0 ? (alpha * t) + ((1 - alpha) * (1 - t)) : 1;
        double ce = Math.Abs(((1 - t) * x) - LossMath.LogSigmoid(x));
        double p = LossMath.Sigmoid(x);
        double q = 1 - ((p * t) + ((1 - p) * (1 - t)));
        double dq = 8 * eps * (Math.Abs(t) + Math.Abs(1 - t));
        double eq = gamma == 0 ? 0 : gamma >= 1 ? gamma * Math.Pow(Math.Max(1, Math.Abs(q)), gamma - 1) * dq : Math.Pow(dq, gamma);
        return Math.Abs(at) * ((ce * eq) + (8 * eps * (1 + Math.Abs((1 - t) * x) + Math.Abs(x))));
    }, "≤ 8 ulp + |α_t|·(|ce|·E_q + 8ε·(1 + |(1−t)x| + |x|))");

    /// <summary>GenericMix: ≤ 8 ulp, plus 8ε·(33 + |d| + ⅛|min(x, t)|) (its terms, which may cancel).</summary>
    public static Bound GenericMix(double eps) => new(8, (x, t, _, _) => 8 * eps * (33 + Math.Abs(x - t) + (0.125 * Math.Abs(Math.Min(x, t)))), "≤ 8 ulp + 8ε·(33 + |d| + ⅛|min(x,t)|)");

    /// <summary>SigmoidMix: ≤ 4 ulp, plus 8ε·(2 + |x|·(1 + |t|) + |x| + |t|) (softplus(x) and t·x cancel for large x).</summary>
    public static Bound SigmoidMix(double eps) => new(4, (x, t, _, _) => 8 * eps * (2 + (Math.Abs(x) * (1 + Math.Abs(t))) + Math.Abs(x) + Math.Abs(t)), "≤ 4 ulp + 8ε·(2 + |x|(1+|t|) + |x| + |t|)");

    /// <summary>|d| + log1p(e^(−2|d|)) − log 2: ≤ 4 ulp, plus 4ε absolute (the result cancels to ≈ d²/2 near 0).</summary>
    public static Bound LogCoshStable(double eps) => new(4, (_, _, _, _) => 4 * eps, "≤ 4 ulp + 4ε");

    /// <summary>tanh (the hand-written gradient): ≤ 4 ulp.</summary>
    public static readonly Bound Tanh = new(4, null, "≤ 4 ulp");

    // ---- finite-difference helpers ------------------------------------------------------------------------------

    /// <summary>A branch key: which side of |d| &lt; c and the sign of d (all the kinks of L1, SmoothL1 and Huber).</summary>
    public static double SideOf(double d, double c) => (Math.Abs(d) < c ? 10 : 0) + Math.Sign(d);

    /// <summary>α_t of the focal loss (1 when α &lt; 0 disables the weighting).</summary>
    public static double AlphaT(double alpha, double t) => alpha >= 0 ? Math.Abs((alpha * t) + ((1 - alpha) * (1 - t))) : 1;

    /// <summary>Focal's gradient term magnitude: α_t·(1 + |t| + |1−t|)·(1 + |ce|)·(1 + γ)²·max(1, q)^γ.</summary>
    public static double FocalScale(double x, double t, double[] h)
    {
        double p = LossMath.Sigmoid(x);
        double q = Math.Abs(1 - ((p * t) + ((1 - p) * (1 - t))));
        double ce = Math.Abs(((1 - t) * x) - LossMath.LogSigmoid(x));
        return AlphaT(h[0], t) * (1 + Math.Abs(t) + Math.Abs(1 - t)) * (1 + ce) * (1 + h[1]) * (1 + h[1]) * Math.Pow(Math.Max(1, q), h[1]);
    }

    /// <summary>The GenericMix branch key: x &gt; t, the clamp's two ends, min's side and max's side.</summary>
    public static double GenericMixBranch(double x, double t)
    {
        double c = t - x;
        return (x > t ? 1 : 0) + (c < 0 ? 2 : 0) + (c > 30 ? 4 : 0) + (x < t ? 8 : 0) + (Math.Min(x, t) > -1 ? 16 : 0);
    }
}
