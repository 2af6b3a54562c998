using static FastLoss.PropertyTests.Harness.Domains;

namespace FastLoss.PropertyTests.Harness;

/// <summary>
/// Every formula under test at every element type it has: the six built-ins in <see cref="Loss"/> (float and double)
/// and the formulas of <see cref="MyLosses"/>. Adding a formula = adding one entry here.
/// </summary>
public static class Cases
{
    private static readonly double E32 = Num.Epsilon<float>();
    private static readonly double E64 = Num.Epsilon<double>();

    public static readonly IReadOnlyList<ILossCase> All =
    [
        .. Builtins(),
        .. Mine(),
    ];

    private static readonly Dictionary<string, ILossCase> ByName = All.ToDictionary(c => c.Name);

    /// <summary>xunit MemberData: one row per case name.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (ILossCase c in All)
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    /// <summary>xunit MemberData: the cases whose gradient has a hand-written scalar reference with a stated bound.</summary>
    public static TheoryData<string> HandWrittenGradientNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (ILossCase c in All.Where(c => c.ChecksHandWrittenGradient))
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    /// <summary>xunit MemberData: the cases that bind the gradient with respect to the target.</summary>
    public static TheoryData<string> TargetGradientNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (ILossCase c in All.Where(c => c.ChecksTargetGradient))
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    public static void Run(string name, ICaseVisitor visitor) => ByName[name].Accept(visitor);

    private static double Abs(double v) => Math.Abs(v);

    private static IEnumerable<ILossCase> Builtins()
    {
        F64 one = (_, _, _, _) => 1;
        yield return new LossCase<float>
        {
            Name = "L1<float>", Owner = typeof(Loss), Method = nameof(Loss.L1), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.L1(x, a, r), (x, a, _, h, d) => Loss.L1(x, a, d), (x, a, _, h, d, r) => Loss.L1Gradient(x, a, d, r), (x, a, _, h, g, r) => Loss.L1WithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.L1Hessian(x, a, d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.L1Gradients(x, a, new Span<float>(new float[x.Length]), d, r),
            Object = h => Api<float>.Of(new Loss.L1Loss<float>()), ObjectType = typeof(Loss.L1Loss<float>),
            Loss64 = (x, t, _, _) => Abs(x - t), Branch = (x, t, _, _) => Math.Sign(x - t), GradientScale = one, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "L1<double>", Owner = typeof(Loss), Method = nameof(Loss.L1), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.L1(x, a, r), (x, a, _, h, d) => Loss.L1(x, a, d), (x, a, _, h, d, r) => Loss.L1Gradient(x, a, d, r), (x, a, _, h, g, r) => Loss.L1WithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.L1Hessian(x, a, d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.L1Gradients(x, a, new Span<double>(new double[x.Length]), d, r),
            Object = h => Api<double>.Of(new Loss.L1Loss<double>()), ObjectType = typeof(Loss.L1Loss<double>),
            Loss64 = (x, t, _, _) => Abs(x - t), Branch = (x, t, _, _) => Math.Sign(x - t), GradientScale = one, HessianScale = one,
        };
        F64 mseG = (x, t, _, _) => 2 * (Abs(x) + Abs(t));
        F64 two = (_, _, _, _) => 2;
        yield return new LossCase<float>
        {
            Name = "Mse<float>", Owner = typeof(Loss), Method = nameof(Loss.Mse), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.Mse(x, a, r), (x, a, _, h, d) => Loss.Mse(x, a, d), (x, a, _, h, d, r) => Loss.MseGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.MseWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.MseHessian(x, a, d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.MseGradients(x, a, new Span<float>(new float[x.Length]), d, r),
            Object = h => Api<float>.Of(new Loss.MseLoss<float>()), ObjectType = typeof(Loss.MseLoss<float>),
            Loss64 = (x, t, _, _) => (x - t) * (x - t), GradientScale = mseG, HessianScale = two,
        };
        yield return new LossCase<double>
        {
            Name = "Mse<double>", Owner = typeof(Loss), Method = nameof(Loss.Mse), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.Mse(x, a, r), (x, a, _, h, d) => Loss.Mse(x, a, d), (x, a, _, h, d, r) => Loss.MseGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.MseWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.MseHessian(x, a, d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.MseGradients(x, a, new Span<double>(new double[x.Length]), d, r),
            Object = h => Api<double>.Of(new Loss.MseLoss<double>()), ObjectType = typeof(Loss.MseLoss<double>),
            Loss64 = (x, t, _, _) => (x - t) * (x - t), GradientScale = mseG, HessianScale = two,
        };
        F64 sl1 = (x, t, _, h) => Abs(x - t) < h[0] ? 0.5 * (x - t) * (x - t) / h[0] : Abs(x - t) - (0.5 * h[0]);
        F64 sl1G = (x, t, _, h) => h[0] > 0 ? ((Abs(x) + Abs(t)) / h[0]) + 1 : 1;
        F64 sl1H = (x, t, _, h) => h[0] > 0 ? 1 / h[0] : 1;
        F64 side = (x, t, _, h) => SideOf(x - t, h[0]);
        yield return new LossCase<float>
        {
            Name = "SmoothL1<float>", Owner = typeof(Loss), Method = nameof(Loss.SmoothL1), Domain = Target(Beta),
            Api = new((x, a, _, h, r) => Loss.SmoothL1(x, a, h[0], r), (x, a, _, h, d) => Loss.SmoothL1(x, a, h[0], d), (x, a, _, h, d, r) => Loss.SmoothL1Gradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.SmoothL1WithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.SmoothL1Hessian(x, a, h[0], d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.SmoothL1Gradients(x, a, h[0], new Span<float>(new float[x.Length]), d, r),
            Object = h => Api<float>.Of(new Loss.SmoothL1Loss<float>(h[0])), ObjectType = typeof(Loss.SmoothL1Loss<float>),
            Loss64 = sl1, Branch = side, GradientScale = sl1G, HessianScale = sl1H,
        };
        yield return new LossCase<double>
        {
            Name = "SmoothL1<double>", Owner = typeof(Loss), Method = nameof(Loss.SmoothL1), Domain = Target(Beta),
            Api = new((x, a, _, h, r) => Loss.SmoothL1(x, a, h[0], r), (x, a, _, h, d) => Loss.SmoothL1(x, a, h[0], d), (x, a, _, h, d, r) => Loss.SmoothL1Gradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.SmoothL1WithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.SmoothL1Hessian(x, a, h[0], d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.SmoothL1Gradients(x, a, h[0], new Span<double>(new double[x.Length]), d, r),
            Object = h => Api<double>.Of(new Loss.SmoothL1Loss<double>(h[0])), ObjectType = typeof(Loss.SmoothL1Loss<double>),
            Loss64 = sl1, Branch = side, GradientScale = sl1G, HessianScale = sl1H,
        };
        F64 huber = (x, t, _, h) => Abs(x - t) < h[0] ? 0.5 * (x - t) * (x - t) : h[0] * (Abs(x - t) - (0.5 * h[0]));
        F64 huberG = (x, t, _, h) => Abs(x) + Abs(t) + h[0];
        yield return new LossCase<float>
        {
            Name = "Huber<float>", Owner = typeof(Loss), Method = nameof(Loss.Huber), Domain = Target(Delta),
            Api = new((x, a, _, h, r) => Loss.Huber(x, a, h[0], r), (x, a, _, h, d) => Loss.Huber(x, a, h[0], d), (x, a, _, h, d, r) => Loss.HuberGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.HuberWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.HuberHessian(x, a, h[0], d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.HuberGradients(x, a, h[0], new Span<float>(new float[x.Length]), d, r),
            Object = h => Api<float>.Of(new Loss.HuberLoss<float>(h[0])), ObjectType = typeof(Loss.HuberLoss<float>),
            Loss64 = huber, Branch = side, GradientScale = huberG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "Huber<double>", Owner = typeof(Loss), Method = nameof(Loss.Huber), Domain = Target(Delta),
            Api = new((x, a, _, h, r) => Loss.Huber(x, a, h[0], r), (x, a, _, h, d) => Loss.Huber(x, a, h[0], d), (x, a, _, h, d, r) => Loss.HuberGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.HuberWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.HuberHessian(x, a, h[0], d, r)),
            TargetGradient = (x, a, _, h, d, r) => Loss.HuberGradients(x, a, h[0], new Span<double>(new double[x.Length]), d, r),
            Object = h => Api<double>.Of(new Loss.HuberLoss<double>(h[0])), ObjectType = typeof(Loss.HuberLoss<double>),
            Loss64 = huber, Branch = side, GradientScale = huberG, HessianScale = one,
        };
        F64 bce = (x, t, _, _) => Loss.BinaryCrossEntropyWithLogits(x, t);
        F64 bceG = (x, t, _, _) => 1 + Abs(t) + Abs(1 - t);
        yield return new LossCase<float>
        {
            Name = "BinaryCrossEntropyWithLogits<float>", Owner = typeof(Loss), Method = nameof(Loss.BinaryCrossEntropyWithLogits), Domain = Probability(), LossBound = Bce(E32),
            Api = new((x, a, _, h, r) => Loss.BinaryCrossEntropyWithLogits(x, a, r), (x, a, _, h, d) => Loss.BinaryCrossEntropyWithLogits(x, a, d), (x, a, _, h, d, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.BinaryCrossEntropyWithLogitsHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.BinaryCrossEntropyWithLogitsLoss<float>()), ObjectType = typeof(Loss.BinaryCrossEntropyWithLogitsLoss<float>),
            Loss64 = bce, GradientScale = bceG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "BinaryCrossEntropyWithLogits<double>", Owner = typeof(Loss), Method = nameof(Loss.BinaryCrossEntropyWithLogits), Domain = Probability(), LossBound = Bce(E64),
            Api = new((x, a, _, h, r) => Loss.BinaryCrossEntropyWithLogits(x, a, r), (x, a, _, h, d) => Loss.BinaryCrossEntropyWithLogits(x, a, d), (x, a, _, h, d, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.BinaryCrossEntropyWithLogitsHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.BinaryCrossEntropyWithLogitsLoss<double>()), ObjectType = typeof(Loss.BinaryCrossEntropyWithLogitsLoss<double>),
            Loss64 = bce, GradientScale = bceG, HessianScale = one,
        };
        F64 focal = (x, t, _, h) => Loss.SigmoidFocal(x, t, h[0], h[1]);
        F64 focalG = (x, t, _, h) => FocalScale(x, t, h);
        F64 focalH = (x, t, _, h) => FocalScale(x, t, h) * (1 + h[1]) * (1 + Abs(x));
        yield return new LossCase<float>
        {
            Name = "SigmoidFocal<float>", Owner = typeof(Loss), Method = nameof(Loss.SigmoidFocal), Domain = Probability(Alpha, Gamma), LossBound = Focal(E32),
            Api = new((x, a, _, h, r) => Loss.SigmoidFocal(x, a, h[0], h[1], r), (x, a, _, h, d) => Loss.SigmoidFocal(x, a, h[0], h[1], d), (x, a, _, h, d, r) => Loss.SigmoidFocalGradient(x, a, h[0], h[1], d, r), (x, a, _, h, g, r) => Loss.SigmoidFocalWithGradient(x, a, h[0], h[1], g, r), (x, a, _, h, d, r) => Loss.SigmoidFocalHessian(x, a, h[0], h[1], d, r)),
            Object = h => Api<float>.Of(new Loss.SigmoidFocalLoss<float>(h[0], h[1])), ObjectType = typeof(Loss.SigmoidFocalLoss<float>),
            Loss64 = focal, GradientScale = focalG, HessianScale = focalH,
        };
        yield return new LossCase<double>
        {
            Name = "SigmoidFocal<double>", Owner = typeof(Loss), Method = nameof(Loss.SigmoidFocal), Domain = Probability(Alpha, Gamma), LossBound = Focal(E64),
            Api = new((x, a, _, h, r) => Loss.SigmoidFocal(x, a, h[0], h[1], r), (x, a, _, h, d) => Loss.SigmoidFocal(x, a, h[0], h[1], d), (x, a, _, h, d, r) => Loss.SigmoidFocalGradient(x, a, h[0], h[1], d, r), (x, a, _, h, g, r) => Loss.SigmoidFocalWithGradient(x, a, h[0], h[1], g, r), (x, a, _, h, d, r) => Loss.SigmoidFocalHessian(x, a, h[0], h[1], d, r)),
            Object = h => Api<double>.Of(new Loss.SigmoidFocalLoss<double>(h[0], h[1])), ObjectType = typeof(Loss.SigmoidFocalLoss<double>),
            Loss64 = focal, GradientScale = focalG, HessianScale = focalH,
        };
        F64 hinge = (x, t, _, _) => Loss.Hinge(x, t);
        F64 hingeSide = (x, t, _, _) => Math.Sign(1 - (t * x));
        F64 hingeG = (x, t, _, _) => 1 + Abs(t);
        yield return new LossCase<float>
        {
            Name = "Hinge<float>", Owner = typeof(Loss), Method = nameof(Loss.Hinge), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.Hinge(x, a, r), (x, a, _, h, d) => Loss.Hinge(x, a, d), (x, a, _, h, d, r) => Loss.HingeGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.HingeWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.HingeHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.HingeLoss<float>()), ObjectType = typeof(Loss.HingeLoss<float>),
            Loss64 = hinge, Branch = hingeSide, GradientScale = hingeG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "Hinge<double>", Owner = typeof(Loss), Method = nameof(Loss.Hinge), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.Hinge(x, a, r), (x, a, _, h, d) => Loss.Hinge(x, a, d), (x, a, _, h, d, r) => Loss.HingeGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.HingeWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.HingeHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.HingeLoss<double>()), ObjectType = typeof(Loss.HingeLoss<double>),
            Loss64 = hinge, Branch = hingeSide, GradientScale = hingeG, HessianScale = one,
        };
        F64 sqHinge = (x, t, _, _) => Loss.SquaredHinge(x, t);
        F64 sqHingeG = (x, t, _, _) => 2 * (1 + Abs(t)) * (1 + Abs(t * x));
        F64 sqHingeH = (x, t, _, _) => 1 + (2 * t * t);
        yield return new LossCase<float>
        {
            Name = "SquaredHinge<float>", Owner = typeof(Loss), Method = nameof(Loss.SquaredHinge), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.SquaredHinge(x, a, r), (x, a, _, h, d) => Loss.SquaredHinge(x, a, d), (x, a, _, h, d, r) => Loss.SquaredHingeGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.SquaredHingeWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.SquaredHingeHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.SquaredHingeLoss<float>()), ObjectType = typeof(Loss.SquaredHingeLoss<float>),
            Loss64 = sqHinge, Branch = hingeSide, GradientScale = sqHingeG, HessianScale = sqHingeH,
        };
        yield return new LossCase<double>
        {
            Name = "SquaredHinge<double>", Owner = typeof(Loss), Method = nameof(Loss.SquaredHinge), Domain = Target(),
            Api = new((x, a, _, h, r) => Loss.SquaredHinge(x, a, r), (x, a, _, h, d) => Loss.SquaredHinge(x, a, d), (x, a, _, h, d, r) => Loss.SquaredHingeGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.SquaredHingeWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.SquaredHingeHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.SquaredHingeLoss<double>()), ObjectType = typeof(Loss.SquaredHingeLoss<double>),
            Loss64 = sqHinge, Branch = hingeSide, GradientScale = sqHingeG, HessianScale = sqHingeH,
        };
        F64 logCosh = (x, t, _, _) => Loss.LogCosh(x, t);
        yield return new LossCase<float>
        {
            Name = "Loss.LogCosh<float>", Owner = typeof(Loss), Method = nameof(Loss.LogCosh), Domain = Target(), LossBound = LogCoshStable(E32), GradientBound = Tanh,
            Api = new((x, a, _, h, r) => Loss.LogCosh(x, a, r), (x, a, _, h, d) => Loss.LogCosh(x, a, d), (x, a, _, h, d, r) => Loss.LogCoshGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.LogCoshWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.LogCoshHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.LogCoshLoss<float>()), ObjectType = typeof(Loss.LogCoshLoss<float>),
            Loss64 = logCosh, GradientScale = one, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "Loss.LogCosh<double>", Owner = typeof(Loss), Method = nameof(Loss.LogCosh), Domain = Target(), LossBound = LogCoshStable(E64), GradientBound = Tanh,
            Api = new((x, a, _, h, r) => Loss.LogCosh(x, a, r), (x, a, _, h, d) => Loss.LogCosh(x, a, d), (x, a, _, h, d, r) => Loss.LogCoshGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.LogCoshWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.LogCoshHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.LogCoshLoss<double>()), ObjectType = typeof(Loss.LogCoshLoss<double>),
            Loss64 = logCosh, GradientScale = one, HessianScale = one,
        };
        F64 softMargin = (x, t, _, _) => Loss.SoftMargin(x, t);
        F64 softMarginG = (x, t, _, _) => 1 + Abs(t);
        F64 softMarginH = (x, t, _, _) => 1 + (t * t);
        yield return new LossCase<float>
        {
            Name = "SoftMargin<float>", Owner = typeof(Loss), Method = nameof(Loss.SoftMargin), Domain = Target(), LossBound = new(4, (_, _, _, _) => 4 * E32, "≤ 4 ulp + 4ε"),
            Api = new((x, a, _, h, r) => Loss.SoftMargin(x, a, r), (x, a, _, h, d) => Loss.SoftMargin(x, a, d), (x, a, _, h, d, r) => Loss.SoftMarginGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.SoftMarginWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.SoftMarginHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.SoftMarginLoss<float>()), ObjectType = typeof(Loss.SoftMarginLoss<float>),
            Loss64 = softMargin, GradientScale = softMarginG, HessianScale = softMarginH,
        };
        yield return new LossCase<double>
        {
            Name = "SoftMargin<double>", Owner = typeof(Loss), Method = nameof(Loss.SoftMargin), Domain = Target(), LossBound = new(4, (_, _, _, _) => 4 * E64, "≤ 4 ulp + 4ε"),
            Api = new((x, a, _, h, r) => Loss.SoftMargin(x, a, r), (x, a, _, h, d) => Loss.SoftMargin(x, a, d), (x, a, _, h, d, r) => Loss.SoftMarginGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.SoftMarginWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.SoftMarginHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.SoftMarginLoss<double>()), ObjectType = typeof(Loss.SoftMarginLoss<double>),
            Loss64 = softMargin, GradientScale = softMarginG, HessianScale = softMarginH,
        };
        F64 klDiv = (x, t, _, _) => Loss.KlDiv(x, t);
        F64 tLogT = (_, t, _, _) => Abs(t * Math.Log(Abs(t)));
        yield return new LossCase<float>
        {
            Name = "KlDiv<float>", Owner = typeof(Loss), Method = nameof(Loss.KlDiv), Domain = Probability(), LossBound = new(4, (x, t, b, h) => 4 * E32 * tLogT(x, t, b, h), "≤ 4 ulp + 4ε·|t·log t|"),
            Api = new((x, a, _, h, r) => Loss.KlDiv(x, a, r), (x, a, _, h, d) => Loss.KlDiv(x, a, d), (x, a, _, h, d, r) => Loss.KlDivGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.KlDivWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.KlDivHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.KlDivLoss<float>()), ObjectType = typeof(Loss.KlDivLoss<float>),
            Loss64 = klDiv, GradientScale = hingeG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "KlDiv<double>", Owner = typeof(Loss), Method = nameof(Loss.KlDiv), Domain = Probability(), LossBound = new(4, (x, t, b, h) => 4 * E64 * tLogT(x, t, b, h), "≤ 4 ulp + 4ε·|t·log t|"),
            Api = new((x, a, _, h, r) => Loss.KlDiv(x, a, r), (x, a, _, h, d) => Loss.KlDiv(x, a, d), (x, a, _, h, d, r) => Loss.KlDivGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.KlDivWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.KlDivHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.KlDivLoss<double>()), ObjectType = typeof(Loss.KlDivLoss<double>),
            Loss64 = klDiv, GradientScale = hingeG, HessianScale = one,
        };
        F64 klDivLog = (x, t, _, _) => Loss.KlDivLogTarget(x, t);
        F64 klDivLogG = (_, t, _, _) => 1 + Math.Exp(t);
        yield return new LossCase<float>
        {
            Name = "KlDivLogTarget<float>", Owner = typeof(Loss), Method = nameof(Loss.KlDivLogTarget), Domain = Target(),
            LossBound = new(4, (x, t, _, _) => 4 * Abs(t - x) * double.CreateTruncating(float.Epsilon), "≤ 4 ulp + 4·|t − x|·(smallest subnormal)"),
            Api = new((x, a, _, h, r) => Loss.KlDivLogTarget(x, a, r), (x, a, _, h, d) => Loss.KlDivLogTarget(x, a, d), (x, a, _, h, d, r) => Loss.KlDivLogTargetGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.KlDivLogTargetWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.KlDivLogTargetHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.KlDivLogTargetLoss<float>()), ObjectType = typeof(Loss.KlDivLogTargetLoss<float>),
            Loss64 = klDivLog, GradientScale = klDivLogG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "KlDivLogTarget<double>", Owner = typeof(Loss), Method = nameof(Loss.KlDivLogTarget), Domain = Target(),
            LossBound = new(4, (x, t, _, _) => 4 * Abs(t - x) * double.Epsilon, "≤ 4 ulp + 4·|t − x|·(smallest subnormal)"),
            Api = new((x, a, _, h, r) => Loss.KlDivLogTarget(x, a, r), (x, a, _, h, d) => Loss.KlDivLogTarget(x, a, d), (x, a, _, h, d, r) => Loss.KlDivLogTargetGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.KlDivLogTargetWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.KlDivLogTargetHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.KlDivLogTargetLoss<double>()), ObjectType = typeof(Loss.KlDivLogTargetLoss<double>),
            Loss64 = klDivLog, GradientScale = klDivLogG, HessianScale = one,
        };
        F64 poisson = (x, t, _, _) => Loss.PoissonNll(x, t);
        F64 poissonTerms = (x, t, _, _) => Math.Exp(x) + Abs(t * x);
        F64 poissonG = (x, t, _, _) => 1 + Math.Exp(x) + Abs(t);
        F64 poissonH = (x, _, _, _) => 1 + Math.Exp(x);
        yield return new LossCase<float>
        {
            Name = "PoissonNll<float>", Owner = typeof(Loss), Method = nameof(Loss.PoissonNll), Domain = Target(), LossBound = new(4, (x, t, b, h) => 4 * E32 * poissonTerms(x, t, b, h), "≤ 4 ulp + 4ε·(e^x + |t·x|)"),
            Api = new((x, a, _, h, r) => Loss.PoissonNll(x, a, r), (x, a, _, h, d) => Loss.PoissonNll(x, a, d), (x, a, _, h, d, r) => Loss.PoissonNllGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.PoissonNllWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.PoissonNllHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.PoissonNllLoss<float>()), ObjectType = typeof(Loss.PoissonNllLoss<float>),
            Loss64 = poisson, GradientScale = poissonG, HessianScale = poissonH,
        };
        yield return new LossCase<double>
        {
            Name = "PoissonNll<double>", Owner = typeof(Loss), Method = nameof(Loss.PoissonNll), Domain = Target(), LossBound = new(4, (x, t, b, h) => 4 * E64 * poissonTerms(x, t, b, h), "≤ 4 ulp + 4ε·(e^x + |t·x|)"),
            Api = new((x, a, _, h, r) => Loss.PoissonNll(x, a, r), (x, a, _, h, d) => Loss.PoissonNll(x, a, d), (x, a, _, h, d, r) => Loss.PoissonNllGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.PoissonNllWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.PoissonNllHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.PoissonNllLoss<double>()), ObjectType = typeof(Loss.PoissonNllLoss<double>),
            Loss64 = poisson, GradientScale = poissonG, HessianScale = poissonH,
        };
        F64 poissonFull = (x, t, _, _) => Loss.PoissonNllFull(x, t);
        F64 poissonFullTerms = (x, t, b, h) => poissonTerms(x, t, b, h) + ((Abs(t) + 1) * (1 + Abs(Math.Log(Abs(t)))));
        yield return new LossCase<float>
        {
            Name = "PoissonNllFull<float>", Owner = typeof(Loss), Method = nameof(Loss.PoissonNllFull), Domain = Target(), LossBound = new(4, (x, t, b, h) => 8 * E32 * poissonFullTerms(x, t, b, h), "≤ 4 ulp + 8ε·(e^x + |t·x| + (|t| + 1)(1 + |log t|))"),
            Api = new((x, a, _, h, r) => Loss.PoissonNllFull(x, a, r), (x, a, _, h, d) => Loss.PoissonNllFull(x, a, d), (x, a, _, h, d, r) => Loss.PoissonNllFullGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.PoissonNllFullWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.PoissonNllFullHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new Loss.PoissonNllFullLoss<float>()), ObjectType = typeof(Loss.PoissonNllFullLoss<float>),
            Loss64 = poissonFull, GradientScale = poissonG, HessianScale = poissonH,
        };
        yield return new LossCase<double>
        {
            Name = "PoissonNllFull<double>", Owner = typeof(Loss), Method = nameof(Loss.PoissonNllFull), Domain = Target(), LossBound = new(4, (x, t, b, h) => 8 * E64 * poissonFullTerms(x, t, b, h), "≤ 4 ulp + 8ε·(e^x + |t·x| + (|t| + 1)(1 + |log t|))"),
            Api = new((x, a, _, h, r) => Loss.PoissonNllFull(x, a, r), (x, a, _, h, d) => Loss.PoissonNllFull(x, a, d), (x, a, _, h, d, r) => Loss.PoissonNllFullGradient(x, a, d, r), (x, a, _, h, g, r) => Loss.PoissonNllFullWithGradient(x, a, g, r), (x, a, _, h, d, r) => Loss.PoissonNllFullHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new Loss.PoissonNllFullLoss<double>()), ObjectType = typeof(Loss.PoissonNllFullLoss<double>),
            Loss64 = poissonFull, GradientScale = poissonG, HessianScale = poissonH,
        };
        HyperSpec margin = new(1, [0, 0.5, 2, -1], -5, 5, false, [1e30, -1e30]);
        F64 hingeEmbedding = (x, t, _, h) => Loss.HingeEmbedding(x, t, h[0]);
        F64 hingeEmbeddingSide = (x, t, _, h) => t != 1 ? Math.Sign(h[0] - x) : 0;
        F64 two2 = (_, _, _, _) => 2;
        yield return new LossCase<float>
        {
            Name = "HingeEmbedding<float>", Owner = typeof(Loss), Method = nameof(Loss.HingeEmbedding), Domain = Target(margin),
            Api = new((x, a, _, h, r) => Loss.HingeEmbedding(x, a, h[0], r), (x, a, _, h, d) => Loss.HingeEmbedding(x, a, h[0], d), (x, a, _, h, d, r) => Loss.HingeEmbeddingGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.HingeEmbeddingWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.HingeEmbeddingHessian(x, a, h[0], d, r)),
            Object = h => Api<float>.Of(new Loss.HingeEmbeddingLoss<float>(h[0])), ObjectType = typeof(Loss.HingeEmbeddingLoss<float>),
            Loss64 = hingeEmbedding, Branch = hingeEmbeddingSide, GradientScale = two2, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "HingeEmbedding<double>", Owner = typeof(Loss), Method = nameof(Loss.HingeEmbedding), Domain = Target(margin),
            Api = new((x, a, _, h, r) => Loss.HingeEmbedding(x, a, h[0], r), (x, a, _, h, d) => Loss.HingeEmbedding(x, a, h[0], d), (x, a, _, h, d, r) => Loss.HingeEmbeddingGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => Loss.HingeEmbeddingWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => Loss.HingeEmbeddingHessian(x, a, h[0], d, r)),
            Object = h => Api<double>.Of(new Loss.HingeEmbeddingLoss<double>(h[0])), ObjectType = typeof(Loss.HingeEmbeddingLoss<double>),
            Loss64 = hingeEmbedding, Branch = hingeEmbeddingSide, GradientScale = two2, HessianScale = one,
        };
        CaseDomain ranking = new(2, OperandKind.General, OperandKind.General, [margin]);
        F64 marginRanking = (x, a, b, h) => Math.Max((-b * (x - a)) + h[0], 0);
        F64 marginRankingSide = (x, a, b, h) => Math.Sign((-b * (x - a)) + h[0]);
        F64 marginRankingG = (_, _, b, _) => 1 + Abs(b);
        yield return new LossCase<float>
        {
            Name = "MarginRanking<float>", Owner = typeof(Loss), Method = nameof(Loss.MarginRanking), Domain = ranking,
            Api = new((x, a, b, h, r) => Loss.MarginRanking(x, a, b, h[0], r), (x, a, b, h, d) => Loss.MarginRanking(x, a, b, h[0], d), (x, a, b, h, d, r) => Loss.MarginRankingGradient(x, a, b, h[0], d, r), (x, a, b, h, g, r) => Loss.MarginRankingWithGradient(x, a, b, h[0], g, r), (x, a, b, h, d, r) => Loss.MarginRankingHessian(x, a, b, h[0], d, r)),
            Object = h =>
            {
                var o = new Loss.MarginRankingLoss<float>(h[0]);
                return new((x, a, b, _, r) => o.Loss(x, a, b, r), (x, a, b, _, d) => o.Loss(x, a, b, d), (x, a, b, _, d, r) => o.Gradient(x, a, b, d, r), (x, a, b, _, g, r) => o.LossWithGradient(x, a, b, g, r), (x, a, b, _, d, r) => o.Hessian(x, a, b, d, r));
            },
            ObjectType = typeof(Loss.MarginRankingLoss<float>),
            Loss64 = marginRanking, Branch = marginRankingSide, GradientScale = marginRankingG, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "MarginRanking<double>", Owner = typeof(Loss), Method = nameof(Loss.MarginRanking), Domain = ranking,
            Api = new((x, a, b, h, r) => Loss.MarginRanking(x, a, b, h[0], r), (x, a, b, h, d) => Loss.MarginRanking(x, a, b, h[0], d), (x, a, b, h, d, r) => Loss.MarginRankingGradient(x, a, b, h[0], d, r), (x, a, b, h, g, r) => Loss.MarginRankingWithGradient(x, a, b, h[0], g, r), (x, a, b, h, d, r) => Loss.MarginRankingHessian(x, a, b, h[0], d, r)),
            Object = h =>
            {
                var o = new Loss.MarginRankingLoss<double>(h[0]);
                return new((x, a, b, _, r) => o.Loss(x, a, b, r), (x, a, b, _, d) => o.Loss(x, a, b, d), (x, a, b, _, d, r) => o.Gradient(x, a, b, d, r), (x, a, b, _, g, r) => o.LossWithGradient(x, a, b, g, r), (x, a, b, _, d, r) => o.Hessian(x, a, b, d, r));
            },
            ObjectType = typeof(Loss.MarginRankingLoss<double>),
            Loss64 = marginRanking, Branch = marginRankingSide, GradientScale = marginRankingG, HessianScale = one,
        };
    }

    private static IEnumerable<ILossCase> Mine()
    {
        F64 one = (_, _, _, _) => 1;
        yield return new LossCase<float>
        {
            Name = "LogCosh<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.LogCosh), Domain = Target(), LossBound = LogCosh(E32),
            Api = new((x, a, _, h, r) => MyLosses.LogCosh(x, a, r), (x, a, _, h, d) => MyLosses.LogCosh(x, a, d), (x, a, _, h, d, r) => MyLosses.LogCoshGradient(x, a, d, r), (x, a, _, h, g, r) => MyLosses.LogCoshWithGradient(x, a, g, r), (x, a, _, h, d, r) => MyLosses.LogCoshHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new MyLosses.LogCoshLoss()), ObjectType = typeof(MyLosses.LogCoshLoss),
            Loss64 = (x, t, _, _) => Math.Log(Math.Cosh(x - t)), GradientScale = one, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "Custom<double>", Owner = typeof(MyLosses), Method = nameof(MyLosses.Custom), Domain = Target(Param, Param),
            Api = new((x, a, _, h, r) => MyLosses.Custom(x, a, h[0], h[1], r), (x, a, _, h, d) => MyLosses.Custom(x, a, h[0], h[1], d), (x, a, _, h, d, r) => MyLosses.CustomGradient(x, a, h[0], h[1], d, r), (x, a, _, h, g, r) => MyLosses.CustomWithGradient(x, a, h[0], h[1], g, r), (x, a, _, h, d, r) => MyLosses.CustomHessian(x, a, h[0], h[1], d, r)),
            Object = h => Api<double>.Of(new MyLosses.CustomLoss(h[0], h[1])), ObjectType = typeof(MyLosses.CustomLoss),
            Loss64 = (x, t, _, h) => ((x - t) * (x - t)) + (h[0] * x) + (h[1] * t),
            GradientScale = (x, t, _, h) => (2 * (Abs(x) + Abs(t))) + Abs(h[0]), HessianScale = (_, _, _, _) => 2,
        };
        yield return new LossCase<float>
        {
            Name = "WeightedSquare<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.WeightedSquare), Domain = TargetAndWeight(),
            Api = new((x, a, b, h, r) => MyLosses.WeightedSquare(x, a, b, r), (x, a, b, h, d) => MyLosses.WeightedSquare(x, a, b, d), (x, a, b, h, d, r) => MyLosses.WeightedSquareGradient(x, a, b, d, r), (x, a, b, h, g, r) => MyLosses.WeightedSquareWithGradient(x, a, b, g, r), (x, a, b, h, d, r) => MyLosses.WeightedSquareHessian(x, a, b, d, r)),
            Object = h =>
            {
                var o = new MyLosses.WeightedSquareLoss();
                return new((x, a, b, _, r) => o.Loss(x, a, b, r), (x, a, b, _, d) => o.Loss(x, a, b, d), (x, a, b, _, d, r) => o.Gradient(x, a, b, d, r), (x, a, b, _, g, r) => o.LossWithGradient(x, a, b, g, r), (x, a, b, _, d, r) => o.Hessian(x, a, b, d, r));
            },
            ObjectType = typeof(MyLosses.WeightedSquareLoss),
            Loss64 = (x, t, w, _) => w * (x - t) * (x - t),
            GradientScale = (x, t, w, _) => 2 * Abs(w) * (Abs(x) + Abs(t)), HessianScale = (_, _, w, _) => 2 * Abs(w),
        };
        F64 mix = (x, t, _, h) => MyLosses.GenericMix(x, t, h[0]);
        F64 mixG = (x, t, _, h) => 3 + h[0];
        F64 mixH = (x, t, _, h) => (1 + h[0]) * (1 + h[0]) * (2 + Math.Pow(Math.Tanh(Abs(x - t)), h[0] - 2));
        F64 mixBranch = (x, t, _, _) => GenericMixBranch(x, t);
        yield return new LossCase<float>
        {
            Name = "GenericMix<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.GenericMix), Domain = Target(Power), LossBound = GenericMix(E32),
            Api = new((x, a, _, h, r) => MyLosses.GenericMix(x, a, h[0], r), (x, a, _, h, d) => MyLosses.GenericMix(x, a, h[0], d), (x, a, _, h, d, r) => MyLosses.GenericMixGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => MyLosses.GenericMixWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => MyLosses.GenericMixHessian(x, a, h[0], d, r)),
            Object = h => Api<float>.Of(new MyLosses.GenericMixLoss<float>(h[0])), ObjectType = typeof(MyLosses.GenericMixLoss<float>),
            Loss64 = mix, Branch = mixBranch, GradientScale = mixG, HessianScale = mixH,
        };
        yield return new LossCase<double>
        {
            Name = "GenericMix<double>", Owner = typeof(MyLosses), Method = nameof(MyLosses.GenericMix), Domain = Target(Power), LossBound = GenericMix(E64),
            Api = new((x, a, _, h, r) => MyLosses.GenericMix(x, a, h[0], r), (x, a, _, h, d) => MyLosses.GenericMix(x, a, h[0], d), (x, a, _, h, d, r) => MyLosses.GenericMixGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => MyLosses.GenericMixWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => MyLosses.GenericMixHessian(x, a, h[0], d, r)),
            Object = h => Api<double>.Of(new MyLosses.GenericMixLoss<double>(h[0])), ObjectType = typeof(MyLosses.GenericMixLoss<double>),
            Loss64 = mix, Branch = mixBranch, GradientScale = mixG, HessianScale = mixH,
        };
        F64 sig = (x, t, _, _) => MyLosses.SigmoidMix(x, t);
        F64 sigG = (x, t, _, _) => 2 + Abs(t) + (0.1 * (Abs(x) + Abs(t)));
        yield return new LossCase<float>
        {
            Name = "SigmoidMix<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.SigmoidMix), Domain = Target(), LossBound = SigmoidMix(E32),
            Api = new((x, a, _, h, r) => MyLosses.SigmoidMix(x, a, r), (x, a, _, h, d) => MyLosses.SigmoidMix(x, a, d), (x, a, _, h, d, r) => MyLosses.SigmoidMixGradient(x, a, d, r), (x, a, _, h, g, r) => MyLosses.SigmoidMixWithGradient(x, a, g, r), (x, a, _, h, d, r) => MyLosses.SigmoidMixHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new MyLosses.SigmoidMixLoss<float>()), ObjectType = typeof(MyLosses.SigmoidMixLoss<float>),
            Loss64 = sig, GradientScale = sigG, HessianScale = sigG,
        };
        yield return new LossCase<double>
        {
            Name = "SigmoidMix<double>", Owner = typeof(MyLosses), Method = nameof(MyLosses.SigmoidMix), Domain = Target(), LossBound = SigmoidMix(E64),
            Api = new((x, a, _, h, r) => MyLosses.SigmoidMix(x, a, r), (x, a, _, h, d) => MyLosses.SigmoidMix(x, a, d), (x, a, _, h, d, r) => MyLosses.SigmoidMixGradient(x, a, d, r), (x, a, _, h, g, r) => MyLosses.SigmoidMixWithGradient(x, a, g, r), (x, a, _, h, d, r) => MyLosses.SigmoidMixHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new MyLosses.SigmoidMixLoss<double>()), ObjectType = typeof(MyLosses.SigmoidMixLoss<double>),
            Loss64 = sig, GradientScale = sigG, HessianScale = sigG,
        };
        yield return new LossCase<float>
        {
            Name = "BlockLocals<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.BlockLocals), Domain = Target(Scale),
            Api = new((x, a, _, h, r) => MyLosses.BlockLocals(x, a, h[0], r), (x, a, _, h, d) => MyLosses.BlockLocals(x, a, h[0], d), (x, a, _, h, d, r) => MyLosses.BlockLocalsGradient(x, a, h[0], d, r), (x, a, _, h, g, r) => MyLosses.BlockLocalsWithGradient(x, a, h[0], g, r), (x, a, _, h, d, r) => MyLosses.BlockLocalsHessian(x, a, h[0], d, r)),
            Object = h => Api<float>.Of(new MyLosses.BlockLocalsLoss(h[0])), ObjectType = typeof(MyLosses.BlockLocalsLoss),
            Loss64 = (x, t, _, h) => (h[0] * (x - t) * (x - t) / (1 + Abs(x - t))) + (x - t < 0 ? 0.5 * Abs(x - t) : 0),
            Branch = (x, t, _, _) => Math.Sign(x - t),
            GradientScale = (x, t, _, h) => (1 + h[0]) * (2 + Abs(x) + Abs(t)), HessianScale = (_, _, _, h) => 4 * (1 + h[0]),
        };
        F64 lcs = (x, t, _, _) => MyLosses.LogCoshStable(x, t);
        yield return new LossCase<float>
        {
            Name = "LogCoshStable<float>", Owner = typeof(MyLosses), Method = nameof(MyLosses.LogCoshStable), Domain = Target(), LossBound = LogCoshStable(E32), GradientBound = Tanh,
            Api = new((x, a, _, h, r) => MyLosses.LogCoshStable(x, a, r), (x, a, _, h, d) => MyLosses.LogCoshStable(x, a, d), (x, a, _, h, d, r) => MyLosses.LogCoshStableGradient(x, a, d, r), (x, a, _, h, g, r) => MyLosses.LogCoshStableWithGradient(x, a, g, r), (x, a, _, h, d, r) => MyLosses.LogCoshStableHessian(x, a, d, r)),
            Object = h => Api<float>.Of(new MyLosses.LogCoshStableLoss<float>()), ObjectType = typeof(MyLosses.LogCoshStableLoss<float>),
            Loss64 = lcs, GradientScale = one, HessianScale = one,
        };
        yield return new LossCase<double>
        {
            Name = "LogCoshStable<double>", Owner = typeof(MyLosses), Method = nameof(MyLosses.LogCoshStable), Domain = Target(), LossBound = LogCoshStable(E64), GradientBound = Tanh,
            Api = new((x, a, _, h, r) => MyLosses.LogCoshStable(x, a, r), (x, a, _, h, d) => MyLosses.LogCoshStable(x, a, d), (x, a, _, h, d, r) => MyLosses.LogCoshStableGradient(x, a, d, r), (x, a, _, h, g, r) => MyLosses.LogCoshStableWithGradient(x, a, g, r), (x, a, _, h, d, r) => MyLosses.LogCoshStableHessian(x, a, d, r)),
            Object = h => Api<double>.Of(new MyLosses.LogCoshStableLoss<double>()), ObjectType = typeof(MyLosses.LogCoshStableLoss<double>),
            Loss64 = lcs, GradientScale = one, HessianScale = one,
        };
    }
}
