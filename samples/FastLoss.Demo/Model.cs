namespace FastLoss.Demo;

/// <summary>
/// A one-hidden-layer perceptron (ReLU) producing class logits, or softmax regression when <c>hidden</c> is 0.
/// All parameters live in one flat array (W1 [in × hidden], b1, W2 [hidden × classes], b2), so the optimiser is
/// one loop. Plain C#; the losses and their gradients with respect to the logits come from FastLoss.
/// </summary>
internal sealed class Mlp
{
    private readonly int _w1;
    private readonly int _b1;
    private readonly int _w2;
    private readonly int _b2;

    private Mlp(int inputs, int hidden, int classes, float[] parameters)
    {
        Inputs = inputs;
        Hidden = hidden;
        Classes = classes;
        Parameters = parameters;
        _w1 = 0;
        _b1 = inputs * hidden;
        _w2 = _b1 + hidden;
        _b2 = _w2 + ((hidden == 0 ? inputs : hidden) * classes);
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Classes { get; }

    /// <summary>The width of the layer feeding the logits: the hidden layer, or the inputs for softmax regression.</summary>
    public int Penultimate => Hidden == 0 ? Inputs : Hidden;

    public float[] Parameters { get; }

    public string Description => Hidden == 0
        ? $"softmax regression ({Inputs} → {Classes}, {Parameters.Length} parameters)"
        : $"MLP {Inputs} → {Hidden} (ReLU) → {Classes}, {Parameters.Length} parameters";

    /// <summary>He-uniform weights and zero biases, from the seed.</summary>
    public static Mlp Create(int inputs, int hidden, int classes, int seed)
    {
        int penultimate = hidden == 0 ? inputs : hidden;
        var model = new Mlp(inputs, hidden, classes, new float[(inputs * hidden) + hidden + (penultimate * classes) + classes]);
        var random = new Random(seed);
        float limit1 = MathF.Sqrt(6f / inputs);
        for (int i = model._w1; i < model._b1; i++)
        {
            model.Parameters[i] = limit1 * ((2 * random.NextSingle()) - 1);
        }

        float limit2 = MathF.Sqrt(3f / penultimate);
        for (int i = model._w2; i < model._b2; i++)
        {
            model.Parameters[i] = limit2 * ((2 * random.NextSingle()) - 1);
        }

        return model;
    }

    public Mlp Clone() => new(Inputs, Hidden, Classes, (float[])Parameters.Clone());

    /// <summary>Computes the logits [rows × classes] of <paramref name="x"/> [rows × inputs]; keeps the hidden activations for <see cref="Backward"/>.</summary>
    public void Forward(ReadOnlySpan<float> x, int rows, Span<float> activations, Span<float> logits)
    {
        ReadOnlySpan<float> p = Parameters;
        ReadOnlySpan<float> features = x;
        if (Hidden > 0)
        {
            Affine(x, rows, Inputs, p.Slice(_w1, Inputs * Hidden), p.Slice(_b1, Hidden), Hidden, activations);
            Span<float> a = activations[..(rows * Hidden)];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = MathF.Max(a[i], 0f);
            }

            features = a;
        }

        Affine(features, rows, Penultimate, p.Slice(_w2, Penultimate * Classes), p.Slice(_b2, Classes), Classes, logits);
    }

    /// <summary>
    /// Back-propagates d(loss)/d(logits) into <paramref name="gradient"/> (same layout as <see cref="Parameters"/>, overwritten).
    /// </summary>
    public void Backward(ReadOnlySpan<float> x, int rows, ReadOnlySpan<float> activations, ReadOnlySpan<float> logitGradient, Span<float> hiddenGradient, Span<float> gradient)
    {
        gradient.Clear();
        ReadOnlySpan<float> p = Parameters;
        ReadOnlySpan<float> features = Hidden > 0 ? activations : x;
        int m = Penultimate;
        int c = Classes;
        Span<float> gW2 = gradient.Slice(_w2, m * c);
        Span<float> gB2 = gradient.Slice(_b2, c);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> g = logitGradient.Slice(r * c, c);
            ReadOnlySpan<float> a = features.Slice(r * m, m);
            for (int k = 0; k < c; k++)
            {
                gB2[k] += g[k];
            }

            for (int j = 0; j < m; j++)
            {
                float aj = a[j];
                if (aj != 0f)
                {
                    Span<float> rowOfW2 = gW2.Slice(j * c, c);
                    for (int k = 0; k < c; k++)
                    {
                        rowOfW2[k] += aj * g[k];
                    }
                }
            }
        }

        if (Hidden == 0)
        {
            return;
        }

        // d/d(hidden) = g · W2ᵀ, masked by ReLU'; then into W1 and b1.
        ReadOnlySpan<float> w2 = p.Slice(_w2, m * c);
        Span<float> gW1 = gradient.Slice(_w1, Inputs * Hidden);
        Span<float> gB1 = gradient.Slice(_b1, Hidden);
        Span<float> dh = hiddenGradient[..Hidden];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> g = logitGradient.Slice(r * c, c);
            ReadOnlySpan<float> a = activations.Slice(r * m, m);
            for (int j = 0; j < m; j++)
            {
                float sum = 0f;
                if (a[j] > 0f)
                {
                    ReadOnlySpan<float> rowOfW2 = w2.Slice(j * c, c);
                    for (int k = 0; k < c; k++)
                    {
                        sum += rowOfW2[k] * g[k];
                    }
                }

                dh[j] = sum;
                gB1[j] += sum;
            }

            ReadOnlySpan<float> xr = x.Slice(r * Inputs, Inputs);
            for (int i = 0; i < Inputs; i++)
            {
                float xi = xr[i];
                Span<float> rowOfW1 = gW1.Slice(i * Hidden, Hidden);
                for (int j = 0; j < Hidden; j++)
                {
                    rowOfW1[j] += xi * dh[j];
                }
            }
        }
    }

    /// <summary>Predicted class (arg-max logit) of each row.</summary>
    public static void ArgMax(ReadOnlySpan<float> logits, int classes, Span<int> predicted)
    {
        for (int r = 0; r < predicted.Length; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            predicted[r] = best;
        }
    }

    /// <summary>y = x·W + b for <paramref name="rows"/> rows; W is [inputs × outputs] row-major.</summary>
    private static void Affine(ReadOnlySpan<float> x, int rows, int inputs, ReadOnlySpan<float> w, ReadOnlySpan<float> b, int outputs, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> yr = y.Slice(r * outputs, outputs);
            b.CopyTo(yr);
            ReadOnlySpan<float> xr = x.Slice(r * inputs, inputs);
            for (int i = 0; i < inputs; i++)
            {
                float xi = xr[i];
                ReadOnlySpan<float> wi = w.Slice(i * outputs, outputs);
                for (int j = 0; j < outputs; j++)
                {
                    yr[j] += xi * wi[j];
                }
            }
        }
    }
}

/// <summary>Adam (Kingma and Ba 2015) with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8, no weight decay.</summary>
internal sealed class Adam(int parameterCount, float learningRate)
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private readonly float[] _m = new float[parameterCount];
    private readonly float[] _v = new float[parameterCount];
    private int _step;

    public void Step(Span<float> parameters, ReadOnlySpan<float> gradient)
    {
        _step++;
        float correction1 = 1f - MathF.Pow(Beta1, _step);
        float correction2 = 1f - MathF.Pow(Beta2, _step);
        float stepSize = learningRate / correction1;
        float sqrtCorrection2 = MathF.Sqrt(correction2);
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradient[i];
            _m[i] = (Beta1 * _m[i]) + ((1f - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1f - Beta2) * g * g);
            parameters[i] -= stepSize * _m[i] / ((MathF.Sqrt(_v[i]) / sqrtCorrection2) + Epsilon);
        }
    }
}
